import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readUserSettings } from '../../src/config/read-user-settings';
import { effectiveUserSettings, ownSettings } from '../../src/config/user-settings';
import { storageItems } from '../../src/storage-items';

describe('user settings precedence', () => {
  const own = {
    name: 'Jo Doe',
    initials: 'JD',
    quietHours: { start: '18:00', end: '08:00' },
    panelSide: 'left' as const,
  };

  it('takes the coordinator’s choice over the default', () => {
    const effective = effectiveUserSettings(own, undefined);
    expect(effective.panelSide).toEqual({ value: 'left', source: 'user', readOnly: false });
    expect(effectiveUserSettings({}, undefined).panelSide).toEqual({
      value: 'right',
      source: 'default',
      readOnly: false,
    });
  });

  it('enforces a policy value over the coordinator’s choice, read-only', () => {
    const effective = effectiveUserSettings(own, { values: { panelSide: 'right' }, locks: [] });
    expect(effective.panelSide).toEqual({ value: 'right', source: 'policy', readOnly: true });
    expect(effective.initials.source).toBe('user');
  });

  it('keeps a locked setting without a policy value at its default', () => {
    const effective = effectiveUserSettings(own, { values: {}, locks: ['quietHours'] });
    expect(effective.quietHours).toEqual({ value: null, source: 'default', readOnly: true });
  });

  it('applies in every reader of the settings (reminders, history initials)', async () => {
    await fakeBrowser.storage.local.set({
      [storageItems.userSettings.key]: own,
      [storageItems.managedUserSettings.key]: {
        values: { quietHours: { start: '20:00', end: '07:00' } },
        locks: [],
      },
    });
    expect(await readUserSettings(fakeBrowser.storage.local)).toEqual({
      ...own,
      quietHours: { start: '20:00', end: '07:00' },
    });
  });

  it('reads damaged storage as no choices at all, never as an error', () => {
    for (const damaged of ['right', 42, true, null, undefined]) expect(ownSettings(damaged)).toEqual({});
  });

  it('ignores stored choices that are no longer valid, one by one', () => {
    expect(
      ownSettings({ initials: 'AB', quietHours: { start: '25:00', end: '08:00' }, panelSide: 'top' }),
    ).toEqual({
      initials: 'AB',
    });
  });
});
