import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConfigReader } from '../../src/background/config-reader';
import { effectiveValues } from '../../src/config/effective-config';
import { DEFAULT_CONFIG } from '../../src/config/schema';

const setPolicy = async (policy: Record<string, unknown>) => {
  await fakeBrowser.storage.managed.clear();
  await fakeBrowser.storage.managed.set(policy);
};
const read = () => new ConfigReader(fakeBrowser.storage, () => 1000).refresh();

describe('ConfigReader', () => {
  it('uses the built-in defaults when no policy is set', async () => {
    const state = await read();
    expect(state.config).toEqual(DEFAULT_CONFIG);
    expect(new Set(Object.values(state.sources))).toEqual(new Set(['default']));
    expect(state.errors).toEqual([]);
  });

  it('applies a valid policy over the defaults', async () => {
    await setPolicy({ serviceLevels: { firstFollowUpBusinessDays: { routine: 5 } } });
    const state = await read();
    expect(state.sources.serviceLevels).toBe('policy');
    expect(state.sources.reasons).toBe('default');
    expect(state.config.serviceLevels.firstFollowUpBusinessDays).toEqual({
      ...DEFAULT_CONFIG.serviceLevels.firstFollowUpBusinessDays,
      routine: 5,
    });
  });

  it('keeps the last good value of a bad setting, across restarts, and says where', async () => {
    await setPolicy({ reminders: { sweepMinutes: 30 } });
    await read();
    await setPolicy({ reminders: { sweepMinutes: 'often' }, calendar: { holidays: ['25/12/2026'] } });
    const state = await read();
    expect(state.sources.reminders).toBe('last-good-policy');
    expect(state.config.reminders.sweepMinutes).toBe(30);
    expect(state.sources.calendar).toBe('default');
    expect(state.errors.map((e) => e.path)).toEqual(['calendar.holidays.0', 'reminders.sweepMinutes']);
    expect(state.errors[0]?.message).toBe('expected a date as YYYY-MM-DD');
  });

  it('applies the good part of a partly invalid policy and nothing of the bad part', async () => {
    await setPolicy({ organization: { name: 'Lakeside Clinic' } });
    await read();
    await setPolicy({
      organization: { name: 'Hillview Clinic', phone: '' },
      reminders: { sweepMinutes: 45 },
    });
    const state = await read();
    expect(state.config.reminders.sweepMinutes).toBe(45);
    // Not the new name with the default phone: the whole organisation setting keeps its last good value.
    expect(state.config.organization.name).toBe('Lakeside Clinic');
    expect(state.sources.organization).toBe('last-good-policy');
    expect(state.errors.map((e) => e.path)).toEqual(['organization.phone']);
  });

  it('lets an admin remove a setting: its default applies and the old value is forgotten', async () => {
    await setPolicy({ reminders: { sweepMinutes: 30 } });
    await read();
    await setPolicy({});
    expect((await read()).config.reminders.sweepMinutes).toBe(DEFAULT_CONFIG.reminders.sweepMinutes);
    await setPolicy({ reminders: { sweepMinutes: 0 } });
    const state = await read();
    expect(state.sources.reminders).toBe('default');
  });

  it.each([
    [
      { calendar: { workingHours: { start: '17:00', end: '08:00' } } },
      'calendar',
      'working hours must end after they start',
    ],
    [
      { calendar: { workingHours: { start: '09:00', end: '09:00' } } },
      'calendar',
      'working hours must end after they start',
    ],
    [
      {
        ehrProfiles: ['a', 'a'].map((id) => ({
          id,
          name: 'Riverbend EHR',
          detect: { cues: [{ label: 'refer to', weight: 1 }] },
          fields: { specialty: [{ labels: ['specialty'] }] },
        })),
      },
      'ehrProfiles',
      'profile ids must be unique',
    ],
  ])('refuses %j, keeping the default and saying why', async (policy, section, message) => {
    await setPolicy(policy);
    const state = await read();
    expect(state.sources[section as keyof typeof state.sources]).toBe('default');
    expect(state.errors.map((error) => error.message)).toContain(message);
  });

  it('takes working hours that end after they start, and profiles with ids of their own', async () => {
    await setPolicy({
      calendar: { workingHours: { start: '07:30', end: '07:31' } },
      ehrProfiles: ['a', 'b'].map((id) => ({
        id,
        name: 'Riverbend EHR',
        detect: { cues: [{ label: 'refer to', weight: 1 }] },
        fields: { specialty: [{ labels: ['specialty'] }] },
      })),
    });
    const state = await read();
    expect(state.errors).toEqual([]);
    expect(state.config.calendar.workingHours).toEqual({ start: '07:30', end: '07:31' });
    expect(state.config.ehrProfiles.map((profile) => profile.id)).toEqual(['a', 'b']);
  });

  it('reports settings Handoff does not know (Firefox passes them through)', async () => {
    await setPolicy({ sweepMinutes: 30 });
    expect((await read()).errors).toEqual([{ path: 'sweepMinutes', message: 'not a Handoff setting' }]);
  });

  it('never echoes policy values in its errors', async () => {
    await setPolicy({ calendar: { holidays: ['Patient Jane Doe'] }, organization: { name: 42 } });
    const state = await read();
    expect(JSON.stringify(state.errors)).not.toMatch(/Jane|42/);
  });

  it('treats a browser that has no managed storage as having no policy', async () => {
    const storage = {
      managed: { get: () => Promise.reject(new Error('Managed storage manifest not found')) },
      local: fakeBrowser.storage.local,
    };
    expect((await new ConfigReader(storage).refresh()).config).toEqual(DEFAULT_CONFIG);
  });
});

