// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Detection, ExtractedFields, ValuesToCheck } from '../../src/detection/detect-referral';
import { draftFromDetection } from '../../src/detection/to-draft';
import { type Send, typedSender } from '../../src/messages';
import { ActionGateProvider } from '../../src/panel/ActionGate';
import { Panel } from '../../src/panel/Panel';
import { useReferralUpdates } from '../../src/panel/referral-updates';
import {
  DEFAULT_PANEL_CONFIG,
  type PanelConfig,
  type PanelConfigInput,
  PanelConfigSchema,
} from '../../src/panel-config/schema';
import type { ReferralQueue } from '../../src/queue/referral-queue';
import type { Referral } from '../../src/referral/referral';
import { queueWithHandler } from './request-fixture';
import { until } from './until';
import { seenWhole } from './visibility';

// In the jsdom environment WXT's `wxt/browser` alias resolves to WXT's own entry (which loads
// esbuild and fails); the fake browser is what it stands for in every other unit test.
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const PAGE_URL = 'http://127.0.0.1:8765/interface/forms/LBF/new.php?formname=LBTref&pid=1&id=R-1001';

/**
 * The demo EHR's R-1001 (synthetic) as the OpenEMR profile reads it, with the insurance and the
 * attached records left off the page: two required packet items the coordinator must notice.
 */
const FIELDS: ExtractedFields = {
  orderNumber: 'ORD-20461',
  patientName: 'Margaret Okafor',
  dateOfBirth: '1954-03-12',
  mrn: 'MRN-004512',
  patientPhone: '(217) 555-0142',
  preferredLanguage: 'English',
  specialty: 'Cardiology',
  receivingProvider: 'Priya Natarajan, MD',
  receivingOrganization: 'Capital Heart & Vascular Associates',
  receivingFax: '(217) 555-0121',
  referringProvider: 'Hannah Whitaker, MD',
  reason: 'New-onset atrial fibrillation on ECG at the 10/30 visit. Please evaluate.',
  diagnosisCodes: 'I48.91, R00.2',
  priority: 'urgent',
  authoredOn: '2026-11-02',
};

const detection = (fields: ExtractedFields = FIELDS, toCheck: ValuesToCheck = {}): Detection => ({
  profile: { id: 'openemr', name: 'OpenEMR' },
  score: 5,
  cues: ['heading: Referral', 'label: Refer To'],
  fields,
  toCheck,
  phoneCountry: 'US',
});

const configWith = (input: PanelConfigInput): PanelConfig => PanelConfigSchema.parse(input);

let root: HTMLElement;
let queue: ReferralQueue;
let send: Send;
let sent: { type: string }[];
/** The background's handler, as any caller hears it. */
let handle: Awaited<ReturnType<typeof queueWithHandler>>['handle'];

beforeEach(async () => {
  const made = await queueWithHandler();
  queue = made.queue;
  handle = made.handle;
  sent = [];
  send = typedSender(async (message) => {
    sent.push(message as { type: string });
    // As the background hears the panel: an extension page framed in the EHR tab.
    return handle(message, 'panel');
  });
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

/** Waits on the queue itself (IndexedDB), not on the page. */
async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, what: string) {
  let value = await read();
  for (let tries = 0; tries < 200 && !holds(value); tries += 1) {
    await act(() => new Promise((resolve) => setTimeout(resolve, 5)));
    value = await read();
  }
  if (!holds(value)) throw new Error(`timed out waiting for ${what}`);
  return value;
}

async function show(
  options: {
    fields?: ExtractedFields;
    toCheck?: ValuesToCheck;
    config?: PanelConfig;
    pageSelectors?: string[];
    /** Whether the EHR page, looked at again when Track is pressed, still shows this referral. */
    onScreen?: () => boolean;
    /** Moves when the queue changed elsewhere. */
    queueRevision?: number;
    /** What the content script sent (the same object across renders, as in the frame). */
    detected?: Detection;
  } = {},
) {
  const {
    fields = FIELDS,
    toCheck,
    detected = detection(fields, toCheck),
    config = DEFAULT_PANEL_CONFIG,
    pageSelectors = [],
    onScreen = () => true,
    queueRevision,
  } = options;
  const checkSelectors = async (selectors: string[]) => selectors.filter((s) => pageSelectors.includes(s));
  await act(() => {
    render(
      <ActionGateProvider watch={seenWhole()}>
        <Panel
          detection={detected}
          manual={false}
          pageUrl={PAGE_URL}
          send={send}
          config={config}
          checkSelectors={checkSelectors}
          confirmOnScreen={async () => onScreen()}
          onDismiss={() => {}}
          queueRevision={queueRevision}
        />
      </ActionGateProvider>,
      root,
    );
  });
  // The panel has asked the queue: a tracked referral shows its state, an untracked one can be tracked.
  await until(
    () => statusChip() || (trackButton() && !trackButton()?.disabled) || button('Track separately'),
    'the page status',
  );
}

const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('button')];
const button = (name: string) => buttons().find((b) => b.textContent?.trim() === name);
const trackButton = () => button('Track referral');
const tab = (id: string) => root.querySelector<HTMLButtonElement>(`#tab-${id}`);
const statusChip = () => root.querySelector('.status-chip')?.textContent;
const labelled = <T extends HTMLElement>(label: string) => {
  const found = [...root.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(label));
  return (found?.control ?? null) as T | null;
};

async function click(element: HTMLElement | null | undefined) {
  if (!element) throw new Error('nothing to click');
  await act(() => element.click());
}

