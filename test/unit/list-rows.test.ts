// @vitest-environment jsdom
/**
 * Rows of a list of referrals and the cells in them (src/detection/list-rows.ts), rule by rule:
 * which table a profile's list is, which of its rows count, and which cell a column gives a row.
 */
import { describe, expect, it } from 'vitest';
import { EhrProfile } from '../../src/detection/ehr-profile';
import { cellUnder, firstCellUnder, listRows, ROWS_MAX, visibleText } from '../../src/detection/list-rows';
import { PageReading } from '../../src/detection/page-reading';

const profileWith = (list: Record<string, unknown>, fields: Record<string, unknown> = {}) =>
  EhrProfile.parse({
    id: 'own',
    name: 'Own EHR',
    detect: { cues: [{ text: 'Referral', weight: 1 }], threshold: 1 },
    fields: {
      patientName: [{ labels: ['Patient'] }],
      specialty: [{ labels: ['Specialty'] }],
      priority: [{ labels: ['Priority'] }],
      ...fields,
    },
    list,
  });

function reading(body: string, profile = profileWith({})): PageReading {
  document.body.innerHTML = body;
  return new PageReading(document, [profile]);
}

/** The rows the profile's list finds on the page, each by its text, and how many rows it looked at. */
function rowsOn(body: string, list: Record<string, unknown>, fields?: Record<string, unknown>) {
  const profile = profileWith(list, fields);
  if (!profile.list) throw new Error('no list');
  const { rows, candidates } = listRows(profile, profile.list, reading(body, profile));
  return { rows: rows.map((row) => visibleText(row)), candidates };
}

const table = (head: string[], rows: string[][]) =>
  `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows
    .map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</table>`;

const WORKLIST = table(
  ['Patient', 'Specialty', 'Priority'],
  [
    ['Avery Quinlan', 'Cardiology', 'Urgent'],
    ['Blake Ramirez', 'Dermatology', 'Routine'],
    ['Casey Ng', 'Neurology', 'Routine'],
  ],
);

describe('the table a list is', () => {
  it('without rows or columns: a header naming two referral columns over three rows or more', () => {
    expect(rowsOn(WORKLIST, {}).rows).toEqual([
      'Avery Quinlan Cardiology Urgent',
      'Blake Ramirez Dermatology Routine',
      'Casey Ng Neurology Routine',
    ]);
    // Over two rows it may be one referral's own table; one referral column says nothing.
    const two = table(
      ['Patient', 'Specialty'],
      [
        ['A', 'B'],
        ['C', 'D'],
      ],
    );
    expect(rowsOn(two, {}).rows).toEqual([]);
    const twoColumns = table(
      ['Patient', 'Specialty', 'Notes'],
      [
        ['A', 'B', 'x'],
        ['C', 'D', 'y'],
        ['E', 'F', 'z'],
      ],
    );
    expect(rowsOn(twoColumns, {}).rows).toEqual(['A B x', 'C D y', 'E F z']);
    const one = table(
      ['Specialty', 'Notes'],
      [
        ['A', 'x'],
        ['B', 'y'],
        ['C', 'z'],
      ],
    );
    expect(rowsOn(one, {}).rows).toEqual([]);
    // A field read from somewhere else than labels names no column.
    expect(
      rowsOn(WORKLIST, {}, { patientName: [{ selector: '.patient' }], priority: [{ selector: '.p' }] }).rows,
    ).toEqual([]);
  });

  it('by columns: the header row naming all of them, in the same row', () => {
    const split = `${table(['Specialty'], [['Cardiology'], ['Dermatology']])}${table(['Priority'], [['Urgent']])}`;
    expect(rowsOn(split, { columns: ['Specialty', 'Priority'] }).rows).toEqual([]);
    // Two tables with the same columns: the first one's rows.
    const second = table(['Specialty', 'Priority'], [['Oncology', 'Routine']]);
    expect(rowsOn(`${WORKLIST}${second}`, { columns: ['Specialty', 'Priority'] }).rows).toHaveLength(3);
  });

  it('an ARIA grid: the rows after its header row', () => {
    const grid = `<div role="grid"><div role="row"><span>Intro</span></div><div role="row"><span role="columnheader">Specialty</span><span role="columnheader">Priority</span></div>
      <div role="row"><span role="gridcell">Cardiology</span> <span role="gridcell">Urgent</span></div>
      <div role="row"><span role="gridcell">Dermatology</span> <span role="gridcell">Routine</span></div></div>`;
    expect(rowsOn(grid, { columns: ['Specialty', 'Priority'] }).rows).toEqual([
      'Cardiology Urgent',
      'Dermatology Routine',
    ]);
    // Column headers outside any grid hold no rows.
    const loose =
      '<div role="row"><span role="columnheader">Specialty</span><span role="columnheader">Priority</span></div>';
    expect(rowsOn(loose, { columns: ['Specialty', 'Priority'] }).rows).toEqual([]);
  });

  it('reads at most 100 rows, however long the list', () => {
    const long = table(
      ['Specialty', 'Priority'],
      Array.from({ length: 150 }, (_, i) => [`Specialty ${i}`, 'Routine']),
    );
    const { rows } = rowsOn(long, { columns: ['Specialty', 'Priority'] });
    expect(rows).toHaveLength(ROWS_MAX);
    expect(rows.at(-1)).toBe('Specialty 99 Routine');
    const sixty = table(
      ['Specialty', 'Priority'],
      Array.from({ length: 60 }, (_, i) => [`S ${i}`, 'Routine']),
    );
    expect(rowsOn(sixty, { columns: ['Specialty', 'Priority'] }).rows).toHaveLength(60);
  });
});

