import { describe, expect, it, vi } from 'vitest';
import { createRequestHandler } from '../../src/background/request-handler';
import type { SettingsStorage } from '../../src/backup/backup';
import { type Config, ConfigSchema, DEFAULT_CONFIG } from '../../src/config/schema';
import type { HandoffRequestInput } from '../../src/messages';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import type { Referral } from '../../src/referral/referral';
import type { ReferralDraft } from '../../src/referral/referral-draft';
import { draft, freshDatabaseName } from './fixtures';
import { DEFAULT_PLACEMENT } from './page-status-answer';

async function handler(config: Config = DEFAULT_CONFIG, settings?: SettingsStorage) {
  const db = await openHandoffDatabase(freshDatabaseName());
  const queue = new ReferralQueue(db);
  const dismissedPages = new DismissedPages(db);
  const queueChanged = vi.fn(async () => {});
  const handle = createRequestHandler({
    queue,
    dismissedPages,
    config: () => config,
    coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
    queueChanged,
    settings,
  });
  return { handle, queueChanged, queue };
}

describe('request handler', () => {
  it('tracks a referral once and reports it as tracked afterwards', async () => {
    const { handle, queueChanged } = await handler();
    const first = await handle({ type: 'track-referral', draft: draft() });
    const second = await handle({ type: 'track-referral', draft: draft() });
    expect(first).toMatchObject({ ok: true, value: { created: true } });
    expect(second).toMatchObject({ ok: true, value: { created: false } });
    expect(queueChanged).toHaveBeenCalledTimes(1);
    const found = await handle({ type: 'page-status', pageUrl: draft().source.pageUrl, draft: draft() });
    const { referral } = first.ok ? (first.value as { referral: Referral }) : { referral: undefined };
    expect(found).toEqual({
      ok: true,
      value: { match: 'tracked', id: referral?.id, dismissed: false, placement: DEFAULT_PLACEMENT },
    });
  });

  it('tells the page where the coordinator keeps the panel, so that it makes room before the panel loads', async () => {
    const settings = new Map<string, unknown>([
      ['userSettings', { panelSide: 'left' }],
      ['panelPlacement', { collapsed: true }],
    ]);
    const { handle } = await handler(DEFAULT_CONFIG, {
      get: async (keys: string | string[]) =>
        Object.fromEntries(
          [keys].flat().flatMap((key) => (settings.has(key) ? [[key, settings.get(key)]] : [])),
        ),
      set: async () => {},
      remove: async () => {},
    });
    const status = () => handle({ type: 'page-status', pageUrl: draft().source.pageUrl, draft: draft() });
    expect(await status()).toMatchObject({ value: { placement: { side: 'left', collapsed: true } } });
    // The organisation's side wins over the coordinator's.
    settings.set('managedUserSettings', { values: { panelSide: 'right' }, locks: [] });
    expect(await status()).toMatchObject({ value: { placement: { side: 'right', collapsed: true } } });
  });

  it('remembers "not a referral" for the page, whatever its fragment, until the page is tracked', async () => {
    const { handle } = await handler();
    const pageUrl = 'http://127.0.0.1:8765/chart?pid=1';
    await handle({ type: 'set-page-dismissed', pageUrl: `${pageUrl}#notes`, dismissed: true });
    const incomplete = { patient: { name: '' } };
    expect(await handle({ type: 'page-status', pageUrl, draft: incomplete })).toEqual({
      ok: true,
      value: { match: 'none', dismissed: true, placement: DEFAULT_PLACEMENT },
    });
    await handle({ type: 'track-referral', draft: draft({ source: { profileId: 'manual', pageUrl } }) });
    expect(await handle({ type: 'page-status', pageUrl, draft: incomplete })).toMatchObject({
      value: { dismissed: false },
    });
  });

  it('remembers "not a referral" for one row of a list apart from the page and its other rows, until that row is tracked', async () => {
    const { handle } = await handler();
    const pageUrl = 'http://127.0.0.1:8765/worklist?team=4';
    const row = (orderNumber: string, name: string) =>
      draft({ source: { profileId: 'generic', pageUrl }, orderNumber, patient: { name } });
    const [first, second] = [row('ORD-1', 'Kofi Osei'), row('ORD-2', 'Ada Lund')];
    const status = (rowDraft: ReferralDraft) =>
      handle({ type: 'page-status', pageUrl: `${pageUrl}#top`, draft: rowDraft, row: true });
    await handle({ type: 'set-page-dismissed', pageUrl, dismissed: true, row: first });
    expect(await status(first)).toEqual({
      ok: true,
      value: { match: 'none', dismissed: false, rowDismissed: true, placement: DEFAULT_PLACEMENT },
    });
    expect(await status(second)).toMatchObject({ value: { dismissed: false, rowDismissed: false } });
    // The same order for another patient is another row; a page asked about without `row` is the page.
    expect(await status(row('ORD-1', 'Robin Other'))).toMatchObject({ value: { rowDismissed: false } });
    expect(await handle({ type: 'page-status', pageUrl, draft: first })).toEqual({
      ok: true,
      value: { match: 'none', dismissed: false, placement: DEFAULT_PLACEMENT },
    });
    await handle({ type: 'track-referral', draft: first });
    expect(await status(first)).toMatchObject({ value: { match: 'tracked', rowDismissed: false } });
  });

  it.each([
    ['an unknown type', { type: 'delete-everything' }],
    ['a draft without a patient', { type: 'track-referral', draft: { ...draft(), patient: { name: '' } } }],
    [
      'a page that is not http(s)',
      {
        type: 'track-referral',
        draft: { ...draft(), source: { profileId: 'x', pageUrl: 'javascript:alert(1)' } },
      },
    ],
    ['an oversized field', { type: 'track-referral', draft: { ...draft(), reason: 'x'.repeat(5000) } }],
    ['not an object', 'track-referral'],
  ])('refuses %s with a message and writes nothing', async (_name, message) => {
    const { handle, queueChanged } = await handler();
    const reply = await handle(message);
    expect(reply.ok).toBe(false);
    expect(reply.ok ? '' : reply.error).toMatch(/^Handoff refused a malformed request/);
    expect(queueChanged).not.toHaveBeenCalled();
    expect(await handle({ type: 'list-referrals', limit: 10 })).toEqual({
      ok: true,
      value: { referrals: [] },
    });
  });
});

