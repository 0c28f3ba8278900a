import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { computeMetrics } from '../../src/metrics/compute-metrics';
import { newestAudit } from '../../src/queue/audit-log';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue, saveReferrals, writeReferrals } from '../../src/queue/referral-queue';
import { applyRetention, reduceReferral } from '../../src/queue/retention';
import { acknowledge } from '../../src/referral/operations';
import type { Referral } from '../../src/referral/referral';
import { freshDatabaseName } from './fixtures';
import { at, novemberReferrals, referral } from './metrics-referrals';

const DAY = 86_400_000;
const config = DEFAULT_CONFIG;

/** Identifying details a synthetic referral carries, each of which must be gone once reduced. */
function identifying(r: Referral): string[] {
  return [
    r.patient.name,
    r.patient.mrn,
    r.patient.dateOfBirth,
    r.patient.phone,
    r.orderNumber,
    r.reason,
    r.source.pageUrl,
    ...r.outreach.flatMap((a) => a.note ?? []),
    ...r.history.flatMap((h) => h.note ?? []),
  ].filter((text): text is string => Boolean(text));
}

async function queueOf(referrals: Referral[]) {
  const db = await openHandoffDatabase(freshDatabaseName());
  const tx = writeReferrals(db);
  await saveReferrals(tx, referrals, 'add');
  await tx.done;
  return db;
}

/** November's referrals, with patient details and notes on every one of them. */
function identified(): Referral[] {
  return novemberReferrals().map((r, index) => ({
    ...r,
    orderNumber: `ORD-${index}`,
    patient: {
      ...r.patient,
      mrn: `MRN-00${index}77`,
      phone: `(555) 010-02${index}5`,
      dateOfBirth: `1970-01-0${index + 1}`,
    },
    outreach: r.outreach.map((a) => ({ ...a, note: `Spoke with ${r.patient.name}` })),
  }));
}

describe('retention of closed referrals', () => {
  it('removes patient details after the configured days and leaves every metric unchanged', async () => {
    const referrals = identified();
    const db = await queueOf(referrals);
    const periods = [
      { from: at(1), to: at(1, 0, 12) },
      { from: at(1, 0, 10), to: at(1, 0, 11) },
      { from: at(10), to: at(24) },
    ];
    const asOf = at(20, 12, 12);
    const before = await Promise.all(periods.map((p) => computeMetrics(db, p, asOf, config)));

    const closed = referrals.filter((r) => r.dates.closedAt !== undefined && r.status.startsWith('closed'));
    expect(closed.length).toBeGreaterThan(0);
    // The day before retention runs out nothing changes; the day after, every closed referral is reduced.
    const lastClose = Math.max(...closed.map((r) => r.dates.closedAt ?? 0));
    const firstClose = Math.min(...closed.map((r) => r.dates.closedAt ?? 0));
    expect(await applyRetention(db, firstClose + 90 * DAY - 1, 90)).toBe(0);
    const now = lastClose + 91 * DAY;
    expect(await applyRetention(db, now, 90)).toBe(closed.length);

    for (const original of referrals) {
      const stored = await db.get('referrals', original.id);
      if (!stored) throw new Error(`lost ${original.id}`);
      const text = JSON.stringify(stored);
      if (closed.includes(original)) {
        for (const detail of identifying(original)) expect(text).not.toContain(detail);
        // What the metrics and the audit need stays.
        expect(stored).toMatchObject({
          status: original.status,
          priority: original.priority,
          dates: original.dates,
          receiving: original.receiving,
          reducedAt: now,
        });
        expect(stored.outreach.map(({ channel, outcome, at }) => ({ channel, outcome, at }))).toEqual(
          original.outreach.map(({ channel, outcome, at }) => ({ channel, outcome, at })),
        );
        expect(stored.history.map(({ kind, at, by, from, to }) => ({ kind, at, by, from, to }))).toEqual(
          original.history.map(({ kind, at, by, from, to }) => ({ kind, at, by, from, to })),
        );
      } else {
        expect(stored.patient).toEqual(original.patient);
      }
    }
    const after = await Promise.all(periods.map((p) => computeMetrics(db, p, asOf, config)));
    expect(after).toEqual(before);

    // The run is in the audit log; a second run finds nothing and records nothing.
    expect(await applyRetention(db, now + DAY, 90)).toBe(0);
    expect(await newestAudit(db, 10)).toEqual([
      expect.objectContaining({ kind: 'retention', count: closed.length, days: 90, at: now, by: '' }),
    ]);
    // Tracking the same EHR referral again makes a new entry: nothing identifying is left to match.
    expect(await db.countFromIndex('referrals', 'byIdentifiedClosed')).toBe(0);
  });

  it('reduces a large queue in batches, reading only the referrals it has work on', async () => {
    const closedAt = at(1);
    const many = Array.from({ length: 450 }, (_, i) =>
      referral(`r${i}`, {
        status: i % 3 === 0 ? 'sent' : 'closed-not-completed',
        statusReason: i % 3 === 0 ? undefined : 'patient-declined',
        dedupeKey: `key-${i}`,
        dates: i % 3 === 0 ? {} : { closedAt },
      }),
    );
    const db = await queueOf(many);
    expect(await db.countFromIndex('referrals', 'byIdentifiedClosed')).toBe(300);
    expect(await applyRetention(db, closedAt + 100 * DAY, 90)).toBe(300);
    expect(await db.countFromIndex('referrals', 'byIdentifiedClosed')).toBe(0);
    const audit = await newestAudit(db, 10);
    expect(audit.map((entry) => ('count' in entry ? entry.count : 0)).reduce((a, b) => a + b)).toBe(300);
  });

  it('refuses to change a reduced referral, with a clear message', async () => {
    const [closed] = identified().filter((r) => r.status === 'closed-completed');
    if (!closed) throw new Error('no closed referral');
    const db = await queueOf([closed]);
    await applyRetention(db, (closed.dates.closedAt ?? 0) + 200 * DAY, 90);
    const queue = new ReferralQueue(db);
    const current = await queue.get(closed.id);
    await expect(
      queue.update(closed.id, current?.version, acknowledge(Date.now(), 'JD'), config),
    ).rejects.toThrow('its patient details were removed');
  });
});

