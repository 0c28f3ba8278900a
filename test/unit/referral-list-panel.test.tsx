// @vitest-environment jsdom
/**
 * The panel on a list of referrals: each row tracked on its own, only while the page still shows
 * that row, and always as that row's patient.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { type Detection, type ExtractedFields, rowDetection } from '../../src/detection/detect-referral';
import { draftFromDetection } from '../../src/detection/to-draft';
import { type Send, typedSender } from '../../src/messages';
import { ActionGateProvider } from '../../src/panel/ActionGate';
import { ReferralList } from '../../src/panel/ReferralList';
import { DEFAULT_PANEL_CONFIG } from '../../src/panel-config/schema';
import type { ReferralQueue } from '../../src/queue/referral-queue';
import { queueWithHandler } from './request-fixture';
import { until } from './until';
import { seenWhole } from './visibility';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const PAGE_URL = 'http://127.0.0.1:8765/fhir-app/';
const ROWS: ExtractedFields[] = [
  { patientName: 'Kofi Osei', specialty: 'Cardiology', priority: 'urgent' },
  { patientName: 'Ada Lund', specialty: 'Dermatology', priority: 'routine' },
];
const LIST: Detection & { rows: { fields: ExtractedFields; toCheck: object }[] } = {
  profile: { id: 'generic', name: 'Generic' },
  score: 2,
  cues: [],
  fields: {},
  toCheck: {},
  rows: ROWS.map((fields) => ({ fields, toCheck: {} })),
};

let root: HTMLElement;
let queue: ReferralQueue;
let send: Send;

beforeEach(async () => {
  const made = await queueWithHandler();
  queue = made.queue;
  const { handle } = made;
  send = typedSender(async (message) => handle(message, 'panel'));
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

async function show(onPage: (fields: ExtractedFields) => boolean, detection = LIST) {
  await act(() => {
    render(
      <ActionGateProvider watch={seenWhole()}>
        <ReferralList
          detection={detection}
          manual={false}
          pageUrl={PAGE_URL}
          send={send}
          config={DEFAULT_PANEL_CONFIG}
          checkSelectors={async () => []}
          confirmRow={async (fields) => onPage(fields)}
          onDismiss={() => {}}
        />
      </ActionGateProvider>,
      root,
    );
  });
}

const trackButton = (patient: string) =>
  root.querySelector<HTMLButtonElement>(`button[aria-label="Track referral: ${patient}"]`);

it('tracks the row chosen, as that row’s patient, and shows it as tracked', async () => {
  await show(() => true);
  await until(() => trackButton('Ada Lund')?.disabled === false);
  await act(() => trackButton('Ada Lund')?.click());
  await until(() => root.querySelector('li[data-row="Ada Lund"] [role=status]') !== null);
  const stored = await queue.newest(10);
  expect(stored.map((referral) => [referral.patient.name, referral.receiving.specialty])).toEqual([
    ['Ada Lund', 'Dermatology'],
  ]);
  expect(root.querySelector('li[data-row="Kofi Osei"] [role=status]')).toBeNull();
});

it('tracks nothing when the page no longer shows that row, and says so', async () => {
  const asked: ExtractedFields[] = [];
  await show((fields) => {
    asked.push(fields);
    return false;
  });
  await until(() => trackButton('Kofi Osei')?.disabled === false);
  await act(() => trackButton('Kofi Osei')?.click());
  await until(() => root.querySelector('[role=alert]') !== null);
  expect(root.querySelector('[role=alert]')?.textContent).toContain('no longer on the page');
  // The page was asked about exactly the row chosen.
  expect(asked).toEqual([ROWS[0]]);
  expect(await queue.newest(10)).toEqual([]);
});

const button = (name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.textContent?.trim() === name || b.getAttribute('aria-label') === name,
  );
async function click(element: HTMLElement | null | undefined) {
  if (!element) throw new Error('nothing to click');
  await act(() => element.click());
}

/** The queue's answer for the whole page (as the content script asks) and for one row (as the list asks). */
const pageDismissed = async () =>
  (await send({ type: 'page-status', pageUrl: PAGE_URL, draft: draftFromDetection(LIST, PAGE_URL) }))
    .dismissed;