describe('get-reasons', () => {
  it('answers the configured delay, decline and close reasons for the queue views', async () => {
    const { handle } = await handler();
    expect(await handle({ type: 'get-reasons' })).toEqual({ ok: true, value: DEFAULT_CONFIG.reasons });
  });
});

const GAPS = [
  { id: 'insurance', label: 'Insurance payer and member ID' },
  { id: 'records', label: 'Records attached' },
];

async function tracked(handle: Awaited<ReturnType<typeof handler>>['handle'], packet?: unknown) {
  const reply = await handle({ type: 'track-referral', draft: draft(), packet });
  if (!reply.ok) throw new Error(reply.error);
  return (reply.value as { referral: Referral }).referral;
}

describe('track-referral with the packet as checked', () => {
  it('records the first check in the same reply', async () => {
    const { handle, queueChanged } = await handler();
    const referral = await tracked(handle, { missingRequired: GAPS, confirmed: ['consent'] });
    expect(referral.packet).toMatchObject({
      missingRequired: GAPS,
      confirmed: ['consent'],
      firstMissing: ['insurance', 'records'],
    });
    expect(referral.history.map((entry) => entry.kind)).toEqual(['created', 'packet']);
    expect(queueChanged).toHaveBeenCalledTimes(1);
    const stored = await handle({ type: 'get-referral', id: referral.id });
    expect(stored).toMatchObject({ ok: true, value: { referral: { version: referral.version } } });
  });

  it('stores a new referral once: at version 1, with its packet', async () => {
    const { handle } = await handler();
    const referral = await tracked(handle, { missingRequired: GAPS, confirmed: [] });
    expect(referral.version).toBe(1);
    expect(referral.packet?.firstMissing).toEqual(['insurance', 'records']);
    const stored = await handle({ type: 'get-referral', id: referral.id });
    expect(stored).toMatchObject({
      ok: true,
      value: { referral: { version: 1, packet: { firstMissing: ['insurance', 'records'] } } },
    });
  });

  it('leaves an already tracked referral’s packet alone', async () => {
    const { handle } = await handler();
    const first = await tracked(handle, { missingRequired: GAPS, confirmed: [] });
    const again = await handle({
      type: 'track-referral',
      draft: draft(),
      packet: { missingRequired: [], confirmed: [] },
    });
    expect(again).toMatchObject({
      ok: true,
      value: { created: false, referral: { version: first.version } },
    });
    expect(again.ok && (again.value as { referral: Referral }).referral.packet?.missingRequired).toEqual(
      GAPS,
    );
  });
});