async function type(field: HTMLInputElement | HTMLTextAreaElement | null, text: string) {
  if (!field) throw new Error('no such field');
  await act(() => {
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function choose(select: HTMLSelectElement | null, value: string) {
  if (!select) throw new Error('no such select');
  await act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function openTab(id: 'details' | 'packet' | 'scripts' | 'outreach') {
  await click(tab(id));
  if (id === 'packet') await until(() => !root.textContent?.includes('Checking the packet'), 'the checklist');
}

/** "Track referral" as the coordinator presses it, on the Details tab. */
async function trackIt(): Promise<Referral> {
  await openTab('details');
  await click(trackButton());
  await until(() => statusChip(), 'the tracked status');
  const [stored] = await queue.newest(1);
  if (!stored) throw new Error('nothing tracked');
  return stored;
}

const stored = async () => {
  const [referral] = await queue.newest(1);
  if (!referral) throw new Error('nothing in the queue');
  return referral;
};

describe('coordinator panel: the same referral changed elsewhere', () => {
  it('shows the stored copy when the queue changed in another tab, without any action here', async () => {
    const detected = detection();
    await show({ detected });
    const tracked = await trackIt();
    expect(statusChip()).toBe('New');
    // Another tab (or the dashboard) logs an attempt that books the appointment.
    const reply = await handle(
      {
        type: 'log-outreach',
        id: tracked.id,
        version: tracked.version,
        party: 'patient',
        channel: 'phone',
        outcome: 'scheduled',
        appointmentAt: Date.parse('2026-12-10T09:30:00'),
      },
      'extension-page',
    );
    expect(reply).toMatchObject({ ok: true });
    await show({ detected });
    expect(statusChip()).toBe('New');
    await show({ detected, queueRevision: 1 });
    await until(() => statusChip() === 'Scheduled', 'the stored copy');
  });
});

describe('coordinator panel: packet', () => {
  it('lists the missing required items first with the evidence for each, and counts them on the tab', async () => {
    await show();
    expect(tab('packet')?.querySelector('.badge')?.textContent).toBe('2');
    await openTab('packet');
    const items = [...root.querySelectorAll<HTMLElement>('.checklist .item')];
    expect(items.slice(0, 2).map((item) => item.dataset.item)).toEqual(['insurance', 'records']);
    expect(items.slice(0, 2).every((item) => item.classList.contains('is-missing'))).toBe(true);
    // The optional items missing too come after the required items and is not counted.
    const rest = items.slice(2).filter((item) => item.classList.contains('is-missing'));
    expect(rest.map((item) => item.dataset.item)).toEqual(['authorization', 'specialist-instructions']);
    expect(root.querySelector('.packet .summary')?.textContent).toBe('2 required items missing.');
    const evidence = (id: string) => root.querySelector(`[data-item="${id}"] .evidence`)?.textContent;
    expect(evidence('patient-phone')).toBe('phone found: (217) 555-0142');
    expect(evidence('insurance')).toBe('not found: payer, member ID');
    expect(evidence('receiving-office')).toContain('receiving office found: Capital Heart & Vascular');
    expect(root.querySelector('[data-item="authorization"]')?.textContent).toContain('(optional)');
  });

  it('says the packet is complete, and has no badge, when every required item is on the page', async () => {
    await show({
      fields: {
        ...FIELDS,
        insurancePayer: 'Blue Cross Blue Shield of Illinois',
        insuranceMemberId: 'XOF884512301',
        recordsAttached: 'Office note 2026-10-30; 12-lead ECG 2026-10-30',
      },
    });
    expect(tab('packet')?.querySelector('.badge')).toBeNull();
    await openTab('packet');
    expect(root.querySelector('.packet .summary')?.textContent).toBe(
      'Packet complete: every required item is found.',
    );
    await trackIt();
    await openTab('packet');
    await click(button('Mark packet sent'));
    await until(() => statusChip() === 'Sent', 'the Sent status');
    const referral = await stored();
    expect(referral.status).toBe('sent');
    expect(referral.packet?.override).toBeUndefined();
  });

  it('blocks "Mark packet sent" naming the missing items, and sends anyway only with a reason, kept in the history', async () => {
    await show();
    await trackIt();
    await openTab('packet');
    await click(button('Mark packet sent'));
    const alert = root.querySelector('.mark-sent [role="alert"]');
    expect(alert?.textContent).toBe(
      'Cannot mark sent: required items are missing (Insurance payer and member ID; Records attached). Complete them, or give a reason to send anyway.',
    );
    expect(sent.some((m) => m.type === 'change-status')).toBe(false);
    expect(button('Send anyway')?.disabled).toBe(true);
    const reason = labelled<HTMLTextAreaElement>('Reason to send anyway');
    await type(reason, ' ok  ');
    expect(button('Send anyway')?.disabled).toBe(true);
    await type(reason, 'Records go by courier this afternoon');
    expect(button('Send anyway')?.disabled).toBe(false);
    await click(button('Send anyway'));
    await until(() => statusChip() === 'Sent', 'the Sent status');

    const referral = await stored();
    expect(referral.status).toBe('sent');
    expect(referral.packet?.override).toMatchObject({
      by: 'JD',
      reason: 'Records go by courier this afternoon',
      missing: ['insurance', 'records'],
    });
    expect(referral.history.at(-1)).toMatchObject({
      kind: 'status',
      from: 'new',
      to: 'sent',
      note: 'Sent with missing items (insurance, records): Records go by courier this afternoon',
    });
    // Sent: the button is gone, there is nothing more to send.
    expect(button('Mark packet sent')).toBeUndefined();
  });

  it('records a manual item the coordinator ticks by hand, and counts it as missing until then', async () => {
    const config = configWith({
      checklists: [
        {
          id: 'cardiology',
          name: 'Cardiology packet',
          appliesTo: { specialties: ['cardiology'] },
          items: [
            { id: 'patient-phone', label: 'Patient phone number', check: { fields: ['patientPhone'] } },
            { id: 'ecg', label: 'ECG tracing attached' },
          ],
        },
      ],
    });
    await show({ config });
    expect(tab('packet')?.querySelector('.badge')?.textContent).toBe('1');
    await trackIt();
    await openTab('packet');
    expect(root.querySelector('h2#packet-heading')?.textContent).toBe('Cardiology packet');
    const ecg = root.querySelector<HTMLInputElement>('[data-item="ecg"] input[type="checkbox"]');
    expect(ecg?.checked).toBe(false);
    expect((await stored()).packet?.missingRequired).toEqual([{ id: 'ecg', label: 'ECG tracing attached' }]);

    await click(ecg);
    await until(() => root.querySelector('.packet .summary.complete'), 'the complete packet');
    expect(tab('packet')?.querySelector('.badge')).toBeNull();
    const ticked = await eventually(
      stored,
      (r) => r.packet?.confirmed.includes('ecg') ?? false,
      'the tick in the queue',
    );
    expect(ticked.packet).toMatchObject({ missingRequired: [], confirmed: ['ecg'], firstMissing: ['ecg'] });
    expect(ticked.history.at(-1)).toMatchObject({ kind: 'packet', by: 'JD', note: 'ecg: confirmed' });

    // With the tick recorded, marking sent needs no override.
    await click(button('Mark packet sent'));
    await until(() => statusChip() === 'Sent', 'the Sent status');
    expect((await stored()).packet?.override).toBeUndefined();
  });

  it('lets the coordinator confirm by hand an item the page does not show, so sending needs no override', async () => {
    // Issue 15: records sent outside the EHR left every such packet needing a typed override.
    await show({ fields: { ...FIELDS, insurancePayer: 'BCBS IL', insuranceMemberId: 'XOF884512301' } });
    await trackIt();
    await openTab('packet');
    expect(root.querySelector('.packet .summary')?.textContent).toBe('1 required item missing.');
    const records = root.querySelector<HTMLInputElement>('[data-item="records"] .confirm-by-hand input');
    expect(records?.closest('label')?.textContent).toBe('Confirmed by hand: Records attached');
    await click(records);
    await until(() => root.querySelector('.packet .summary.complete'), 'the complete packet');
    expect(root.querySelector('[data-item="records"] .evidence')?.textContent).toBe(
      'not on the page; confirmed by the coordinator',
    );
    await eventually(
      stored,
      (r) => r.packet?.confirmed.includes('records') ?? false,
      'the tick in the queue',
    );
    await click(button('Mark packet sent'));
    await until(() => statusChip() === 'Sent', 'the Sent status');
    expect((await stored()).packet?.override).toBeUndefined();
  });

  it('says where checklists come from when none applies', async () => {
    const config = configWith({
      checklists: [
        {
          id: 'dermatology',
          name: 'Dermatology packet',
          appliesTo: { specialties: ['dermatology'] },
          items: [{ id: 'photo', label: 'Lesion photo' }],
        },
      ],
    });
    await show({ config });
    await openTab('packet');
    expect(root.querySelector('.hint')?.textContent).toContain(
      "Checklists come from your organisation's Handoff policy",
    );
  });

  it('says how long the reason to send anyway must be, and marks an optional gap as no gap', async () => {
    await show();
    await trackIt();
    await openTab('packet');
    // The optional prior authorization the page lacks is not crossed out as missing.
    const authorization = root.querySelector('[data-item="authorization"]');
    expect(authorization?.querySelector('.mark')?.textContent).toBe('–');
    expect(authorization?.querySelector('.sr-only')?.textContent).toBe('Optional, not found:');
    await click(button('Mark packet sent'));
    const reason = labelled<HTMLTextAreaElement>('Reason to send anyway');
    const hint = root.querySelector(`#${reason?.getAttribute('aria-describedby')}`);
    expect(hint?.textContent).toBe('At least 5 characters.');
  });

  it('keeps the ticks across a reload of the page, and records an untick', async () => {
    const config = configWith({
      checklists: [{ id: 'all', name: 'Packet', items: [{ id: 'ecg', label: 'ECG tracing attached' }] }],
    });
    await show({ config });
    await trackIt();
    await openTab('packet');
    await click(root.querySelector<HTMLInputElement>('[data-item="ecg"] input'));
    await eventually(stored, (r) => r.packet?.confirmed.includes('ecg') ?? false, 'the tick in the queue');

    render(null, root);
    await show({ config });
    await until(() => statusChip(), 'the tracked status');
    await openTab('packet');
    const ecg = root.querySelector<HTMLInputElement>('[data-item="ecg"] input');
    expect(ecg?.checked).toBe(true);
    await click(ecg);
    const unticked = await eventually(
      stored,
      (r) => r.packet?.confirmed.length === 0,
      'the untick in the queue',
    );
    expect(unticked.packet?.missingRequired).toEqual([{ id: 'ecg', label: 'ECG tracing attached' }]);
    expect(unticked.history.at(-1)).toMatchObject({ kind: 'packet', note: 'ecg: unconfirmed' });
  });

  it('re-checks the packet when the page changes, keeping the first check and writing no history', async () => {
    await show();
    const first = await trackIt();
    render(null, root);
    await show({
      fields: {
        ...FIELDS,
        insurancePayer: 'Blue Cross Blue Shield of Illinois',
        insuranceMemberId: 'XOF884512301',
      },
    });
    await until(() => statusChip(), 'the tracked status');
    const rechecked = await eventually(
      stored,
      (r) => r.packet?.missingRequired.length === 1,
      'the re-check in the queue',
    );
    expect(rechecked.packet).toMatchObject({
      missingRequired: [{ id: 'records', label: 'Records attached' }],
      firstMissing: ['insurance', 'records'],
      firstCheckedAt: first.packet?.firstCheckedAt,
    });
    expect(rechecked.history.map((entry) => entry.kind)).toEqual(['created']);
    expect(tab('packet')?.querySelector('.badge')?.textContent).toBe('1');
  });

  it('records the first check with the referral when it is tracked', async () => {
    await show();
    await trackIt();
    const track = sent.find((m) => m.type === 'track-referral') as unknown as {
      packet?: { missingRequired: { id: string }[] };
    };
    expect(track.packet?.missingRequired.map((gap) => gap.id)).toEqual(['insurance', 'records']);
    const referral = await stored();
    expect(referral.packet?.firstMissing).toEqual(['insurance', 'records']);
    // Nothing changed since: no second write for the same check.
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(sent.some((m) => m.type === 'record-packet')).toBe(false);
  });
});

describe('coordinator panel: scripts', () => {
  it('shows the language and the interpreter need in Details, and prompts for an interpreter where no script is in the language', async () => {
    // Issue 15: a patient whose language has no script silently got English.
    const config = configWith({ organization: { interpreterLine: '(555) 010-0177' } });
    await show({ fields: { ...FIELDS, preferredLanguage: 'Vietnamese', interpreterNeeded: 'Yes' }, config });
    expect(root.querySelector('.fields [data-field="preferredLanguage"]')?.textContent).toBe('Vietnamese');
    expect(root.querySelector('.fields [data-field="interpreterNeeded"]')?.textContent).toBe('Yes');
    expect(root.querySelector('.more-details [data-field="preferredLanguage"]')).toBeNull();
    await openTab('scripts');
    const prompt = root.querySelector('.interpreter-prompt')?.textContent;
    expect(prompt).toContain(
      'No approved script in Vietnamese. Do not read the English one to the patient: call with an interpreter ((555) 010-0177)',
    );
    expect(prompt).toContain(
      'needs an interpreter (Yes): call through the interpreter line ((555) 010-0177)',
    );
  });

  it('asks for no interpreter for a patient whose language has scripts and who needs none', async () => {
    await show({ fields: { ...FIELDS, preferredLanguage: 'Spanish', interpreterNeeded: 'No' } });
    await openTab('scripts');
    expect(root.querySelector('.interpreter-prompt')).toBeNull();
  });

  it("fills in the patient's first name and marks a missing receiving office as a gap, never undefined", async () => {
    const { receivingOrganization: _org, receivingProvider: _provider, ...withoutOffice } = FIELDS;
    await show({ fields: withoutOffice });
    await openTab('scripts');
    const call = root.querySelector('[data-script="patient-call-en"]');
    expect(call?.textContent).toContain('Hi Margaret, this is Riverbend Health Partners.');
    expect(call?.textContent).toContain('(555) 010-0100');
    expect([...(call?.querySelectorAll('mark.gap') ?? [])].map((m) => m.textContent)).toEqual([
      '[receiving office]',
    ]);
    expect(call?.textContent).toContain('1 value is missing: fill the marked gap');
    for (const script of root.querySelectorAll('[data-script] .script-text')) {
      expect(script.textContent).not.toContain('undefined');
      expect(script.textContent).not.toContain('{');
      expect(script.textContent).not.toContain('}');
    }
    expect(call?.textContent).toContain('Passes the 3-second check');
  });

  it("opens in the patient's preferred language (Spanish) and says why", async () => {
    await show({
      fields: { ...FIELDS, patientName: 'Luis Alberto Fernández', preferredLanguage: 'Spanish' },
    });
    await openTab('scripts');
    expect(labelled<HTMLSelectElement>('Language')?.value).toBe('es');
    const shown = [...root.querySelectorAll<HTMLElement>('[data-script]')].map((s) => s.dataset.script);
    expect(shown).toEqual([
      'patient-call-es',
      'patient-voicemail-es',
      'patient-text-es',
      'patient-email-es',
      'patient-letter-es',
    ]);
    expect(root.querySelector('[data-script="patient-call-es"]')?.textContent).toContain('Hola, Luis,');
    expect(root.querySelector('.scripts .note')?.textContent).toContain("In the patient's language");
  });

  it("opens in the patient's language when the organisation writes it with a region (es-MX)", async () => {
    const config = configWith({
      scripts: [
        ...DEFAULT_PANEL_CONFIG.scripts.filter((script) => script.id === 'patient-call-en'),
        {
          id: 'patient-call-es-mx',
          audience: 'patient',
          channel: 'call',
          language: 'es-MX',
          title: 'Paciente: llamada',
          why: 'Hola, {patientFirstName}, le llamamos de {practiceName} por su referencia.',
          step: 'Le ayudamos a hacer la cita con {receivingOffice}.',
          help: 'Nuestro número: {practicePhone}.',
        },
      ],
    });
    await show({ config, fields: { ...FIELDS, preferredLanguage: 'Spanish' } });
    await openTab('scripts');
    expect(labelled<HTMLSelectElement>('Language')?.value).toBe('es-MX');
    expect(root.querySelector('[data-script="patient-call-es-mx"]')).not.toBeNull();
    expect(root.querySelector('[data-script="patient-call-en"]')).toBeNull();
    expect(root.querySelector('.scripts .note')?.textContent).toContain("In the patient's language");
  });

  it('shows why a script with a long opening fails the 3-second rule', async () => {
    const config = configWith({
      scripts: [
        {
          id: 'patient-call-long',
          audience: 'patient',
          channel: 'call',
          language: 'en',
          title: 'Patient: long call',
          why: 'Hello {patientFirstName}, this is {practiceName}, and before anything else I would like to take a little of your time to explain in some detail why we are calling you today about your referral.',
          step: 'Please book your visit with {receivingOffice}.',
          help: 'Call us at {practicePhone}.',
        },
      ],
    });
    await show({ config });
    await openTab('scripts');
    const card = root.querySelector('[data-script="patient-call-long"]');
    expect(card?.querySelector('.check.fail')?.textContent).toContain('Fails the 3-second check:');
    expect(card?.querySelector('.check.fail li')?.textContent).toBe(
      'The opening has 33 words; keep it to 25 or fewer.',
    );
    expect(card?.querySelector('.check.pass')).toBeNull();
  });

  it('copies the filled script to the clipboard in one click', async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await show();
    await openTab('scripts');
    const call = root.querySelector<HTMLElement>('[data-script="patient-call-en"]');
    await click([...(call?.querySelectorAll('button') ?? [])].find((b) => b.textContent === 'Copy'));
    await until(() => call?.querySelector('.copied')?.textContent, 'the copied notice');
    expect(call?.querySelector('.copied')?.textContent).toBe('Copied to the clipboard.');
    expect(writeText).toHaveBeenCalledOnce();
    const copied = writeText.mock.calls[0]?.[0] ?? '';
    expect(copied).toContain('Hi Margaret');
    expect(copied).toContain('Capital Heart & Vascular Associates');
    expect(copied).not.toContain('{');
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('"Log outreach with this script" opens Outreach with the party and channel set, and logs the script', async () => {
    await show();
    await trackIt();
    await openTab('scripts');
    await choose(labelled('For'), 'receiving-office');
    const email = root.querySelector<HTMLElement>('[data-script="receiving-office-email-en"]');
    expect(email).not.toBeNull();
    await click(
      [...(email?.querySelectorAll('button') ?? [])].find(
        (b) => b.textContent === 'Log outreach with this script',
      ),
    );
    expect(tab('outreach')?.getAttribute('aria-selected')).toBe('true');
    expect(labelled<HTMLSelectElement>('Contacted')?.value).toBe('receiving-office');
    expect(labelled<HTMLSelectElement>('Channel')?.value).toBe('email');
    await click(button('Reached'));
    await until(() => root.querySelector('.outreach .saved'), 'the saved notice');
    expect((await stored()).outreach).toMatchObject([
      {
        party: 'receiving-office',
        channel: 'email',
        outcome: 'reached',
        scriptId: 'receiving-office-email-en',
      },
    ]);
  });
});

describe('coordinator panel: outreach', () => {
  it('asks to track the referral first', async () => {
    await show();
    await openTab('outreach');
    expect(root.querySelector('[role="tabpanel"]')?.textContent).toBe(
      'Track this referral to log outreach: use Track referral under Details.',
    );
    expect(button('No answer')).toBeUndefined();
  });

  it('logs "No answer" in one click with barriers and note, and updates the attempt count', async () => {
    await show();
    await trackIt();
    await openTab('outreach');
    expect(root.querySelector('[data-testid="attempts"]')?.textContent).toBe('No outreach yet');
    const transportation = [...root.querySelectorAll('.barriers label')].find(
      (l) => l.textContent === 'Transportation',
    );
    await click(transportation?.querySelector('input'));
    await type(labelled('Note'), 'Rang twice, no voicemail set up');
    await click(button('No answer'));
    await until(() => root.querySelector('.outreach .saved'), 'the saved notice');

    const referral = await stored();
    expect(referral.outreach).toMatchObject([
      {
        by: 'JD',
        party: 'patient',
        channel: 'phone',
        outcome: 'no-answer',
        barriers: ['transportation'],
        note: 'Rang twice, no voicemail set up',
      },
    ]);
    expect(root.querySelector('.outreach .saved')?.textContent).toMatch(/^Logged: No answer\. /);
    expect(root.querySelector('[data-testid="attempts"]')?.textContent).toMatch(
      /^1 attempt\. Last: No answer, /,
    );
    expect(root.querySelector('.last-outreach')?.textContent?.trim()).toBe('1 attempt, last: No answer.');
    // The form is ready for the next call.
    expect(labelled<HTMLTextAreaElement>('Note')?.value).toBe('');
    expect(transportation?.querySelector('input')?.checked).toBe(false);
  });

  it('"Scheduled" asks for the appointment date, then moves the referral to Scheduled', async () => {
    await show();
    await trackIt();
    await openTab('outreach');
    const scheduled = button('Scheduled');
    expect(scheduled?.getAttribute('aria-expanded')).toBe('false');
    await click(scheduled);
    expect(scheduled?.getAttribute('aria-expanded')).toBe('true');
    expect(sent.some((m) => m.type === 'log-outreach')).toBe(false);
    expect(button('Save as scheduled')?.disabled).toBe(true);
    await type(labelled('Appointment'), '2026-12-10T09:30');
    expect(button('Save as scheduled')?.disabled).toBe(false);
    await click(button('Save as scheduled'));
    await until(() => statusChip() === 'Scheduled', 'the Scheduled status');

    const referral = await stored();
    expect(referral.status).toBe('scheduled');
    expect(referral.dates.appointmentAt).toBe(new Date('2026-12-10T09:30').getTime());
    expect(referral.outreach.at(-1)).toMatchObject({ outcome: 'scheduled' });
    expect(labelled('Appointment')).toBeNull();
  });
});

describe('coordinator panel: clinical questions', () => {
  it('offers the hand-off for a note with a clinical question, and records the matched phrases only', async () => {
    await show();
    await trackIt();
    await openTab('outreach');
    const note = 'Daughter Nadia asked if it is urgent, and if mom should keep taking her pills';
    await type(labelled('Note'), note);
    const alert = await until(() => root.querySelector('.note-alert.clinical'), 'the hand-off prompt');
    expect(alert.getAttribute('role')).toBe('status');
    expect(alert.textContent).toContain('This note reads like a clinical question');
    expect(alert.textContent).toContain('I will pass it to our clinical staff');
    expect(alert.querySelector('.matched')?.textContent).toBe('Matched: if it is urgent, pill, keep taking');
    await click(
      [...alert.querySelectorAll('button')].find(
        (b) => b.textContent === 'Record escalation for Nurse triage line',
      ),
    );
    await until(() => root.querySelector('.escalated'), 'the escalated notice');
    expect(root.querySelector('.escalated')?.textContent).toBe(
      'Escalation recorded — nothing was sent. Contact Nurse triage line now; it stays open until marked resolved.',
    );

    const referral = await stored();
    expect(referral.escalations).toEqual([
      {
        at: expect.any(Number),
        by: 'JD',
        trigger: 'note',
        redFlag: false,
        matched: ['if it is urgent', 'pill', 'keep taking'],
        contact: {
          name: 'Nurse triage line',
          reach: '(555) 010-0150, option 2',
          responseTime: 'within 2 business hours',
        },
      },
    ]);
    expect(referral.history.at(-1)).toMatchObject({
      kind: 'escalation',
      note: 'note → Nurse triage line',
    });
    // The note is patient data: neither the queue nor the request carries it.
    expect(JSON.stringify(referral)).not.toContain('Nadia');
    expect(JSON.stringify(sent)).not.toContain('Nadia');
  });

  it('shows the emergency instruction as an alert for a red-flag note', async () => {
    await show();
    await trackIt();
    await openTab('outreach');
    await type(labelled('Note'), 'Patient says she has chest pain right now');
    const alert = await until(() => root.querySelector('.note-alert.red-flag'), 'the red-flag alert');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.querySelector('.alert-title')?.textContent).toBe('Possible emergency');
    expect(alert.querySelector('blockquote')?.textContent).toBe(
      'If this is an emergency, hang up and call 911.',
    );
    expect(alert.querySelector('.matched')?.textContent).toBe('Matched: chest pain, pain');
    await click(
      [...alert.querySelectorAll('button')].find(
        (b) => b.textContent === 'Record escalation for Nurse triage line',
      ),
    );
    await until(() => root.querySelector('.escalated'), 'the escalated notice');
    const referral = await stored();
    expect(referral.escalations).toMatchObject([
      { trigger: 'note', redFlag: true, matched: ['chest pain', 'pain'] },
    ]);
    expect(referral.history.at(-1)?.note).toBe('red flag → Nurse triage line');
  });

  it('gives the Spanish hand-off line to a Spanish-speaking patient', async () => {
    await show({ fields: { ...FIELDS, preferredLanguage: 'Spanish' } });
    await click(button('Clinical question'));
    const box = root.querySelector('.clinical-box');
    expect(box?.querySelector('blockquote')?.getAttribute('lang')).toBe('es');
    expect(box?.querySelector('blockquote')?.textContent).toContain('Línea de enfermería');
  });

  it('tracks an untracked referral and escalates it from the Clinical question action', async () => {
    await show();
    expect(await queue.newest(1)).toEqual([]);
    await click(button('Clinical question'));
    const box = root.querySelector('.clinical-box');
    expect(box?.querySelector('blockquote')?.textContent).toContain(
      'You can also reach them directly: Nurse triage line, (555) 010-0150, option 2.',
    );
    await click(button('Track and record escalation for Nurse triage line'));
    await until(() => root.querySelector('.escalated'), 'the escalated notice');
    expect(statusChip()).toBe('New');

    const referral = await stored();
    expect(referral.patient.name).toBe('Margaret Okafor');
    expect(referral.escalations).toMatchObject([
      { trigger: 'clinical-question', redFlag: false, matched: [], contact: { name: 'Nurse triage line' } },
    ]);
    expect(referral.history.map((entry) => entry.kind)).toEqual(['created', 'escalation']);
    expect(sent.filter((m) => m.type === 'track-referral')).toHaveLength(1);
  });
});

describe('coordinator panel: not a referral', () => {
  const dismissed = async () =>
    (await send({ type: 'page-status', pageUrl: PAGE_URL, draft: draftFromDetection(detection(), PAGE_URL) }))
      .dismissed;

  it('asks before hiding the panel on the page, can be undone, and leaves only when closed', async () => {
    const onDismiss = vi.fn();
    await show();
    await act(() => {
      render(
        <ActionGateProvider watch={seenWhole()}>
          <Panel
            detection={detection()}
            manual={false}
            pageUrl={PAGE_URL}
            send={send}
            config={DEFAULT_PANEL_CONFIG}
            checkSelectors={async () => []}
            confirmOnScreen={async () => true}
            onDismiss={onDismiss}
          />
        </ActionGateProvider>,
        root,
      );
    });
    // Issue 15: one click used to hide the panel for good, with no question and no undo.
    await click(button('Not a referral'));
    expect(root.querySelector('.not-a-referral legend')?.textContent).toBe(
      'Not a referral? Handoff will stop showing its panel on this page.',
    );
    expect(document.activeElement).toBe(button('Cancel'));
    expect(sent.some((m) => m.type === 'set-page-dismissed')).toBe(false);
    await click(button('Cancel'));
    expect(button('Hide on this page')).toBeUndefined();

    await click(button('Not a referral'));
    await click(button('Hide on this page'));
    await until(() => root.querySelector('.hidden-here'), 'the hidden notice');
    expect(await dismissed()).toBe(true);
    expect(onDismiss).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(button('Undo: show the panel here'));

    await click(button('Undo: show the panel here'));
    await until(() => tab('details'), 'the panel back');
    expect(await dismissed()).toBe(false);

    await click(button('Not a referral'));
    await click(button('Hide on this page'));
    await until(() => button('Close the panel'), 'the hidden notice');
    await click(button('Close the panel'));
    expect(onDismiss).toHaveBeenCalledTimes(1);
    expect(await dismissed()).toBe(true);
  });
});

describe('coordinator panel: the patient on screen', () => {
  it('never shows or changes the referral of a patient the page swapped out', async () => {
    await show();
    await trackIt();
    const before = await stored();
    sent.length = 0;
    // The EHR swaps another patient in place, under the same order number.
    await show({
      fields: { ...FIELDS, patientName: 'Robin Other', dateOfBirth: '1990-01-20', mrn: 'MRN-9' },
    });
    await until(() => button('Track separately'), 'the offer to track separately');
    expect(root.textContent).toContain("Another patient's referral");
    expect(statusChip()).toBeUndefined();
    await openTab('packet');
    expect(button('Mark packet sent')).toBeUndefined();
    expect(await stored()).toEqual(before);
    expect(sent.filter((m) => m.type === 'record-packet')).toHaveLength(0);
  });
});

describe('coordinator panel: every field read', () => {
  it('shows the main details first and every other field read under More details, each editable', async () => {
    await show();
    const more = root.querySelector<HTMLDetailsElement>('details.more-details');
    expect(more?.querySelector('summary')?.textContent).toBe('More details');
    // The main details are not repeated there; the rest of what the page showed is.
    expect(more?.querySelector('[data-field="patientName"]')).toBeNull();
    expect(more?.querySelector('[data-field="referringProvider"]')?.textContent).toBe('Hannah Whitaker, MD');
    expect(more?.querySelector('[data-field="diagnosisCodes"]')?.textContent).toBe('I48.91, R00.2');
    expect(more?.querySelector('[data-field="authoredOn"]')?.textContent).toBe('2026-11-02');
    // Fields the page did not show are not listed as gaps there.
    expect(more?.querySelector('[data-field="insurancePayer"]')).toBeNull();

    await click(button('Edit details'));
    await type(labelled<HTMLInputElement>('Referred by'), 'Dr. Rosa Castellan');
    await type(labelled<HTMLInputElement>('Insurance'), 'Aetna Choice POS II');
    const tracked = await trackIt();
    expect(tracked.referring.provider).toBe('Dr. Rosa Castellan');
    expect(tracked.insurance?.payer).toBe('Aetna Choice POS II');
  });
});

describe('coordinator panel: the referral on screen', () => {
  it('tracks nothing when the page has swapped the referral since the panel showed it', async () => {
    let sameOnPage = false;
    await show({ onScreen: () => sameOnPage });
    await openTab('details');
    await click(trackButton());
    await until(() => root.querySelector('[role=alert]'), 'the warning');
    expect(root.textContent).toContain('The page now shows another referral, or none');
    expect(sent.filter((m) => m.type === 'track-referral')).toHaveLength(0);
    expect(await queue.newest(1)).toEqual([]);
    // The panel can still track once the page and the panel agree.
    sameOnPage = true;
    await click(trackButton());
    await until(() => statusChip(), 'the tracked status');
    expect((await stored()).orderNumber).toBe('ORD-20461');
  });
});

describe('coordinator panel: keyboard', () => {
  it('moves between tabs with the arrow keys, Home and End, one tab in the tab order', async () => {
    await show();
    const press = async (key: string) => {
      const from = document.activeElement as HTMLElement;
      await act(() => {
        from.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      });
    };
    const tabIndexes = () =>
      ['details', 'packet', 'scripts', 'outreach', 'history'].map((id) => tab(id)?.tabIndex);
    expect(tabIndexes()).toEqual([0, -1, -1, -1, -1]);
    tab('details')?.focus();
    await press('ArrowRight');
    expect(document.activeElement).toBe(tab('packet'));
    expect(tab('packet')?.getAttribute('aria-selected')).toBe('true');
    expect(tabIndexes()).toEqual([-1, 0, -1, -1, -1]);
    expect(root.querySelector('[role="tabpanel"]')?.getAttribute('aria-labelledby')).toBe('tab-packet');
    await press('End');
    expect(document.activeElement).toBe(tab('history'));
    await press('ArrowRight');
    expect(document.activeElement).toBe(tab('details'));
    await press('ArrowLeft');
    expect(document.activeElement).toBe(tab('history'));
    await press('Home');
    expect(document.activeElement).toBe(tab('details'));
    expect(tab('details')?.getAttribute('aria-selected')).toBe('true');
  });
});

/** A call with no answer, logged from the copy the panel holds. */
const noAnswer = (r: Referral) => ({
  type: 'log-outreach' as const,
  id: r.id,
  version: r.version,
  party: 'patient' as const,
  channel: 'phone' as const,
  outcome: 'no-answer' as const,
  barriers: [],
});

describe('referral updates from the panel', () => {
  it('sends changes one after another, each from the copy the previous one returned', async () => {
    const { referral } = await send({
      type: 'track-referral',
      draft: draftFromDetection(detection(), PAGE_URL),
    });
    let fire: (() => Promise<unknown>[]) | undefined;
    const seen: number[] = [];
    function Probe() {
      const { update } = useReferralUpdates(send, referral, referral.patient, (updated) =>
        seen.push(updated.version),
      );
      fire = () => [
        update((r) => ({
          type: 'record-packet',
          id: r.id,
          version: r.version,
          missingRequired: [],
          confirmed: ['ecg'],
        })),
        update(noAnswer),
        update((r) => ({ type: 'escalate', id: r.id, version: r.version, trigger: 'clinical-question' })),
      ];
      return null;
    }
    await act(() => {
      render(<Probe />, root);
    });
    const results = await Promise.allSettled(fire?.() ?? []);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(seen).toEqual([referral.version + 1, referral.version + 2, referral.version + 3]);
    const final = await stored();
    expect(final.history.map((entry) => entry.kind)).toEqual(['created', 'packet', 'outreach', 'escalation']);
  });

  it('reports a refused change and goes on with the next', async () => {
    const { referral } = await send({
      type: 'track-referral',
      draft: draftFromDetection(detection(), PAGE_URL),
    });
    let fire: (() => Promise<unknown>[]) | undefined;
    function Probe() {
      const { update } = useReferralUpdates(send, referral, referral.patient, () => {});
      fire = () => [
        update((r) => ({ type: 'change-status', id: r.id, version: r.version, to: 'scheduled' })),
        update((r) => ({ type: 'change-status', id: r.id, version: r.version, to: 'sent' })),
      ];
      return null;
    }
    await act(() => {
      render(<Probe />, root);
    });
    const [refused, sentOk] = await Promise.allSettled(fire?.() ?? []);
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: { message: 'Moving to Scheduled needs the appointment date.' },
    });
    expect(sentOk?.status).toBe('fulfilled');
    expect((await stored()).status).toBe('sent');
  });
});

describe('a write that races a change made elsewhere', () => {
  it('is refused as stale, and the panel takes the stored copy so that trying again saves', async () => {
    const { referral } = await send({
      type: 'track-referral',
      draft: draftFromDetection(detection(), PAGE_URL),
    });
    // The dashboard logs a call between the panel's last read and its next write.
    await handle(
      {
        type: 'log-outreach',
        id: referral.id,
        version: referral.version,
        party: 'patient',
        channel: 'voicemail',
        outcome: 'left-voicemail',
      },
      'extension-page',
    );
    const seen: number[] = [];
    let attempt: (() => Promise<unknown>) | undefined;
    function Probe() {
      const { update } = useReferralUpdates(send, referral, referral.patient, (fresh) =>
        seen.push(fresh.version),
      );
      attempt = () => update(noAnswer);
      return null;
    }
    await act(() => {
      render(<Probe />, root);
    });
    await expect(attempt?.()).rejects.toThrow(/changed elsewhere/);
    expect(seen).toEqual([(await stored()).version]);
    await attempt?.();
    expect((await stored()).outreach.map((a) => a.outcome)).toEqual(['left-voicemail', 'no-answer']);
  });
});

describe('values the page showed but Handoff could not read', () => {
  const { authoredOn: _date, dateOfBirth: _birth, ...unread } = FIELDS;
  const toCheck: ValuesToCheck = {
    authoredOn: { raw: '04/05/2026', why: 'ambiguous-date' },
    dateOfBirth: { raw: '12/03/54', why: 'unreadable' },
  };

  it('shows each flagged with what the page shows, and tracks without them', async () => {
    await show({ fields: unread, toCheck });
    const authored = root.querySelector('[data-field="authoredOn"]');
    expect(authored?.getAttribute('data-check')).toBe('true');
    expect(authored?.textContent).toContain('Check this');
    expect(authored?.textContent).toContain('The page shows “04/05/2026”.');
    expect(root.querySelector('[data-field="dateOfBirth"]')?.textContent).toContain('“12/03/54”');
    const referral = await trackIt();
    expect(referral.authoredOn).toBeUndefined();
    expect(referral.patient.dateOfBirth).toBeUndefined();
  });

  it('tracks the date once the coordinator corrects it, and no longer flags it', async () => {
    await show({ fields: unread, toCheck });
    await click(button('Edit details'));
    expect(root.querySelector('#handoff-field-authoredOn-check')?.textContent).toContain('04/05/2026');
    await type(labelled<HTMLInputElement>('Referral date'), '2026-05-04');
    expect(root.querySelector('#handoff-field-authoredOn-check')).toBeNull();
    const referral = await trackIt();
    expect(referral.authoredOn).toBe('2026-05-04');
    expect(root.querySelector('[data-field="authoredOn"]')?.textContent).toBe('2026-05-04');
  });

  it("formats phone numbers for the profile's country, keeping what is not a number there as written", async () => {
    await show({ fields: { ...FIELDS, patientPhone: '217.555.0142', receivingFax: '0491 570 156' } });
    expect(root.querySelector('[data-field="patientPhone"]')?.textContent).toBe('(217) 555-0142');
    const referral = await trackIt();
    expect(referral.patient.phone).toBe('(217) 555-0142');
    expect(referral.receiving.fax).toBe('0491 570 156');
  });
});