describe('a reduced referral', () => {
  const closedAt = at(1);
  const closed = (overrides: Partial<Referral>) =>
    referral('3f9c2a71-5d0e-4b8a-9c1d-2e7f6a5b4c3d', {
      status: 'closed-not-completed',
      statusReason: 'patient-declined',
      dates: { closedAt },
      ...overrides,
    });

  it('is listed under the start of its id, and keeps the payer the metrics count by, nothing else', () => {
    const reduced = reduceReferral(
      closed({ insurance: { payer: 'Blue Cross', memberId: 'XJH-4471', authorizationNumber: 'A-77' } }),
      closedAt + 100 * DAY,
    );
    expect(reduced.patient).toEqual({ name: '#3f9c2a71' });
    expect(reduced.insurance).toEqual({ payer: 'Blue Cross' });
    expect(reduceReferral(closed({ insurance: { memberId: 'XJH-4471' } }), closedAt).insurance).toEqual({});
  });

  it('keeps its packet check and the names of the missing items, not the reason for sending anyway', () => {
    const packet = {
      checkedAt: closedAt,
      missingRequired: [{ id: 'insurance-card', label: 'Insurance card' }],
      confirmed: ['office-note'],
      firstCheckedAt: closedAt,
      firstMissing: ['insurance-card'],
      override: { at: closedAt, by: 'JD', reason: 'Mrs Okafor brings the card', missing: ['insurance-card'] },
    };
    const reduced = reduceReferral(closed({ packet }), closedAt + 100 * DAY);
    expect(reduced.packet).toEqual({ ...packet, override: { ...packet.override, reason: '' } });
    const { override: _override, ...withoutOverride } = packet;
    expect(reduceReferral(closed({ packet: withoutOverride }), closedAt).packet).toEqual(withoutOverride);
    expect(reduceReferral(closed({}), closedAt).packet).toBeUndefined();
  });
});

describe('retention of pages marked "not a referral"', () => {
  it('forgets a dismissed page address after the same days as a closed referral, and keeps a recent one', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    let clock = at(1, 9);
    const dismissed = new DismissedPages(db, () => clock);
    const old = 'http://127.0.0.1:8765/chart?pid=1001';
    const recent = 'http://127.0.0.1:8765/chart?pid=1002';
    await dismissed.set(old, true);
    clock += 20 * DAY;
    await dismissed.set(recent, true);
    await applyRetention(db, at(1, 9) + 31 * DAY, 30);
    expect(await dismissed.isDismissed(old)).toBe(false);
    expect(await dismissed.isDismissed(recent)).toBe(true);
    expect(await db.getAllKeys('dismissedPages')).toEqual(['http://127.0.0.1:8765/chart?pid=1002']);
  });

  it('keeps a page no longer than a referral closed at the same moment keeps its patient details', async () => {
    const closedAt = at(1, 9);
    const db = await queueOf([
      referral('closed', { status: 'closed-completed', dates: { closedAt }, identifiedClosedAt: closedAt }),
    ]);
    const dismissed = new DismissedPages(db, () => closedAt);
    await dismissed.set('http://127.0.0.1:8765/chart?pid=1001', true);
    // Exactly the configured days later: the referral's details go, and so does the page.
    await applyRetention(db, closedAt + 30 * DAY, 30);
    expect((await db.get('referrals', 'closed'))?.reducedAt).toBe(closedAt + 30 * DAY);
    expect(await db.getAllKeys('dismissedPages')).toEqual([]);
  });
});