describe('record-packet and marking sent', () => {
  it('refuses "sent" while the recorded packet has gaps, then sends with a reason', async () => {
    const { handle } = await handler();
    const referral = await tracked(handle);
    const recorded = await handle({
      type: 'record-packet',
      id: referral.id,
      version: referral.version,
      missingRequired: GAPS,
      confirmed: [],
    });
    if (!recorded.ok) throw new Error(recorded.error);
    const { version } = (recorded.value as { referral: Referral }).referral;
    const refused = await handle({ type: 'change-status', id: referral.id, version, to: 'sent' });
    expect(refused).toEqual({
      ok: false,
      error:
        'The packet is missing required items: Insurance payer and member ID; Records attached. Complete them, or give a reason to send anyway.',
    });
    const short = await handle({
      type: 'change-status',
      id: referral.id,
      version,
      to: 'sent',
      packetOverride: 'ok',
    });
    expect(short.ok).toBe(false);
    const sent = await handle({
      type: 'change-status',
      id: referral.id,
      version,
      to: 'sent',
      packetOverride: 'Courier this afternoon',
    });
    expect(sent).toMatchObject({
      ok: true,
      value: {
        referral: {
          status: 'sent',
          packet: {
            override: { by: 'JD', reason: 'Courier this afternoon', missing: ['insurance', 'records'] },
          },
        },
      },
    });
  });
});

describe('escalate', () => {
  it('records the clinical contact as configured, the matched phrases and a history line', async () => {
    const config = ConfigSchema.parse({
      clinicalBoundary: {
        contact: { name: 'Riverbend RN desk', reach: '(555) 010-0177', responseTime: 'the same day' },
      },
    });
    const { handle, queueChanged } = await handler(config);
    const referral = await tracked(handle);
    const reply = await handle({
      type: 'escalate',
      id: referral.id,
      version: referral.version,
      trigger: 'note',
      redFlag: true,
      matched: ['chest pain', 'pain'],
    });
    if (!reply.ok) throw new Error(reply.error);
    const escalated = (reply.value as { referral: Referral }).referral;
    expect(escalated.escalations).toEqual([
      {
        at: expect.any(Number),
        by: 'JD',
        trigger: 'note',
        redFlag: true,
        matched: ['chest pain', 'pain'],
        contact: { name: 'Riverbend RN desk', reach: '(555) 010-0177', responseTime: 'the same day' },
      },
    ]);
    expect(escalated.history.at(-1)).toMatchObject({
      kind: 'escalation',
      by: 'JD',
      note: 'red flag → Riverbend RN desk',
    });
    expect(queueChanged).toHaveBeenCalledTimes(2);
  });

  it('refuses an escalation that carries text beyond the matched phrases', async () => {
    const { handle } = await handler();
    const referral = await tracked(handle);
    const reply = await handle({
      type: 'escalate',
      id: referral.id,
      version: referral.version,
      trigger: 'note',
      matched: ['x'.repeat(101)],
    });
    expect(reply.ok).toBe(false);
    const stored = await handle({ type: 'get-referral', id: referral.id });
    expect(stored.ok && (stored.value as { referral: Referral }).referral.escalations).toBeUndefined();
  });
});

