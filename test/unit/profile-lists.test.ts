// @vitest-environment jsdom
/**
 * The profile language's lists and selection (issue 16, items 3 and 4): rows by selector or by
 * column headers, which rows are referrals, fields read inside each row, cells by column header,
 * elements by their visible text, values combined from parts, and date formats.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import {
  detectReferral,
  hasRow,
  isSameList,
  judgeProfile,
  rowDetection,
} from '../../src/detection/detect-referral';
import { EhrProfile, type EhrProfileInput } from '../../src/detection/ehr-profile';
import { normaliseDate, readDateFormat } from '../../src/detection/normalise';

const URL = 'https://ehr.example.test/orders';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

const profile = (overrides: Partial<EhrProfileInput>): EhrProfile =>
  EhrProfile.parse({
    id: 'orders',
    name: 'Orders',
    matches: ['https://ehr.example.test/*'],
    detect: { cues: [{ selector: 'table.orders', weight: 1 }], threshold: 1 },
    fields: {},
    ...overrides,
  });

const ORDERS = page(`<div class="banner"><span class="name">Talia Brennan</span></div>
<table class="orders"><thead><tr><th>Order #</th><th>Type</th><th>Last name</th><th>First name</th><th>Service</th><th>Ordered</th></tr></thead>
<tbody>
<tr><td>ORD-1</td><td>Lab</td><td>Osei</td><td>Kofi</td><td>Lipid panel</td><td>04/05/2026</td></tr>
<tr><td>ORD-2</td><td>Referral</td><td>Osei</td><td>Kofi</td><td>Cardiology</td><td>04/05/2026</td></tr>
<tr hidden><td>ORD-3</td><td>Referral</td><td>Hidden</td><td>Row</td><td>Neurology</td><td>01/05/2026</td></tr>
<tr><td>ORD-4</td><td>Referral</td><td>Lund</td><td>Ada</td><td>Dermatology</td><td>18/05/2026</td></tr>
</tbody></table>`);

const BY_COLUMNS = profile({
  list: { columns: ['Order #', 'Type'], where: { column: 'Type', value: '^referral$' } },
  locale: { dateFormat: 'DD/MM/YYYY' },
  fields: {
    orderNumber: [{ column: 'Order #' }],
    // A name split over two cells, combined in the order the queue keeps it.
    patientName: [{ combine: [{ column: 'First name' }, { column: 'Last name' }] }],
    specialty: [{ column: 'Service', normalise: 'specialty' }],
    authoredOn: [{ column: 'Ordered' }],
  },
});

describe('a list a profile describes', () => {
  it('reads each visible referral row on its own: its own cells, names combined, dates in the profile format', () => {
    const detection = detectReferral(ORDERS, URL, [BY_COLUMNS]);
    expect(detection?.fields).toEqual({});
    expect(detection?.rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-2', patientName: 'Kofi Osei', specialty: 'Cardiology', authoredOn: '2026-05-04' },
      { orderNumber: 'ORD-4', patientName: 'Ada Lund', specialty: 'Dermatology', authoredOn: '2026-05-18' },
    ]);
  });

  it('reads a row through the sources the page has, whichever of a field’s readers names labels it lacks', () => {
    const detection = detectReferral(ORDERS, URL, [
      profile({
        ...BY_COLUMNS,
        fields: {
          ...BY_COLUMNS.fields,
          // Labels no text on the page carries, then a column it has: the column is read.
          specialty: [{ labels: ['Requested service'] }, { column: 'Service' }],
          // Labels it lacks, then parts it has.
          patientName: [
            { labels: ['Patient name'], combine: [{ column: 'First name' }, { column: 'Last name' }] },
          ],
          reason: [{ labels: ['Reason for referral'] }],
        },
      }),
    ]);
    expect(detection?.rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-2', patientName: 'Kofi Osei', specialty: 'Cardiology', authoredOn: '2026-05-04' },
      { orderNumber: 'ORD-4', patientName: 'Ada Lund', specialty: 'Dermatology', authoredOn: '2026-05-18' },
    ]);
  });

  it('finds rows by a selector and by their visible text too', () => {
    const bySelector = profile({
      list: { rows: 'table.orders tbody tr', hasText: '\\bReferral\\b' },
      fields: { orderNumber: [{ column: 'Order #' }], specialty: [{ column: 'Service' }] },
    });
    expect(detectReferral(ORDERS, URL, [bySelector])?.rows?.map((row) => row.fields.orderNumber)).toEqual([
      'ORD-2',
      'ORD-4',
    ]);
  });

  it('gives every row the fields named as the page’s (the chart banner’s patient), and nothing else from outside the row', () => {
    const chart = profile({
      list: {
        columns: ['Order #'],
        where: { column: 'Type', value: 'Referral' },
        pageFields: ['patientName'],
      },
      fields: { patientName: [{ selector: '.banner .name' }], specialty: [{ column: 'Service' }] },
    });
    const rows = detectReferral(ORDERS, URL, [chart])?.rows;
    expect(rows?.map((row) => row.fields)).toEqual([
      { patientName: 'Talia Brennan', specialty: 'Cardiology' },
      { patientName: 'Talia Brennan', specialty: 'Dermatology' },
    ]);
    // Without pageFields, a row's reader never reaches outside the row.
    const rowOnly = profile({
      ...chart,
      list: { columns: ['Order #'], where: { column: 'Type', value: 'Referral' } },
    });
    expect(detectReferral(ORDERS, URL, [rowOnly])?.rows?.[0]?.fields.patientName).toBeUndefined();
  });

  it('a row keeps its own values to check beside the page’s fields, and takes no other field from outside it', () => {
    const chart = profile({
      list: {
        columns: ['Order #'],
        where: { column: 'Type', value: 'Referral' },
        pageFields: ['patientName'],
      },
      fields: {
        patientName: [{ selector: '.banner .name' }],
        specialty: [{ column: 'Service' }],
        authoredOn: [{ column: 'Ordered' }],
        reason: [{ selector: '.banner .note' }],
      },
    });
    const orders =
      page(`<div class="banner"><span class="name">Talia Brennan</span><span class="note">Chart note</span></div>
<table class="orders"><thead><tr><th>Order #</th><th>Type</th><th>Service</th><th>Ordered</th></tr></thead>
<tbody><tr><td>ORD-1</td><td>Referral</td><td>Cardiology</td><td>31 Febtember</td></tr></tbody></table>`);
    const [row] = detectReferral(orders, URL, [chart])?.rows ?? [];
    expect(row?.fields).toEqual({ patientName: 'Talia Brennan', specialty: 'Cardiology' });
    expect(row?.toCheck.authoredOn?.raw).toBe('31 Febtember');
  });

  it('in a row, a label with no column of its own falls back to the reader’s column; one asked for under a section never reads a column', () => {
    const rows = detectReferral(ORDERS, URL, [
      profile({
        ...BY_COLUMNS,
        fields: {
          orderNumber: [{ column: 'Order #' }],
          specialty: [{ labels: ['Specialty'], column: 'Service' }],
          reason: [{ labels: ['Service'], section: 'Referred to' }],
        },
      }),
    ])?.rows;
    expect(rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-2', specialty: 'Cardiology' },
      { orderNumber: 'ORD-4', specialty: 'Dermatology' },
    ]);
  });

  it('reads a form field by name inside each row, never another row’s', () => {
    const form =
      page(`<table class="orders"><thead><tr><th>Order #</th><th>Type</th><th>Service</th></tr></thead><tbody>
<tr><td>ORD-1</td><td>Referral</td><td><input name="other" value="Oncology"><input name="service" value="Cardiology"></td></tr>
<tr><td>ORD-2</td><td>Referral</td><td><input name="service" value="Neurology"></td></tr>
<tr><td>ORD-3</td><td>Referral</td><td>Dermatology</td></tr></tbody></table>`);
    const byName = profile({
      list: { columns: ['Order #'], where: { column: 'Type', value: 'Referral' } },
      fields: { orderNumber: [{ column: 'Order #' }], specialty: [{ inputName: 'service' }] },
    });
    expect(detectReferral(form, URL, [byName])?.rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-1', specialty: 'Cardiology' },
      { orderNumber: 'ORD-2', specialty: 'Neurology' },
    ]);
  });

  it('two looks at one profile’s list are the same list; a single referral, nothing, or another profile’s list is not', () => {
    const first = detectReferral(ORDERS, URL, [BY_COLUMNS]);
    const again = detectReferral(ORDERS, URL, [BY_COLUMNS]);
    const other = detectReferral(ORDERS, URL, [profile({ ...BY_COLUMNS, id: 'other-orders' })]);
    const single = detectReferral(
      page('<table class="orders"><tr><th>Service</th></tr><tr><td>Cardiology</td></tr></table>'),
      URL,
      [profile({ fields: { specialty: [{ column: 'Service' }] } })],
    );
    expect(first?.rows && other?.rows && single?.fields.specialty).toBeTruthy();
    expect(isSameList(first, again)).toBe(true);
    expect(isSameList(first, other)).toBe(false);
    expect(isSameList(first, single)).toBe(false);
    expect(isSameList(single, first)).toBe(false);
    expect(isSameList(single, single)).toBe(false);
    expect(isSameList(null, first)).toBe(false);
    expect(isSameList(first, null)).toBe(false);
  });

  it('turns down a page whose list holds no referral row, and says so, instead of reading a row as the page', () => {
    const labsOnly = profile({
      ...BY_COLUMNS,
      list: { columns: ['Order #'], where: { column: 'Type', value: '^x-ray$' } },
    });
    expect(detectReferral(ORDERS, URL, [labsOnly])).toBeNull();
    expect(judgeProfile(ORDERS, URL, labsOnly)).toEqual({ rejected: { rule: 'list-rows', rows: 3 } });
  });

  it('a row chosen from the list is confirmed only while a row with exactly its fields is on the page', () => {
    const detection = detectReferral(ORDERS, URL, [BY_COLUMNS]);
    const chosen = detection?.rows?.[1];
    if (!detection || !chosen) throw new Error('no rows');
    expect(hasRow(detection, chosen.fields)).toBe(true);
    expect(rowDetection(detection, chosen).fields.patientName).toBe('Ada Lund');
    // The page swapped the patient on that row: the row chosen is gone.
    const cell = [...ORDERS.querySelectorAll('td')].find((td) => td.textContent === 'Ada');
    if (cell) cell.textContent = 'Ben';
    expect(hasRow(detectReferral(ORDERS, URL, [BY_COLUMNS]), chosen.fields)).toBe(false);
    if (cell) cell.textContent = 'Ada';
  });

  it('confirms no row where nothing, or a single referral, was detected', () => {
    expect(hasRow(null, { orderNumber: 'ORD-2' })).toBe(false);
    const single = detectReferral(
      page('<table class="orders"><tr><th>Service</th></tr><tr><td>Cardiology</td></tr></table>'),
      URL,
      [profile({ fields: { specialty: [{ column: 'Service' }] } })],
    );
    expect(single?.fields.specialty).toBe('Cardiology');
    expect(hasRow(single, single?.fields)).toBe(false);
  });

  it('offers only the rows with referral content, and its "why" names the content read', () => {
    const orders =
      page(`<table class="orders"><thead><tr><th>Order #</th><th>Type</th><th>Service</th></tr></thead>
<tbody><tr><td>ORD-5</td><td>Referral</td><td></td></tr>
<tr><td>ORD-6</td><td>Referral</td><td>Cardiology</td></tr></tbody></table>`);
    const detection = detectReferral(orders, URL, [BY_COLUMNS]);
    expect(detection?.rows?.map((row) => row.fields)).toEqual([
      { orderNumber: 'ORD-6', specialty: 'Cardiology' },
    ]);
    expect(detection?.judged).toEqual({ threshold: 1, content: ['specialty'] });
  });
});

describe('the generic profile on a plain referral worklist', () => {
  const WORKLIST =
    page(`<h1>Referral worklist</h1><table><thead><tr><th>Patient</th><th>Specialty</th><th>Priority</th></tr></thead><tbody>
<tr><td>Kofi Osei</td><td>Cardiology</td><td>Urgent</td></tr>
<tr><td>Ada Lund</td><td>Dermatology</td><td>Routine</td></tr>
<tr><td>Ben Ruiz</td><td>Neurology</td><td>STAT</td></tr></tbody></table>`);

  it('lists each row as a referral of its own patient', () => {
    const detection = detectReferral(WORKLIST, URL, BUILTIN_PROFILES);
    expect(detection?.profile.id).toBe('generic');
    expect(detection?.rows?.map((row) => row.fields)).toEqual([
      { patientName: 'Kofi Osei', specialty: 'Cardiology', priority: 'urgent' },
      { patientName: 'Ada Lund', specialty: 'Dermatology', priority: 'routine' },
      { patientName: 'Ben Ruiz', specialty: 'Neurology', priority: 'stat' },
    ]);
  });

  it('reads each row’s order number, also under a column headed only "Referral" or "Order", when it is one', () => {
    const withIds = (idColumn: string, ids: string[]) =>
      page(`<h1>Referral worklist</h1><table><thead><tr><th>${idColumn}</th><th>Patient</th><th>Specialty</th><th>Priority</th></tr></thead><tbody>
${ids.map((id, i) => `<tr><td><a href="#${i}">${id}</a></td><td>Kofi Osei</td><td>Cardiology</td><td>Urgent</td></tr>`).join('')}</tbody></table>`);
    const orderNumbers = (document: Document) =>
      detectReferral(document, URL, BUILTIN_PROFILES)?.rows?.map((row) => row.fields.orderNumber);
    // Issue 16: the demo's own index heads its ids "Referral", and the rows came without them.
    expect(orderNumbers(withIds('Referral', ['R-1001', 'R-1002', 'R-1003']))).toEqual([
      'R-1001',
      'R-1002',
      'R-1003',
    ]);
    expect(orderNumbers(withIds('Order', ['ORD-309', '#4471', 'SR/2026/17']))).toEqual([
      'ORD-309',
      '4471',
      'SR/2026/17',
    ]);
    expect(orderNumbers(withIds('Order #', ['A1', 'A2', 'A3']))).toEqual(['A1', 'A2', 'A3']);
    // Under a bare heading, a description or a date is no order number.
    expect(orderNumbers(withIds('Request', ['Cardiology consult', '2026-11-12', '04/05/2026']))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('selection by visible text and by column header on a single referral', () => {
  const SCREEN = page(`<h1>Referral</h1>
<span class="badge" hidden>Referral</span><span class="badge">Lab</span><span class="badge">Referral · Cardiology</span>
<table><tr><th>Refer to</th><th>Reason</th></tr><tr><td>Dr. Imani Okafor</td><td>Palpitations</td></tr></table>`);

  it('picks the first visible element with the text asked for, and the cell under a column header', () => {
    const single = profile({
      detect: { cues: [{ selector: '.badge', hasText: '^referral', weight: 1 }], threshold: 1 },
      fields: {
        specialty: [{ selector: '.badge', hasText: '^Referral ·', pattern: '·\\s*(.+)$' }],
        receivingProvider: [{ column: 'Refer to' }],
        reason: [{ column: 'Reason' }],
      },
    });
    const detection = detectReferral(SCREEN, URL, [single]);
    expect(detection?.fields).toEqual({
      specialty: 'Cardiology',
      receivingProvider: 'Dr. Imani Okafor',
      reason: 'Palpitations',
    });
    expect(detection?.cues).toEqual(['element: .badge "Referral · Cardiology"']);
  });
});

describe('date formats', () => {
  const NOW = new Date(2026, 11, 1);
  it.each([
    ['04/05/2026', 'DD/MM/YYYY', '2026-05-04'],
    ['04/05/2026', 'MM/DD/YYYY', '2026-04-05'],
    ['18-Apr-1961', 'DD-MMM-YYYY', '1961-04-18'],
    ['18 abr 1961', 'D MMM YYYY', '1961-04-18'],
    ['20261102', 'YYYYMMDD', '2026-11-02'],
    ['02.11.26', 'DD.MM.YY', '2026-11-02'],
    ['18.04.61', 'DD.MM.YY', '1961-04-18'],
    ['Ordered 4/5/2026 by Dr. Park', 'D/M/YYYY', '2026-05-04'],
  ])('%s in %s is %s', (text, format, iso) => {
    expect(readDateFormat(text, format, NOW)).toBe(iso);
  });

  it('refuses a day that does not exist, and a text in another format falls back to the usual readings', () => {
    expect(readDateFormat('31/02/2026', 'DD/MM/YYYY', NOW)).toBeUndefined();
    expect(normaliseDate('2026-05-04', { dateFormat: 'DD/MM/YYYY' })).toBe('2026-05-04');
    // The format's order stands for the date order: 04/05/2026 is never read month-first here.
    expect(normaliseDate('4-5-2026', { dateFormat: 'DD/MM/YYYY' })).toBe('2026-05-04');
  });

  it('a reader’s own format wins over the profile’s', () => {
    const screen = page(
      '<table class="orders"><tr><th>Ordered</th></tr><tr><td>05/04/2026</td></tr></table>',
    );
    const dated = profile({
      locale: { dateFormat: 'DD/MM/YYYY' },
      fields: {
        reason: [{ column: 'Ordered' }],
        authoredOn: [{ column: 'Ordered', dateFormat: 'MM/DD/YYYY' }],
      },
    });
    expect(detectReferral(screen, URL, [dated])?.fields.authoredOn).toBe('2026-05-04');
  });
});

describe('the new keys are strict', () => {
  it.each([
    [
      { fields: { specialty: [{ selector: 'b', hastext: 'x' }] } },
      /unknown key "hastext" \(did you mean "hasText"\?\)/,
    ],
    [{ fields: { specialty: [{ hasText: 'x', labels: ['Specialty'] }] } }, /hasText narrows a selector/],
    [
      { fields: { specialty: [{ normalise: 'text' }] } },
      /needs a selector, an inputName, labels, a column or combine/,
    ],
    [{ list: { rows: 'tr', columns: ['A'] } }, /by selector or by columns, not both/],
    [{ list: { colums: ['A'] } }, /unknown key "colums" \(did you mean "columns"\?\)/],
    [{ list: { pageFields: ['dob'] } }, /Invalid option/],
    [{ locale: { dateFormat: 'DD/MM' } }, /names the day \(D\), the month \(M\) and the year \(Y\)/],
    [{ locale: { dateFormat: 'dd/mm/yyyy' } }, /a date format such as DD\/MM\/YYYY/],
  ])('%j is refused', (overrides, message) => {
    const result = EhrProfile.safeParse({
      id: 'x',
      name: 'x',
      detect: { threshold: 1 },
      fields: {},
      ...overrides,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });
});
