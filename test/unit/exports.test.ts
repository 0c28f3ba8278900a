import type { Bundle, Communication, ServiceRequest, Task } from 'fhir/r4';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { toCsv } from '../../src/export/csv';
import { fhirBundle, taskStatusOf } from '../../src/export/fhir-bundle';
import { metricsCsv } from '../../src/export/metrics-csv';
import { QUEUE_COLUMNS, queueRow } from '../../src/export/queue-csv';
import { t } from '../../src/i18n';
import { computeMetricsOf } from '../../src/metrics/accumulator';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { REFERRAL_STATUSES } from '../../src/referral/referral';
import { fhirR4Errors } from '../fhir-validator';
import { draft, freshDatabaseName } from './fixtures';
import { at, attempt, novemberReferrals, referral } from './metrics-referrals';

const parse = (text: string) =>
  Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
const AS_OF = at(27, 12);

describe('CSV', () => {
  it('is RFC 4180: CRLF line ends, quoted commas, quotes and line breaks, and a UTF-8 BOM for Excel', () => {
    const text = toCsv(
      ['a', 'b'],
      [
        ['x, y', 'say "hi"'],
        ['line\nbreak', 'José'],
      ],
    );
    expect(text.startsWith('\ufeff"a","b"\r\n')).toBe(true);
    expect(text).toBe('\ufeff"a","b"\r\n"x, y","say ""hi"""\r\n"line\nbreak","José"');
    expect(parse(text).data).toEqual([
      { a: 'x, y', b: 'say "hi"' },
      { a: 'line\nbreak', b: 'José' },
    ]);
  });

  it.each([
    ['=HYPERLINK("http://example.org","click")'],
    ['+SUM(A1:A2)'],
    ['-2+3'],
    ['@cmd'],
    ['\tleading tab'],
    ['\rleading return'],
    // Papa's default pattern misses a formula followed by a line break; ours does not.
    ['=1+1\nsecond line'],
  ])('neutralises a cell that a spreadsheet would run as a formula: %j', (cell) => {
    const [row] = parse(toCsv(['cell'], [[cell]])).data;
    expect(row?.cell).toBe(`'${cell}`);
  });

  it('quotes every cell, so a spreadsheet splitting on ";" finds no formula in a cell', () => {
    // Where ";" is the list separator, an unquoted `Cardiology;=1+1` opens as two cells, one a formula.
    const text = toCsv(['specialty', 'note'], [['Cardiology;=1+1', 'a;@SUM(1);b']]);
    const { data } = Papa.parse<string[]>(text.slice(1), { delimiter: ';' });
    expect(data.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(data[1]?.[0]).toMatch(/^Cardiology;=1\+1/);
  });

  it('leaves ordinary text and numbers alone, negative numbers included', () => {
    const [row] = parse(toCsv(['a', 'b', 'c'], [['Dr. Okafor', -3, 0.25]])).data;
    expect(row).toEqual({ a: 'Dr. Okafor', b: '-3', c: '0.25' });
  });

  it('exports the queue one row per referral, with state, dates, attempts and the last outcome', () => {
    const hostile = referral('H', {
      patient: { name: '=cmd|" /C calc"!A0', mrn: '+1' },
      receiving: { organization: '@SUM(1)', specialty: 'Cardiology, adult' },
    });
    const referrals = [...novemberReferrals(), hostile];
    const { data, meta, errors } = parse(toCsv(QUEUE_COLUMNS, referrals.map(queueRow)));
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual([...QUEUE_COLUMNS]);
    expect(data).toHaveLength(referrals.length);
    const b = data.find((row) => row.referral_id === 'B');
    expect(b).toMatchObject({
      state: 'waiting-on-info',
      status_reason: 'missing-insurance',
      ordered_on: '',
      outreach_attempts: '3',
      last_outreach_channel: 'sms',
      last_outreach_party: 'patient',
      last_outreach_outcome: 'reached',
      tracked_at: new Date(at(4, 14)).toISOString(),
    });
    const a = data.find((row) => row.referral_id === 'A');
    expect(a).toMatchObject({
      state: 'closed-completed',
      appointment_at: new Date(at(23, 10)).toISOString(),
    });
    const h = data.find((row) => row.referral_id === 'H');
    expect(h).toMatchObject({
      patient_name: `'=cmd|" /C calc"!A0`,
      patient_mrn: "'+1",
      receiving_organization: "'@SUM(1)",
      specialty: 'Cardiology, adult',
    });
  });

  it('exports the metrics as a long table with translated definitions', () => {
    const report = computeMetricsOf(novemberReferrals(), {
      from: at(1),
      to: at(1, 0, 12),
      asOf: AS_OF,
      config: DEFAULT_CONFIG,
    });
    const { data, errors } = parse(metricsCsv(report, t));
    expect(errors).toEqual([]);
    const row = (metric: string, key = '', group = '') =>
      data.find((r) => r.metric === metric && r.key === key && r.group === group);
    expect(row('completion_rate')).toMatchObject({ value: '0.2', count: '1', total: '5', unit: 'ratio' });
    expect(row('completion_rate')?.definition).toBe(t('metricsDefCompletionRate'));
    expect(row('time_to_first_outreach', 'median')).toMatchObject({ value: '1', unit: 'business_days' });
    expect(row('pending_by_age', '15-30', 'waiting-on-info')).toMatchObject({ value: '1' });
    expect(row('contact_success', 'phone', 'channel')).toMatchObject({ count: '1', total: '3' });
    expect(row('delay_reasons', 'missing-insurance', 'delay')).toMatchObject({ count: '2', value: '0.4' });
    expect(row('partner_acknowledgment', 'Riverside Neurology', 'receiving_organization')).toMatchObject({
      value: '1',
    });
    expect(row('stalls_open', 'decline:no-capacity', 'reason')).toMatchObject({ value: '1' });
    expect(row('missing_information', 'patient-phone', 'item')).toMatchObject({ label: 'Patient phone' });
  });
});

describe('FHIR R4 Bundle', () => {
  // Loading the R4 schema and StructureDefinitions takes a few seconds, once.
  beforeAll(() => void fhirR4Errors({ resourceType: 'Bundle', type: 'collection' }), 90_000);

  let counter = 0;
  const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;
  const bundleOf = (referrals = novemberReferrals()) =>
    fhirBundle(referrals, { now: AS_OF, config: DEFAULT_CONFIG, uuid });
  const resources = <T>(bundle: Bundle, type: string) =>
    (bundle.entry ?? []).flatMap((entry) =>
      entry.resource?.resourceType === type ? [entry.resource as T] : [],
    );

  it('is a valid collection: a Task and a ServiceRequest per referral, a Communication per attempt', () => {
    const bundle = bundleOf();
    expect(fhirR4Errors(bundle)).toEqual([]);
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: new Date(AS_OF).toISOString(),
    });
    expect(resources(bundle, 'Task')).toHaveLength(6);
    expect(resources(bundle, 'ServiceRequest')).toHaveLength(6);
    expect(resources(bundle, 'Communication')).toHaveLength(8); // A 1, B 3, D 1, E 2, F 1
    const urls = (bundle.entry ?? []).map((entry) => entry.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('maps each state to Task.status per the domain table, and says "event scheduled"', () => {
    const expected = {
      new: 'requested',
      'waiting-on-info': 'on-hold',
      'ready-to-send': 'ready',
      sent: 'requested',
      declined: 'rejected',
      'needs-patient-action': 'in-progress',
      scheduled: 'in-progress',
      'no-show': 'in-progress',
      'closed-completed': 'completed',
      'closed-not-completed': 'cancelled',
    } as const;
    for (const state of REFERRAL_STATUSES)
      expect(taskStatusOf({ status: state, dates: {} }), state).toBe(expected[state]);
    expect(taskStatusOf({ status: 'sent', dates: { acknowledgedAt: at(5) } })).toBe('received');
    expect(
      taskStatusOf({ status: 'closed-not-completed', statusReason: 'patient-unreachable', dates: {} }),
    ).toBe('failed');

    const scheduled = referral('S', {
      status: 'scheduled',
      dates: { scheduledAt: at(9, 10), appointmentAt: at(23, 10) },
      history: [
        { at: at(2, 9), by: 'JD', kind: 'created', to: 'new' },
        { at: at(9, 10), by: 'JD', kind: 'status', from: 'new', to: 'scheduled' },
      ],
    });
    const bundle = bundleOf([scheduled]);
    expect(fhirR4Errors(bundle)).toEqual([]);
    const [task] = resources<Task>(bundle, 'Task');
    expect(task).toMatchObject({
      status: 'in-progress',
      businessStatus: { text: 'event scheduled' },
      executionPeriod: { start: new Date(at(9, 10)).toISOString() },
      output: [{ valueDateTime: new Date(at(23, 10)).toISOString() }],
    });
  });

  it('links the Task to its ServiceRequest and patient, and each Communication to the Task', () => {
    const a = novemberReferrals()[0];
    if (!a) throw new Error('no referral A');
    const bundle = bundleOf([
      { ...a, outreach: [attempt(at(3, 10), 'phone', 'reached', 'patient', 'Booked for the 23rd')] },
    ]);
    expect(fhirR4Errors(bundle)).toEqual([]);
    const [taskEntry, requestEntry, communicationEntry] = bundle.entry ?? [];
    const task = taskEntry?.resource as Task;
    const request = requestEntry?.resource as ServiceRequest;
    const communication = communicationEntry?.resource as Communication;
    expect(task).toMatchObject({
      intent: 'order',
      status: 'completed',
      focus: { reference: requestEntry?.fullUrl },
      for: { reference: '#patient', display: 'Patient A' },
      contained: [{ resourceType: 'Patient', id: 'patient', birthDate: '1970-01-15' }],
      authoredOn: new Date(at(2, 9)).toISOString(),
      lastModified: new Date(at(25, 10)).toISOString(),
      executionPeriod: { start: new Date(at(3, 10)).toISOString(), end: new Date(at(25, 10)).toISOString() },
    });
    expect(request).toMatchObject({
      status: 'completed',
      intent: 'order',
      priority: 'routine',
      code: { text: 'Cardiology' },
      subject: { display: 'Patient A' },
      performer: [{ display: 'Dr. Example' }, { display: 'Lakeside Cardiology' }],
      reasonCode: [{ text: 'Synthetic reason for referral.' }],
      authoredOn: '2026-11-02',
      identifier: [{ value: 'ORD-A' }],
    });
    expect(communication).toMatchObject({
      status: 'completed',
      sent: new Date(at(3, 10)).toISOString(),
      medium: [{ coding: [{ code: 'PHONE' }], text: 'phone' }],
      about: [{ reference: taskEntry?.fullUrl }],
      payload: [{ contentString: 'phone to patient: reached' }, { contentString: 'Booked for the 23rd' }],
    });
  });

  it('validates a referral with almost nothing filled in', () => {
    const bare = referral('Z', {
      orderNumber: undefined,
      authoredOn: undefined,
      reason: undefined,
      patient: { name: 'Patient Z' },
      receiving: {},
    });
    expect(fhirR4Errors(bundleOf([bare]))).toEqual([]);
  });

  describe('the validator fails an invalid resource', () => {
    const broken = (change: (bundle: Bundle) => void) => {
      const bundle = structuredClone(bundleOf()) as Bundle;
      change(bundle);
      return fhirR4Errors(bundle);
    };
    const entryOf = (bundle: Bundle, type: string) => {
      const entry = bundle.entry?.find((e) => e.resource?.resourceType === type);
      if (!entry?.resource) throw new Error(`no ${type}`);
      return entry.resource as unknown as Record<string, unknown>;
    };

    const set = (target: Record<string, unknown>, key: string, value: unknown) => {
      target[key] = value;
    };
    it.each([
      ['a Task.status outside the code list', (b: Bundle) => set(entryOf(b, 'Task'), 'status', 'stalled')],
      ['a Task without a status', (b: Bundle) => void delete entryOf(b, 'Task').status],
      ['a ServiceRequest without a subject', (b: Bundle) => void delete entryOf(b, 'ServiceRequest').subject],
      ['a Communication without a status', (b: Bundle) => void delete entryOf(b, 'Communication').status],
      [
        'a date that is not a FHIR dateTime',
        (b: Bundle) => set(entryOf(b, 'Task'), 'authoredOn', 'yesterday'),
      ],
      ['an element FHIR does not define', (b: Bundle) => set(entryOf(b, 'Task'), 'colour', 'red')],
      [
        'a Bundle type outside the code list',
        (b: Bundle) => set(b as unknown as Record<string, unknown>, 'type', 'bag'),
      ],
    ])('%s', (_name, change) => {
      expect(broken(change).length).toBeGreaterThan(0);
    });
  });
});

describe('metrics and export requests', () => {
  async function handler() {
    let clock = at(3, 9);
    const db = await openHandoffDatabase(freshDatabaseName());
    const handle = createRequestHandler({
      queue: new ReferralQueue(db, () => (clock += 60_000)),
      dismissedPages: new DismissedPages(db),
      config: () => DEFAULT_CONFIG,
      coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
      queueChanged: vi.fn(async () => {}),
      now: () => AS_OF,
    });
    const tracked = await handle({ type: 'track-referral', draft: draft() });
    await handle({
      type: 'track-referral',
      draft: draft({ orderNumber: 'ORD-20462', authoredOn: '2026-10-20', patient: { name: 'Rowan Ellery' } }),
    });
    if (!tracked.ok) throw new Error(tracked.error);
    const { referral: first } = tracked.value as { referral: { id: string; version: number } };
    await handle({
      type: 'log-outreach',
      id: first.id,
      version: first.version,
      party: 'patient',
      channel: 'phone',
      outcome: 'no-answer',
    });
    return handle;
  }

  it('computes the metrics of a period from the queue, walking the creation index', async () => {
    const handle = await handler();
    const reply = await handle({ type: 'compute-metrics', from: at(1), to: at(1, 0, 12) });
    if (!reply.ok) throw new Error(reply.error);
    const { metrics } = reply.value as { metrics: ReturnType<typeof computeMetricsOf> };
    // The October order, tracked in November, belongs to October.
    expect(metrics.referrals.ordered).toBe(1);
    expect(metrics.contactSuccess.overall).toEqual({ count: 0, total: 1, rate: 0 });
    expect(metrics.asOf).toBe(AS_OF);
  });

  it('refuses a period that ends before it starts', async () => {
    const handle = await handler();
    const reply = await handle({ type: 'compute-metrics', from: at(10), to: at(2) });
    expect(reply.ok).toBe(false);
  });

  it('answers each export with file text and a suggested name', async () => {
    const handle = await handler();
    const file = async (what: string, period: object = {}) => {
      const reply = await handle({ type: 'export', what, ...period });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value as { filename: string; mimeType: string; text: string };
    };
    const queue = await file('queue-csv');
    expect(queue.filename).toBe('handoff-queue-2026-11-27.csv');
    expect(parse(queue.text).data).toHaveLength(2);
    const november = await file('queue-csv', { from: at(1), to: at(1, 0, 12) });
    expect(november.filename).toBe('handoff-queue-2026-11-01_2026-11-30.csv');
    expect(parse(november.text).data.map((row) => row.patient_name)).toEqual(['Avery Quinlan']);

    const metrics = await file('metrics-csv', { from: at(1), to: at(1, 0, 12) });
    expect(metrics.filename).toBe('handoff-metrics-2026-11-01_2026-11-30.csv');
    expect(
      parse(metrics.text).data.find((row) => row.metric === 'referrals' && row.key === 'ordered')?.value,
    ).toBe('1');

    const fhir = await file('fhir-bundle');
    expect(fhir).toMatchObject({
      mimeType: 'application/fhir+json',
      filename: 'handoff-referrals-2026-11-27.fhir.json',
    });
    const bundle = JSON.parse(fhir.text) as Bundle;
    expect(fhirR4Errors(bundle)).toEqual([]);
    expect(bundle.entry?.map((entry) => entry.resource?.resourceType)).toEqual([
      'Task',
      'ServiceRequest',
      'Communication',
      'Task',
      'ServiceRequest',
    ]);
  }, 30_000);

  it('refuses an export it does not know, and bounds no Date can hold', async () => {
    const handle = await handler();
    expect((await handle({ type: 'export', what: 'pdf' })).ok).toBe(false);
    expect((await handle({ type: 'export', what: 'metrics-csv', to: 1e20 })).ok).toBe(false);
  });

  it('exports from a start date alone up to the end of today', async () => {
    const handle = await handler();
    const reply = await handle({ type: 'export', what: 'metrics-csv', from: at(1) });
    expect(reply).toMatchObject({
      ok: true,
      value: { filename: 'handoff-metrics-2026-11-01_2026-11-27.csv' },
    });
  });
});