describe('the changes a coordinator makes to a tracked referral', () => {
  const NOW = Date.UTC(2026, 10, 24, 15);
  const HOUR = 3_600_000;

  async function changing() {
    const db = await openHandoffDatabase(freshDatabaseName());
    let ids = 0;
    const queueChanged = vi.fn(async () => {});
    const handle = createRequestHandler({
      queue: new ReferralQueue(db),
      dismissedPages: new DismissedPages(db),
      config: () => DEFAULT_CONFIG,
      coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
      queueChanged,
      now: () => NOW,
      newId: () => `new-${++ids}`,
    });
    const referral = await tracked(handle);
    /** Sends a change to the referral as last stored, and answers the referral as stored after it. */
    const apply = async (request: Record<string, unknown>) => {
      const current = await handle({ type: 'get-referral', id: referral.id });
      const { version } = (current.ok && (current.value as { referral: Referral }).referral) || referral;
      const reply = await handle({ id: referral.id, version, ...request } as HandoffRequestInput);
      if (!reply.ok) throw new Error(reply.error);
      const stored = await handle({ type: 'get-referral', id: referral.id });
      expect(stored).toEqual({ ok: true, value: reply.value });
      return (reply.value as { referral: Referral }).referral;
    };
    return { handle, apply, queueChanged };
  }

  it('snoozes, agrees a callback and takes the office’s acknowledgment, each in the history under the coordinator', async () => {
    const { apply, queueChanged } = await changing();
    const snoozed = await apply({ type: 'snooze', until: NOW + 48 * HOUR });
    expect(snoozed.snoozedUntil).toBe(NOW + 48 * HOUR);
    expect(snoozed.history.at(-1)).toEqual({
      at: NOW,
      by: 'JD',
      kind: 'snooze',
      note: new Date(NOW + 48 * HOUR).toISOString(),
    });
    const agreed = await apply({ type: 'call-back-at', at: NOW + 20 * HOUR });
    expect(agreed.callbackAt).toBe(NOW + 20 * HOUR);
    expect(agreed.nextFollowUpAt).toBe(NOW + 20 * HOUR);
    const acknowledged = await apply({ type: 'acknowledge', note: 'Booking next week' });
    expect(acknowledged.dates.acknowledgedAt).toBe(NOW);
    expect(acknowledged.acknowledgmentNote).toBe('Booking next week');
    expect(acknowledged.history.at(-1)).toEqual({
      at: NOW,
      by: 'JD',
      kind: 'acknowledgment',
      note: 'Booking next week',
    });
    // Tracking, then each of the three changes: views, badge and alarms follow every one.
    expect(queueChanged).toHaveBeenCalledTimes(4);
  });

  it('makes whoever tracks a referral its owner, and hands it on: to a colleague with a note, back to the team, then claimed', async () => {
    const { handle, apply } = await changing();
    const first = await apply({ type: 'snooze', until: NOW + HOUR });
    expect(first.owner).toEqual({ name: 'Jo Doe', initials: 'JD' });
    const handed = await apply({
      type: 'hand-off',
      to: { name: 'Blake Morgan', initials: 'BM' },
      note: 'Interpreter: Spanish',
    });
    expect(handed.owner).toEqual({ name: 'Blake Morgan', initials: 'BM' });
    expect(handed.history.at(-1)).toEqual({
      at: NOW,
      by: 'JD',
      kind: 'hand-off',
      owner: 'Blake Morgan',
      note: 'Interpreter: Spanish',
    });
    const released = await apply({ type: 'hand-off', to: 'team' });
    expect(released).not.toHaveProperty('owner');
    await expect(apply({ type: 'hand-off', to: 'team' })).rejects.toThrow(
      'This referral is unassigned already.',
    );
    const claimed = await apply({ type: 'hand-off', to: 'me' });
    expect(claimed.owner).toEqual({ name: 'Jo Doe', initials: 'JD' });
    await expect(apply({ type: 'hand-off', to: 'me' })).rejects.toThrow("This referral is Jo Doe's already.");
    // Without a team queue there is nobody to hand to: the views offer no ownership.
    expect(await handle({ type: 'team-members' })).toEqual({
      ok: true,
      value: { sharing: false, me: { name: 'Jo Doe', initials: 'JD' }, colleagues: [] },
    });
  });

  it('refuses a claim while Handoff cannot name who claims', async () => {
    const db = await openHandoffDatabase(freshDatabaseName());
    const handle = createRequestHandler({
      queue: new ReferralQueue(db),
      dismissedPages: new DismissedPages(db),
      config: () => DEFAULT_CONFIG,
      coordinator: async () => undefined,
      queueChanged: async () => {},
    });
    const referral = await tracked(handle);
    expect(referral).not.toHaveProperty('owner');
    const reply = await handle({ type: 'hand-off', id: referral.id, version: referral.version, to: 'me' });
    expect(reply).toEqual({
      ok: false,
      error: expect.stringContaining('Handoff does not know who you are yet'),
    });
  });

  it('adds a record the office needs under a new id, then moves that same record along', async () => {
    const { apply } = await changing();
    const requested = await apply({
      type: 'track-record',
      record: { name: 'Echo report', requestedFrom: 'Lakeside Imaging' },
      event: 'requested',
    });
    expect(requested.records).toEqual([
      { id: 'new-1', name: 'Echo report', requestedFrom: 'Lakeside Imaging', requestedAt: NOW },
    ]);
    const received = await apply({
      type: 'track-record',
      record: { id: 'new-1', name: 'Echo report' },
      event: 'received',
    });
    expect(received.records).toEqual([
      {
        id: 'new-1',
        name: 'Echo report',
        requestedFrom: 'Lakeside Imaging',
        requestedAt: NOW,
        receivedAt: NOW,
      },
    ]);
    expect(received.history.at(-1)).toMatchObject({
      by: 'JD',
      kind: 'records',
      note: 'Echo report: received',
    });
  });

  it('logs a call that booked the visit as the attempt and the move to scheduled, with the appointment', async () => {
    const { apply } = await changing();
    const booked = await apply({
      type: 'log-outreach',
      party: 'patient',
      channel: 'phone',
      outcome: 'scheduled',
      appointmentAt: NOW + 96 * HOUR,
      note: 'Prefers mornings',
    });
    expect(booked.outreach).toEqual([
      {
        id: 'new-1',
        at: NOW,
        by: 'JD',
        party: 'patient',
        channel: 'phone',
        outcome: 'scheduled',
        barriers: [],
        note: 'Prefers mornings',
      },
    ]);
    expect(booked.status).toBe('scheduled');
    expect(booked.dates).toMatchObject({ appointmentAt: NOW + 96 * HOUR, patientContactedAt: NOW });
    const reached = await apply({
      type: 'log-outreach',
      party: 'patient',
      channel: 'sms',
      outcome: 'reached',
    });
    expect(reached.status).toBe('scheduled');
    expect(reached.outreach.map((attempt) => attempt.id)).toEqual(['new-1', 'new-2']);
  });

  it('answers "not a referral" with the page’s new standing', async () => {
    const { handle } = await changing();
    const pageUrl = 'http://127.0.0.1:8765/chart?pid=7';
    expect(await handle({ type: 'set-page-dismissed', pageUrl, dismissed: true })).toEqual({
      ok: true,
      value: { dismissed: true },
    });
    expect(await handle({ type: 'set-page-dismissed', pageUrl, dismissed: false })).toEqual({
      ok: true,
      value: { dismissed: false },
    });
  });
});