describe('audit log', () => {
  /** The background over November's referrals, on 30 November at 9:00. */
  async function exporting() {
    const db = await queueOf(identified());
    return createRequestHandler({
      queue: new ReferralQueue(db),
      dismissedPages: new DismissedPages(db),
      config: () => config,
      coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
      queueChanged: async () => {},
      now: () => at(30, 9),
    });
  }

  it('records each export with what, when, who and how many, never patient data', async () => {
    const handle = await exporting();
    await handle({ type: 'export', what: 'queue-csv' });
    await handle({ type: 'export', what: 'fhir-bundle' });
    const reply = await handle({ type: 'list-audit', limit: 10 });
    expect(reply).toEqual({
      ok: true,
      value: {
        entries: [
          { seq: 2, at: at(30, 9), by: 'JD', kind: 'export', what: 'fhir-bundle', count: 6 },
          { seq: 1, at: at(30, 9), by: 'JD', kind: 'export', what: 'queue-csv', count: 6 },
        ],
      },
    });
  });

  it('lists the newest entries first, as many as asked for', async () => {
    const handle = await exporting();
    for (const what of ['queue-csv', 'fhir-bundle', 'metrics-csv'] as const)
      await handle({ type: 'export', what });
    const reply = await handle({ type: 'list-audit', limit: 2 });
    expect(
      reply.ok && (reply.value as { entries: { what?: string }[] }).entries.map((entry) => entry.what),
    ).toEqual(['metrics-csv', 'fhir-bundle']);
  });

  it('explains a full disk: nothing saved, and what to do', async () => {
    const db = await queueOf([]);
    const queue = new ReferralQueue(db);
    queue.track = async () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const handle = createRequestHandler({
      queue,
      dismissedPages: new DismissedPages(db),
      config: () => config,
      coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
      queueChanged: async () => {},
    });
    const reply = await handle({ type: 'track-referral', draft: identified()[0] as Referral });
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('storage on this computer is full') });
  });
});

describe('database version 5', () => {
  it('adds the audit log and indexes the closed referrals that still hold patient details', async () => {
    const name = freshDatabaseName();
    const [open, closed] = [
      referral('open', { dedupeKey: 'a' }),
      referral('closed', { dedupeKey: 'b', status: 'closed-completed', dates: { closedAt: at(5) } }),
    ];
    // Version 4 as it shipped: write through it, then close it.
    const v4 = await openDB(name, 4, {
      upgrade(db) {
        const store = db.createObjectStore('referrals', { keyPath: 'id' });
        store.createIndex('byDedupeKey', 'dedupeKey', { unique: true });
        store.createIndex('byNextFollowUp', 'nextFollowUpAt');
        store.createIndex('byStatus', 'status');
        store.createIndex('byCreated', 'createdAt');
        store.createIndex('byUnannounced', 'unannouncedAt');
        store.createIndex('byOrganizationDue', ['organizationKey', 'nextFollowUpAt']);
        store.createIndex('byOrganizationCreated', ['organizationKey', 'createdAt']);
        db.createObjectStore('dismissedPages', { keyPath: 'pageKey' });
        db.createObjectStore('referralFacts', { keyPath: 'day' });
      },
    });
    await v4.put('referrals', open);
    await v4.put('referrals', closed);
    v4.close();
    const db = await openHandoffDatabase(name);
    expect(db.objectStoreNames.contains('auditLog')).toBe(true);
    expect((await db.getAllFromIndex('referrals', 'byIdentifiedClosed')).map((r) => r.id)).toEqual([
      'closed',
    ]);
    const { identifiedClosedAt: _key, ...kept } = (await db.get('referrals', 'closed')) as Referral;
    expect(kept).toMatchObject(closed);
    expect(await db.get('referrals', 'open')).toMatchObject(open);
  });
});