const rowDismissed = async (index: number) => {
  const row = LIST.rows[index];
  if (!row) throw new Error('no such row');
  const draft = draftFromDetection(rowDetection(LIST, row), PAGE_URL);
  return (await send({ type: 'page-status', pageUrl: PAGE_URL, draft, row: true })).rowDismissed;
};

it('marks only the row chosen "not a referral": the page and the other rows stay, and it can be undone', async () => {
  await show(() => true);
  await until(() => trackButton('Kofi Osei')?.disabled === false);
  await click(button('Open: Kofi Osei'));
  await click(button('Not a referral'));
  expect(root.querySelector('.not-a-referral legend')?.textContent).toBe(
    'Not a referral? Handoff will mark this row’s referral so. The other referrals on this page stay listed.',
  );
  await click(button('Mark not a referral'));

  // Back on the list: that row is marked, with its undo in focus; the other row is untouched.
  await until(() => button('Undo “not a referral”: Kofi Osei'), 'the row’s undo');
  expect(document.activeElement).toBe(button('Undo “not a referral”: Kofi Osei'));
  expect(root.querySelector('li[data-row="Kofi Osei"] .status-chip')?.textContent).toBe('Not a referral');
  expect(trackButton('Kofi Osei')).toBeNull();
  expect(trackButton('Ada Lund')?.disabled).toBe(false);
  expect(root.querySelectorAll('.referral-list li')).toHaveLength(2);
  // Issue 16: the row's "not a referral" used to hide the panel on the whole page.
  expect(await pageDismissed()).toBe(false);
  expect([await rowDismissed(0), await rowDismissed(1)]).toEqual([true, false]);

  // Seen again, the list remembers it.
  render(null, root);
  await show(() => true);
  await until(() => button('Undo “not a referral”: Kofi Osei'), 'the row remembered');
  await until(() => trackButton('Ada Lund')?.disabled === false);

  await click(button('Undo “not a referral”: Kofi Osei'));
  await until(() => trackButton('Kofi Osei')?.disabled === false, 'the row back');
  expect(root.querySelector('li[data-row="Kofi Osei"] .status-chip')).toBeNull();
  expect([await pageDismissed(), await rowDismissed(0)]).toEqual([false, false]);
  expect(await queue.newest(10)).toEqual([]);
});

it('shows each row’s order number when the page gives one, and names the row by it, so one patient’s referrals are told apart', async () => {
  const rows: ExtractedFields[] = [
    { patientName: 'Kofi Osei', orderNumber: 'ORD-309', specialty: 'Cardiology', authoredOn: '2026-11-12' },
    { patientName: 'Kofi Osei', orderNumber: 'ORD-298', specialty: 'Cardiology', authoredOn: '2026-10-28' },
    { patientName: 'Ada Lund', specialty: 'Dermatology' },
  ];
  await show(() => true, { ...LIST, rows: rows.map((fields) => ({ fields, toCheck: {} })) });
  await until(() => trackButton('Kofi Osei, order ORD-298')?.disabled === false, 'the second row’s Track');
  const items = [...root.querySelectorAll('.referral-list li')];
  expect(items.map((item) => item.querySelector('.row-order')?.textContent ?? null)).toEqual([
    'Order ORD-309',
    'Order ORD-298',
    null,
  ]);
  expect(items[0]?.textContent).toContain('Cardiology · 2026-11-12');
  expect(button('Open: Kofi Osei, order ORD-309')).toBeDefined();
  expect(trackButton('Ada Lund')?.disabled).toBe(false);

  await act(() => trackButton('Kofi Osei, order ORD-298')?.click());
  await until(() => items[1]?.querySelector('[role=status]'), 'the row tracked');
  expect(items[0]?.querySelector('[role=status]')).toBeNull();
  expect((await queue.newest(10)).map((referral) => referral.orderNumber)).toEqual(['ORD-298']);
});
