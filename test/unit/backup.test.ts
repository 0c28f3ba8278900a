import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import { createRequestHandler } from '../../src/background/request-handler';
import { exportBackup, readBackup, restoreBackup } from '../../src/backup/backup';
import { MAX_BACKUP_CHARS } from '../../src/backup/backup-limits';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../src/backup/backup-schema';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { type ReferralFacts, referralFacts } from '../../src/metrics/facts';
import { openHandoffDatabase } from '../../src/queue/database';
import type { HandoffDatabase } from '../../src/queue/database-schema';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { forEachReferralFacts } from '../../src/queue/facts-store';
import { ReferralQueue, saveReferrals, writeReferrals } from '../../src/queue/referral-queue';
import { reduceReferral } from '../../src/queue/retention';
import type { Referral } from '../../src/referral/referral';
import { storageItems } from '../../src/storage-items';
import { fullReferral } from './backup-referrals';
import { freshDatabaseName } from './fixtures';
import { getMessageFrom } from './i18n-catalogue';

const USER_SETTINGS_KEY = storageItems.userSettings.key;
const PANEL_PLACEMENT_KEY = storageItems.panelPlacement.key;

const NOW = Date.UTC(2026, 10, 27, 15);
const storage = () => fakeBrowser.storage.local;

async function seed(db: HandoffDatabase, referrals: Referral[], pages = ['http://127.0.0.1:8765/home']) {
  const tx = writeReferrals(db);
  await saveReferrals(tx, referrals);
  await tx.done;
  for (const [index, pageKey] of pages.entries())
    await db.put('dismissedPages', { pageKey, at: NOW - index });
  await storage().set({
    [USER_SETTINGS_KEY]: { initials: 'JD', quietHours: { start: '20:00', end: '07:00' }, panelSide: 'left' },
    [PANEL_PLACEMENT_KEY]: { collapsed: true },
  });
}

/** Everything a backup covers, and the metrics facts that must follow the referrals. */
async function snapshot(db: HandoffDatabase) {
  return {
    referrals: await db.getAll('referrals'),
    facts: await db.getAll('referralFacts'),
    dismissedPages: await db.getAll('dismissedPages'),
    settings: await storage().get([USER_SETTINGS_KEY, PANEL_PLACEMENT_KEY]),
  };
}