describe('ids the background hands out', () => {
  it('gives each outreach attempt and each record an id of its own', async () => {
    const { handle } = await handler();
    const referral = await tracked(handle);
    const log = await handle({
      type: 'log-outreach',
      id: referral.id,
      version: referral.version,
      party: 'patient',
      channel: 'phone',
      outcome: 'no-answer',
    });
    if (!log.ok) throw new Error(log.error);
    const logged = (log.value as { referral: Referral }).referral;
    const again = await handle({
      type: 'track-record',
      id: referral.id,
      version: logged.version,
      record: { name: 'Echo report' },
      event: 'requested',
    });
    if (!again.ok) throw new Error(again.error);
    const { outreach, records } = (again.value as { referral: Referral }).referral;
    const ids = [referral.id, outreach[0]?.id, records[0]?.id];
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('a save that fails', () => {
  async function failing(error: unknown) {
    const { handle, queueChanged, queue } = await handler();
    queue.track = async () => {
      throw error;
    };
    return { handle, queueChanged };
  }

  it('says nothing was saved and to try again when the browser aborted the write', async () => {
    const { handle, queueChanged } = await failing(
      new DOMException('The transaction was aborted.', 'AbortError'),
    );
    expect(await handle({ type: 'track-referral', draft: draft() })).toEqual({
      ok: false,
      error: 'Handoff could not save this change. Try again.',
    });
    expect(queueChanged).not.toHaveBeenCalled();
  });

  it('does not pass off another failure as a storage problem: it reaches the background’s own catch', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const { handle } = await failing(bug);
    await expect(handle({ type: 'track-referral', draft: draft() })).rejects.toBe(bug);
  });
});