describe('a worker that starts again', () => {
  const published = (applied: Record<string, unknown>) => ({ applied, readAt: 500 });

  it('takes up the policy in force at the last read until it has read policy itself', () => {
    const reader = new ConfigReader(fakeBrowser.storage, () => 1000);
    expect(reader.restore(published({ reminders: { sweepMinutes: 30 } }))).toBe(true);
    expect(reader.current.config.reminders.sweepMinutes).toBe(30);
    expect(reader.current.readAt).toBe(500);
  });

  it('validates what it takes up as policy: a value that no longer fits falls back to its default', () => {
    const reader = new ConfigReader(fakeBrowser.storage, () => 1000);
    reader.restore(published({ reminders: { sweepMinutes: 'often' } }));
    expect(reader.current.config.reminders).toEqual(DEFAULT_CONFIG.reminders);
  });

  it('has nothing to take up before any read was published', () => {
    expect(new ConfigReader(fakeBrowser.storage).restore(undefined)).toBe(false);
  });

  it('never replaces policy it has read with an older copy', async () => {
    await setPolicy({ reminders: { sweepMinutes: 45 } });
    const reader = new ConfigReader(fakeBrowser.storage, () => 1000);
    await reader.refresh();
    expect(reader.restore(published({ reminders: { sweepMinutes: 30 } }))).toBe(true);
    expect(reader.current.config.reminders.sweepMinutes).toBe(45);
  });
});

describe('effective values', () => {
  it('name the source of every value, down to the defaults inside a policy object', async () => {
    await setPolicy({
      serviceLevels: { firstFollowUpBusinessDays: { urgent: 1 } },
      ehrOrigins: ['https://ehr.example.org'],
    });
    const values = effectiveValues(await read());
    const source = (path: string) => values.find((v) => v.path === path)?.source;
    expect(source('serviceLevels.firstFollowUpBusinessDays.urgent')).toBe('policy');
    expect(source('serviceLevels.firstFollowUpBusinessDays.routine')).toBe('default');
    expect(source('ehrOrigins')).toBe('policy');
    expect(source('reasons.delay')).toBe('default');
    expect(values.find((v) => v.path === 'ehrOrigins')?.value).toEqual(['https://ehr.example.org']);
  });

  it('list a text as one value and an empty section as a value of its own', async () => {
    await setPolicy({ locale: { phoneCountry: 'AU' } });
    const values = effectiveValues(await read());
    const at = (path: string) => values.find((v) => v.path === path);
    expect(at('locale.phoneCountry')).toEqual({ path: 'locale.phoneCountry', value: 'AU', source: 'policy' });
    // No user setting is enforced by default: the options page still lists the setting, empty.
    expect(at('userSettings')).toEqual({ path: 'userSettings', value: {}, source: 'default' });
    expect(values.some((v) => v.path.startsWith('locale.phoneCountry.'))).toBe(false);
  });
});