function handlerFor(db: HandoffDatabase) {
  return createRequestHandler({
    queue: new ReferralQueue(db),
    dismissedPages: new DismissedPages(db),
    config: () => DEFAULT_CONFIG,
    coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
    queueChanged: async () => {},
    now: () => NOW,
  });
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

async function factsOf(db: HandoffDatabase): Promise<ReferralFacts[]> {
  const facts: ReferralFacts[] = [];
  await forEachReferralFacts(db, (fact) => facts.push(fact));
  return facts.sort(byId);
}

async function backupText(db: HandoffDatabase): Promise<string> {
  return (await exportBackup(db, storage(), NOW)).text;
}

describe('backup and restore', () => {
  afterEach(() => {
    Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(en) });
    vi.restoreAllMocks();
  });

  it('round-trips referrals that retention has already reduced', async () => {
    const source = await openHandoffDatabase(freshDatabaseName());
    const closed = [3, 8, 13].map((n) => fullReferral(n));
    expect(closed.every((referral) => referral.status.startsWith('closed'))).toBe(true);
    const reduced = closed.map((referral) => reduceReferral(referral, NOW));
    await seed(source, [...reduced, fullReferral(1)]);
    const before = await snapshot(source);
    const file = await handlerFor(source)({ type: 'backup-export' });
    if (!file.ok) throw new Error(file.error);
    const target = await openHandoffDatabase(freshDatabaseName());
    const restored = await handlerFor(target)({
      type: 'backup-restore',
      text: (file.value as { text: string }).text,
    });
    expect(restored).toMatchObject({ ok: true, value: { referrals: 4 } });
    expect((await snapshot(target)).referrals).toEqual(before.referrals);
  });

  it('puts each backup made and each restored on the audit record, with how many referrals', async () => {
    const source = await openHandoffDatabase(freshDatabaseName());
    await seed(source, [fullReferral(1), fullReferral(2)]);
    const file = await handlerFor(source)({ type: 'backup-export' });
    if (!file.ok) throw new Error(file.error);
    const target = await openHandoffDatabase(freshDatabaseName());
    const handle = handlerFor(target);
    await handle({ type: 'backup-restore', text: (file.value as { text: string }).text });
    expect(await handlerFor(source)({ type: 'list-audit', limit: 10 })).toEqual({
      ok: true,
      value: { entries: [{ seq: 1, at: NOW, by: 'JD', kind: 'backup-export', count: 2 }] },
    });
    expect(await handle({ type: 'list-audit', limit: 10 })).toMatchObject({
      ok: true,
      value: { entries: [{ at: NOW, by: 'JD', kind: 'backup-restore', count: 2 }] },
    });
  });

  it('round-trips 10,000 referrals with every field, their metrics facts, dismissed pages and settings', async () => {
    const source = await openHandoffDatabase(freshDatabaseName());
    const referrals = Array.from({ length: 10_000 }, (_, n) => fullReferral(n));
    await seed(source, referrals, ['http://127.0.0.1:8765/home', 'http://127.0.0.1:8765/inbox?tab=2']);
    const before = await snapshot(source);
    expect(before.referrals).toHaveLength(10_000);
    const file = await handlerFor(source)({ type: 'backup-export' });
    if (!file.ok) throw new Error(file.error);
    const { text, filename, mimeType } = file.value as { text: string; filename: string; mimeType: string };
    expect(filename).toBe('handoff-backup-2026-11-27.json');
    expect(mimeType).toBe('application/json');

    // Another browser profile: an empty queue, settings of its own.
    await storage().clear();
    await storage().set({ [USER_SETTINGS_KEY]: { initials: 'ZZ' } });
    const target = await openHandoffDatabase(freshDatabaseName());
    const restored = await handlerFor(target)({ type: 'backup-restore', text });
    expect(restored).toEqual({
      ok: true,
      value: { referrals: 10_000, dismissedPages: 2, exportedAt: NOW },
    });
    const after = await snapshot(target);
    expect(after.referrals).toEqual(before.referrals);
    expect(after.referrals).toEqual(referrals.toSorted(byId));
    // The metrics facts are rebuilt: the same facts per referral, whatever their order within a day.
    expect(await factsOf(target)).toEqual(await factsOf(source));
    expect(await factsOf(target)).toEqual(
      referrals.map((referral) => referralFacts(referral)).toSorted(byId),
    );
    expect(after.dismissedPages).toEqual(before.dismissedPages);
    expect(after.settings).toEqual(before.settings);
    // The restored queue works as a queue: its indexes answer.
    expect(await target.countFromIndex('referrals', 'byDedupeKey')).toBe(10_000);
  }, 180_000);

  it('says what the file is: format, version and when it was made', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    await seed(db, [fullReferral(1)]);
    const backup = JSON.parse(await backupText(db));
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, version: 1, exportedAt: NOW });
    expect(BACKUP_VERSION).toBe(1);
    expect(Object.keys(backup.contents).sort()).toEqual([
      'dismissedPages',
      'panelPlacement',
      'referrals',
      'userSettings',
    ]);
    expect(readBackup(JSON.stringify(backup)).contents.referrals).toEqual([fullReferral(1)]);
  });

  it('replaces the queue: referrals tracked after the backup are gone, the metrics follow', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    await seed(db, [fullReferral(1), fullReferral(2)]);
    const text = await backupText(db);
    const before = await snapshot(db);
    const tx = writeReferrals(db);
    await saveReferrals(tx, [fullReferral(3), { ...fullReferral(1), status: 'declined', version: 7 }]);
    await tx.done;
    await db.delete('dismissedPages', 'http://127.0.0.1:8765/home');
    await storage().set({ [USER_SETTINGS_KEY]: { initials: 'NEW' } });
    await storage().remove(PANEL_PLACEMENT_KEY);
    await restoreBackup(db, storage(), text);
    expect(await snapshot(db)).toEqual(before);
    // Settings never chosen stay unset: a restore fills in no defaults.
    await storage().set({ [USER_SETTINGS_KEY]: { initials: 'JD' } });
    await restoreBackup(db, storage(), await backupText(db));
    expect((await storage().get(USER_SETTINGS_KEY))[USER_SETTINGS_KEY]).toStrictEqual({ initials: 'JD' });
  });

  const valid = () => {
    const referral = fullReferral(7);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: NOW,
      contents: { referrals: [referral], dismissedPages: [], userSettings: {} },
    };
  };
  const edited = (edit: (backup: ReturnType<typeof valid> & Record<string, unknown>) => void) => {
    const backup = valid() as ReturnType<typeof valid> & Record<string, unknown>;
    edit(backup);
    return JSON.stringify(backup);
  };
  const whole = JSON.stringify(valid());
  const REFUSALS: [string, string, RegExp][] = [
    ['not JSON at all', 'PK\u0003\u0004 this is a zip file', /damaged or cut short/],
    ['truncated', whole.slice(0, Math.floor(whole.length / 2)), /damaged or cut short/],
    ['empty', '', /damaged or cut short/],
    ['another JSON file', JSON.stringify({ resourceType: 'Bundle', entry: [] }), /not a Handoff backup/],
    ['a bare array', '[1,2,3]', /not a Handoff backup/],
    [
      'a newer format version',
      edited((b) => Object.assign(b, { version: 2 })),
      /format version 2.*reads version 1/,
    ],
    ['no version', edited((b) => Object.assign(b, { version: undefined })), /not a Handoff backup/],
    [
      'a referral with a field the queue does not know',
      edited((b) => Object.assign(b.contents.referrals[0] as object, { isAdmin: true })),
      /contents\.referrals\.0/,
    ],
    [
      'a prototype-pollution key',
      edited((b) => {
        b.contents.referrals[0] = JSON.parse(
          JSON.stringify(b.contents.referrals[0]).replace('{', '{"__proto__":{"polluted":1},'),
        );
      }),
      /contents\.referrals\.0/,
    ],
    [
      'an unknown state',
      edited((b) => Object.assign(b.contents.referrals[0] as object, { status: 'hacked' })),
      /contents\.referrals\.0\.status/,
    ],
    [
      'a script URL as the EHR page',
      edited((b) =>
        Object.assign((b.contents.referrals[0] as Referral).source, { pageUrl: 'javascript:alert(1)' }),
      ),
      /contents\.referrals\.0\.source\.pageUrl/,
    ],
    [
      'an oversized note',
      edited((b) =>
        Object.assign((b.contents.referrals[0] as Referral).outreach[0] as object, {
          note: 'x'.repeat(5000),
        }),
      ),
      /contents\.referrals\.0\.outreach\.0\.note/,
    ],
    [
      'a time that is not a number',
      edited((b) => Object.assign(b.contents.referrals[0] as object, { createdAt: '2026-11-01' })),
      /contents\.referrals\.0\.createdAt/,
    ],
    [
      'a referral without history',
      edited((b) => Object.assign(b.contents.referrals[0] as object, { history: [] })),
      /contents\.referrals\.0\.history/,
    ],
    [
      'the same referral twice',
      edited((b) => b.contents.referrals.push(fullReferral(7))),
      /contents\.referrals\.1: duplicate id/,
    ],
    [
      'one EHR referral under two ids',
      edited((b) => b.contents.referrals.push({ ...fullReferral(8), dedupeKey: fullReferral(7).dedupeKey })),
      /contents\.referrals\.1: duplicate dedupeKey/,
    ],
    [
      'a setting out of range',
      edited((b) => Object.assign(b.contents, { userSettings: { panelSide: 'top' } })),
      /contents\.userSettings\.panelSide/,
    ],
    [
      'an extra top-level field',
      edited((b) => Object.assign(b, { script: 'alert(1)' })),
      /script|Unrecognized/,
    ],
  ];

  it.each(REFUSALS)('refuses %s with a clear message and changes nothing', async (_case, text, message) => {
    const db = await openHandoffDatabase(freshDatabaseName());
    await seed(db, [fullReferral(1), fullReferral(2)]);
    const before = await snapshot(db);
    const reply = await handlerFor(db)({ type: 'backup-restore', text });
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(message);
    expect(!reply.ok && reply.error).toMatch(/Nothing was changed\.$/);
    expect(await snapshot(db)).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a file too large to be a backup, before reading it', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    await seed(db, [fullReferral(1)]);
    const before = await snapshot(db);
    await expect(restoreBackup(db, storage(), ' '.repeat(MAX_BACKUP_CHARS + 1))).rejects.toThrow(
      'This file is too large to be a Handoff backup (32 MB at most). Nothing was changed.',
    );
    // Through the background, the request itself is bounded.
    expect(
      (await handlerFor(db)({ type: 'backup-restore', text: ' '.repeat(MAX_BACKUP_CHARS + 1) })).ok,
    ).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses in Spanish in a Spanish browser', async () => {
    Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(es) });
    const db = await openHandoffDatabase(freshDatabaseName());
    expect(await handlerFor(db)({ type: 'backup-restore', text: '{"format":"handoff-backup"' })).toEqual({
      ok: false,
      error:
        'Este archivo no se puede leer como copia de seguridad de Handoff: está dañado o incompleto. No se cambió nada.',
    });
    expect(
      await handlerFor(db)({ type: 'backup-restore', text: edited((b) => Object.assign(b, { version: 9 })) }),
    ).toEqual({
      ok: false,
      error:
        'Esta copia de seguridad tiene la versión de formato 9, que esta versión de Handoff no puede leer (lee la versión 1). No se cambió nada.',
    });
  });

  it('a failure half-way through the write leaves the queue, its metrics and the settings as they were', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    await seed(db, [fullReferral(1), fullReferral(2)]);
    const before = await snapshot(db);
    const source = await openHandoffDatabase(freshDatabaseName());
    await seed(
      source,
      Array.from({ length: 50 }, (_, n) => fullReferral(100 + n)),
      [],
    );
    await storage().set({ [USER_SETTINGS_KEY]: before.settings[USER_SETTINGS_KEY] });
    const text = await backupText(source);
    await storage().set(before.settings);
    // The 30th referral written fails, as a full disk would.
    const put = IDBObjectStore.prototype.put;
    let writes = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === 'referrals' && ++writes === 30)
        throw new DOMException('Disk full', 'QuotaExceededError');
      return put.apply(this, args);
    });
    await expect(restoreBackup(db, storage(), text)).rejects.toThrow('Disk full');
    vi.restoreAllMocks();
    expect(writes).toBe(30);
    expect(await snapshot(db)).toEqual(before);
  });
});
