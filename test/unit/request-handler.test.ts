import { describe, expect, it, vi } from 'vitest';
import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { draft, freshDatabaseName } from './fixtures';

async function handler() {
  const db = await openHandoffDatabase(freshDatabaseName());
  const queue = new ReferralQueue(db);
  const dismissedPages = new DismissedPages(db);
  const queueChanged = vi.fn(async () => {});
  const handle = createRequestHandler({
    queue,
    dismissedPages,
    config: () => DEFAULT_CONFIG,
    initials: async () => 'JD',
    queueChanged,
  });
  return { handle, queueChanged };
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
    expect(found).toMatchObject({
      ok: true,
      value: { referral: { orderNumber: 'ORD-20461' }, dismissed: false },
    });
  });

  it('remembers "not a referral" for the page, whatever its fragment, until the page is tracked', async () => {
    const { handle } = await handler();
    const pageUrl = 'http://127.0.0.1:8765/chart?pid=1';
    await handle({ type: 'set-page-dismissed', pageUrl: `${pageUrl}#notes`, dismissed: true });
    const incomplete = { patient: { name: '' } };
    expect(await handle({ type: 'page-status', pageUrl, draft: incomplete })).toEqual({
      ok: true,
      value: { referral: null, dismissed: true },
    });
    await handle({ type: 'track-referral', draft: draft({ source: { profileId: 'manual', pageUrl } }) });
    expect(await handle({ type: 'page-status', pageUrl, draft: incomplete })).toMatchObject({
      value: { dismissed: false },
    });
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
