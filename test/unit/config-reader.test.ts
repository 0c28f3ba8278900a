import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ConfigReader } from '../../src/background/config-reader';
import { DEFAULT_CONFIG } from '../../src/config/schema';

const setPolicy = (policy: Record<string, unknown>) => fakeBrowser.storage.managed.set(policy);

describe('ConfigReader', () => {
  it('uses the built-in defaults when no policy is set', async () => {
    const state = await new ConfigReader(fakeBrowser.storage).refresh();
    expect(state).toEqual({ config: DEFAULT_CONFIG, source: 'defaults', errors: [] });
  });

  it('applies a valid policy over the defaults', async () => {
    await setPolicy({ serviceLevels: { firstFollowUpBusinessDays: { routine: 5 } } });
    const state = await new ConfigReader(fakeBrowser.storage).refresh();
    expect(state.source).toBe('policy');
    expect(state.config.serviceLevels.firstFollowUpBusinessDays).toEqual({
      ...DEFAULT_CONFIG.serviceLevels.firstFollowUpBusinessDays,
      routine: 5,
    });
  });

  it('keeps the last good policy, across restarts, when a new one is malformed, and says where', async () => {
    await setPolicy({ reminders: { sweepMinutes: 30 } });
    await new ConfigReader(fakeBrowser.storage).refresh();
    await setPolicy({ reminders: { sweepMinutes: 'often' }, calendar: { holidays: ['25/12/2026'] } });
    const restarted = new ConfigReader(fakeBrowser.storage);
    const state = await restarted.refresh();
    expect(state.source).toBe('last-good-policy');
    expect(state.config.reminders.sweepMinutes).toBe(30);
    expect(state.errors).toHaveLength(2);
    expect(state.errors.join('\n')).toMatch(/^reminders\.sweepMinutes: /m);
    expect(state.errors.join('\n')).toMatch(/^calendar\.holidays\.0: expected a date as YYYY-MM-DD/m);
  });

  it('never echoes policy values in its errors', async () => {
    await setPolicy({ calendar: { holidays: ['Patient Jane Doe'] } });
    const state = await new ConfigReader(fakeBrowser.storage).refresh();
    expect(state.errors.join()).not.toContain('Jane');
  });

  it('treats a browser that has no managed storage as having no policy', async () => {
    const storage = {
      managed: { get: () => Promise.reject(new Error('Managed storage manifest not found')) },
      local: fakeBrowser.storage.local,
    };
    expect((await new ConfigReader(storage).refresh()).source).toBe('defaults');
  });
});