describe('typed lists', () => {
  const ORDERS = table(
    ['Ordered', 'Order type:', 'Status'],
    [
      ['2026-11-20', 'Referral order', 'Active'],
      ['2026-11-21', 'Lab order', 'Active'],
      ['2026-11-22', 'Referral', 'Cancelled'],
      ['2026-11-23'],
      ['2026-11-24', 'Eye Clinic Referral'],
    ],
  );

  it('keeps the rows its type column says are referrals, not cancelled ones, short rows read as they stand', () => {
    expect(rowsOn(ORDERS, { typed: true })).toEqual({
      rows: ['2026-11-20 Referral order Active', '2026-11-24 Eye Clinic Referral'],
      candidates: 5,
    });
  });

  it('counts the rows of the first typed table when none is a referral, past a row header typing one referral', () => {
    const form = '<table><tr><th>Type</th><td>Referral</td></tr></table>';
    const labs = table(
      ['Type', 'Ordered'],
      [
        ['Lab', '2026-11-20'],
        ['Imaging', '2026-11-21'],
      ],
    );
    expect(rowsOn(`${form}${labs}`, { typed: true })).toEqual({ rows: [], candidates: 2 });
  });

  it('reads a header with a space before its colon', () => {
    const spaced = ORDERS.replace('Order type:', 'Order type :');
    expect(rowsOn(spaced, { typed: true }).rows).toHaveLength(2);
  });

  it('does not take a row header, as a form of one referral lays it out, for a column', () => {
    const form =
      '<table><tr><th>Referral date</th><td>2026-11-20</td></tr><tr><td>x</td><td>y</td></tr></table>';
    expect(rowsOn(form, { typed: true }).rows).toEqual([]);
  });
});

describe('the cell a column gives a row', () => {
  it('is under the header of the row’s own table, counting its columns', () => {
    reading(
      `${table(['Priority', 'Specialty'], [['Urgent', 'Cardiology']])}${table(['Specialty', 'Priority'], [['Dermatology', 'Routine']])}`,
    );
    const page = reading(document.body.innerHTML);
    const second = document.querySelectorAll('table')[1]?.rows[1];
    if (!second) throw new Error('no row');
    expect(cellUnder(['Specialty'], second, page)).toBe('Dermatology');
  });

  it('is under the next column asked for when the row has no cell under the first', () => {
    const page = reading(
      table(
        ['Notes', 'Specialty', 'Priority'],
        [
          ['x', 'Cardiology'],
          ['y', 'Dermatology', 'Urgent'],
        ],
      ),
    );
    const short = document.querySelector('table')?.rows[1];
    if (!short) throw new Error('no row');
    expect(cellUnder(['Priority', 'Specialty'], short, page)).toBe('Cardiology');
    expect(cellUnder(['Priority'], short, page)).toBeUndefined();
  });

  it('in a card, is under the header inside that card', () => {
    const card = (specialty: string) => `<article>${table(['Specialty'], [[specialty]])}</article>`;
    const page = reading(`${card('Cardiology')}${card('Dermatology')}`);
    const [first, second] = Array.from(document.querySelectorAll('article'));
    expect(firstCellUnder('Specialty', page, second)).toBe('Dermatology');
    expect(firstCellUnder('Specialty', page, first)).toBe('Cardiology');
    expect(firstCellUnder('Specialty', page)).toBe('Cardiology');
  });

  it('in a card, is none when the row under the header has no cell there', () => {
    const page = reading(table(['Notes', 'Specialty'], [['only a note']]));
    expect(firstCellUnder('Specialty', page)).toBeUndefined();
  });
});

describe('visibleText', () => {
  it('reads what the user sees on one line, at most 4,000 characters', () => {
    document.body.innerHTML = '<div>Referral<p>Cardiology</p><span hidden>copy</span></div>';
    expect(visibleText(document.body.firstElementChild as Element)).toBe('Referral Cardiology');
    document.body.innerHTML = `<div>${'x'.repeat(5000)}</div>`;
    expect(visibleText(document.body.firstElementChild as Element)).toHaveLength(4000);
  });
});
