// @vitest-environment jsdom
/**
 * The panel on a list of referrals: each row tracked on its own, only while the page still shows
 * that row, and always as that row's patient.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Detection, ExtractedFields } from '../../src/detection/detect-referral';
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

async function show(onPage: (fields: ExtractedFields) => boolean) {
  await act(() => {
    render(
      <ActionGateProvider watch={seenWhole()}>
        <ReferralList
          detection={LIST}
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
