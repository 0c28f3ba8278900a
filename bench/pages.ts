/**
 * The pages the bench loads, generated in code from a seeded random source so every run measures
 * the same markup. All people, numbers and organisations are invented (555-01xx phones,
 * example.org). Nothing here uses the demo EHR's screens (only its HTML escaping), so they can
 * change without moving the bench's figures.
 */
import { escapeHtml } from '../test/demo-ehr/html';

/** mulberry32: small, fast and good enough to pick synthetic data deterministically. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Synthetic {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = seededRandom(seed);
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  fraction(): number {
    return this.random();
  }

  chance(probability: number): boolean {
    return this.random() < probability;
  }

  date(fromYear: number, toYear: number): string {
    const year = this.int(fromYear, toYear);
    return `${year}-${pad(this.int(1, 12))}-${pad(this.int(1, 28))}`;
  }

  name(): { first: string; last: string } {
    return { first: this.pick(FIRST_NAMES), last: this.pick(LAST_NAMES) };
  }

  clinician(): string {
    const { first, last } = this.name();
    return `Dr. ${first.charAt(0)}. ${last}`;
  }

  phone(): string {
    return `(217) 555-01${pad(this.int(0, 99))}`;
  }

  sentence(): string {
    const words = this.int(8, 18);
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(this.pick(NOTE_WORDS));
    const text = out.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  paragraph(sentences: number): string {
    const out: string[] = [];
    for (let i = 0; i < sentences; i++) out.push(this.sentence());
    return out.join(' ');
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const FIRST_NAMES = [
  'Ana',
  'Bram',
  'Chiara',
  'Dev',
  'Elin',
  'Farid',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
  'Keiko',
  'Luis',
  'Mara',
  'Nils',
  'Olu',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tomas',
  'Uma',
  'Vera',
  'Wim',
  'Yara',
];
const LAST_NAMES = [
  'Abbott',
  'Brightwater',
  'Castellan',
  'Dunmore',
  'Eastbrook',
  'Fairhaven',
  'Greenfield',
  'Hollis',
  'Ivers',
  'Jessop',
  'Kingsley',
  'Lockhart',
  'Merriweather',
  'Northcott',
  'Oakley',
  'Pemberton',
  'Quarry',
  'Redfern',
  'Stillwell',
  'Thornbury',
];
const NOTE_WORDS = [
  'patient',
  'reports',
  'improved',
  'sleep',
  'denies',
  'chest',
  'pain',
  'mild',
  'fatigue',
  'afternoon',
  'appetite',
  'stable',
  'walking',
  'daily',
  'tolerating',
  'current',
  'regimen',
  'without',
  'side',
  'effects',
  'blood',
  'pressure',
  'home',
  'readings',
  'reviewed',
  'with',
  'the',
  'family',
  'plan',
  'discussed',
  'follow',
  'up',
  'in',
  'clinic',
  'weeks',
  'continue',
  'monitoring',
  'hydration',
  'encouraged',
  'exam',
  'unremarkable',
  'today',
];
/** Lab tests with their units and reference range. */
const LAB_TESTS: readonly [string, string, string, number, number][] = [
  ['Hemoglobin', 'g/dL', '12.0–16.0', 9, 17],
  ['Hematocrit', '%', '36–46', 30, 50],
  ['WBC', '10^3/µL', '4.0–11.0', 3, 14],
  ['Platelets', '10^3/µL', '150–400', 120, 450],
  ['Sodium', 'mmol/L', '135–145', 130, 148],
  ['Potassium', 'mmol/L', '3.5–5.1', 3, 5.8],
  ['Creatinine', 'mg/dL', '0.6–1.2', 0.5, 2.1],
  ['Glucose', 'mg/dL', '70–99', 65, 210],
  ['HbA1c', '%', '4.0–5.6', 4.8, 9.4],
  ['TSH', 'mIU/L', '0.4–4.0', 0.2, 6.5],
  ['LDL cholesterol', 'mg/dL', '< 100', 60, 190],
  ['ALT', 'U/L', '7–56', 10, 90],
];
const MEDICATIONS = [
  'Lisinopril 10 mg tablet',
  'Metformin 500 mg tablet',
  'Atorvastatin 20 mg tablet',
  'Amlodipine 5 mg tablet',
  'Levothyroxine 50 mcg tablet',
  'Omeprazole 20 mg capsule',
  'Sertraline 50 mg tablet',
  'Apixaban 5 mg tablet',
  'Metoprolol succinate 25 mg tablet',
  'Furosemide 20 mg tablet',
];
const VISIT_TYPES = [
  'Office visit',
  'Telehealth',
  'Nurse visit',
  'Annual wellness',
  'Urgent care',
  'Phone call',
];
const LOCATIONS = ['Riverbend Main', 'Northside Clinic', 'Lakeview Annex', 'Telehealth'];
const MENU: readonly [string, string[]][] = [
  ['Home', ['Dashboard', 'My day', 'Announcements']],
  ['Calendar', ['Day', 'Week', 'Providers', 'Rooms', 'Recalls']],
  ['Patients', ['Search', 'New patient', 'Recent', 'Merge', 'Portal access']],
  ['Messages', ['Inbox', 'Sent', 'Faxes', 'Portal messages']],
  ['Tasks', ['Mine', 'Team', 'Overdue', 'Completed']],
  ['Orders', ['Pending', 'Signed', 'Standing', 'Order sets']],
  ['Referrals', ['Outgoing', 'Incoming', 'Authorizations', 'Tracking']],
  ['Results', ['Unreviewed', 'Abnormal', 'By patient']],
  ['Documents', ['Scan', 'Upload', 'Unfiled', 'Templates']],
  ['Billing', ['Charges', 'Claims', 'Payments', 'Statements', 'Eligibility']],
  ['Reports', ['Clinical', 'Financial', 'Quality', 'Custom']],
  ['Admin', ['Users', 'Facilities', 'Forms', 'Lists', 'Audit log']],
];

const CHART_CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1d2733; background: #f4f6f8; }
  header.topbar { display: flex; justify-content: space-between; padding: 8px 16px; background: #1f3a5f; color: #fff; }
  nav.mainmenu > ul { display: flex; gap: 4px; margin: 0; padding: 0 12px; list-style: none; background: #2c4f7c; }
  nav.mainmenu li { position: relative; }
  nav.mainmenu a { display: block; padding: 6px 10px; color: #fff; text-decoration: none; }
  nav.mainmenu ul ul { display: none; position: absolute; background: #fff; list-style: none; padding: 4px 0; }
  nav.mainmenu li:hover > ul { display: block; }
  nav.mainmenu ul ul a { color: #1d2733; }
  .layout { display: grid; grid-template-columns: 220px 1fr; gap: 12px; padding: 12px; }
  aside { background: #fff; padding: 8px; font-size: 12px; }
  aside li { padding: 2px 0; }
  .banner dl { display: grid; grid-template-columns: repeat(6, auto); gap: 2px 10px; }
  .banner dt { font-weight: 600; color: #556; }
  .banner dd { margin: 0; }
  [role=tablist] { display: flex; gap: 2px; border-bottom: 1px solid #ccd; }
  [role=tab] { padding: 6px 12px; border: 1px solid #ccd; border-bottom: 0; background: #e8ecf2; }
  [role=tab][aria-selected=true] { background: #fff; font-weight: 600; }
  section.card { background: #fff; margin: 10px 0; padding: 10px 14px; border-radius: 4px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border-bottom: 1px solid #e3e7ec; padding: 3px 6px; text-align: left; vertical-align: top; }
  td.abn { color: #b00020; font-weight: 600; }
  td.label { width: 180px; font-weight: 600; color: #445; }
  article.note { border-left: 3px solid #9bb; padding: 4px 10px; margin: 8px 0; }
  article.note .meta { color: #667; font-size: 12px; }
`;

function menu(): string {
  const items = MENU.map(
    ([label, children]) =>
      `<li><a href="#${label.toLowerCase()}">${label}</a><ul>${children
        .map(
          (child) =>
            `<li><a href="#${label.toLowerCase()}-${child.toLowerCase().replace(/\s+/g, '-')}">${child}</a></li>`,
        )
        .join('')}</ul></li>`,
  );
  return `<nav class="mainmenu" aria-label="Main menu"><ul>${items.join('')}</ul></nav>`;
}

function schedule(data: Synthetic): string {
  const rows: string[] = [];
  for (let i = 0; i < 60; i++) {
    const { first, last } = data.name();
    const time = `${pad(8 + Math.floor(i / 6))}:${pad((i % 6) * 10)}`;
    rows.push(
      `<li><span class="time">${time}</span> <a href="#p${i}">${last}, ${first}</a> <small>${data.pick(VISIT_TYPES)}</small></li>`,
    );
  }
  return `<aside aria-label="Today's schedule"><h2>Today</h2><ul>${rows.join('')}</ul></aside>`;
}

function banner(data: Synthetic): string {
  const rows: [string, string][] = [
    ['DOB', '1961-04-17'],
    ['Age', '65'],
    ['Sex', 'F'],
    ['MRN', 'SYN-204817'],
    ['Phone', data.phone()],
    ['PCP', data.clinician()],
    ['Insurance', 'Example Health Plan PPO'],
    ['Allergies', 'Penicillin (rash)'],
    ['Language', 'English'],
    ['Code status', 'Full code'],
    ['Preferred pharmacy', 'Main Street Pharmacy'],
    ['Portal', 'Active'],
  ];
  return `<section class="banner card"><h1>Hollis, Greta <small>(synthetic patient)</small></h1><dl>${rows
    .map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')}</dl></section>`;
}

function tabs(selected: string): string {
  const names = ['Summary', 'Labs', 'Medications', 'Encounters', 'Notes', 'Documents'];
  return `<div role="tablist" aria-label="Chart sections">${names
    .map(
      (name) =>
        `<button role="tab" aria-controls="tab-${name.toLowerCase()}" aria-selected="${name === selected}">${name}</button>`,
    )
    .join('')}</div>`;
}

function labTable(data: Synthetic, rows: number): string {
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    const [test, units, range, low, high] = data.pick(LAB_TESTS);
    const value = (low + data.fraction() * (high - low)).toFixed(1);
    const flag = data.chance(0.15) ? (data.chance(0.5) ? 'H' : 'L') : '';
    body.push(
      `<tr><td>${data.date(2019, 2026)}</td><td>${test}</td><td class="${flag ? 'abn' : ''}">${value}</td><td>${escapeHtml(
        units,
      )}</td><td>${escapeHtml(range)}</td><td>${flag}</td><td>${data.pick(['Final', 'Final', 'Corrected'])}</td></tr>`,
    );
  }
  return `<table class="labs"><thead><tr><th>Collected</th><th>Test</th><th>Value</th><th>Units</th><th>Range</th><th>Flag</th><th>Status</th></tr></thead><tbody>${body.join(
    '',
  )}</tbody></table>`;
}

function medicationTable(data: Synthetic, rows: number): string {
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    body.push(
      `<tr><td>${data.pick(MEDICATIONS)}</td><td>${data.pick(['1 tablet', '2 tablets', '½ tablet'])}</td><td>oral</td><td>${data.pick(
        ['once daily', 'twice daily', 'at bedtime', 'as needed'],
      )}</td><td>${data.date(2015, 2026)}</td><td>${data.clinician()}</td><td>${data.pick(['Active', 'Active', 'Stopped'])}</td></tr>`,
    );
  }
  return `<table class="meds"><thead><tr><th>Medication</th><th>Dose</th><th>Route</th><th>Frequency</th><th>Started</th><th>Prescriber</th><th>Status</th></tr></thead><tbody>${body.join(
    '',
  )}</tbody></table>`;
}

function encounterTable(data: Synthetic, rows: number): string {
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    body.push(
      `<tr><td>${data.date(2012, 2026)}</td><td>${data.pick(VISIT_TYPES)}</td><td>${data.clinician()}</td><td>${data.pick(
        LOCATIONS,
      )}</td><td>${data.sentence()}</td><td><a href="#enc${i}">Open</a></td></tr>`,
    );
  }
  return `<table class="encounters"><thead><tr><th>Date</th><th>Visit type</th><th>Clinician</th><th>Location</th><th>Summary</th><th></th></tr></thead><tbody>${body.join(
    '',
  )}</tbody></table>`;
}

/** Progress notes; some mention a referral the way notes do, which makes the page worth a look. */
function notes(data: Synthetic, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const paragraphs: string[] = [];
    const length = data.int(3, 7);
    for (let p = 0; p < length; p++) paragraphs.push(`<p>${data.paragraph(data.int(3, 6))}</p>`);
    if (i % 4 === 1)
      paragraphs.push('<p>Will refer to cardiology if palpitations persist after the next visit.</p>');
    out.push(
      `<article class="note"><h3>${data.pick(VISIT_TYPES)} note</h3><div class="meta">${data.date(2020, 2026)} · ${data.clinician()} · signed</div>${paragraphs.join(
        '',
      )}</article>`,
    );
  }
  return out.join('');
}

function problemList(): string {
  const problems = [
    'Essential hypertension (I10)',
    'Type 2 diabetes mellitus without complications (E11.9)',
    'Hyperlipidemia (E78.5)',
    'Hypothyroidism (E03.9)',
    'Palpitations (R00.2)',
  ];
  return `<section class="card"><h2>Problems</h2><ul>${problems.map((p) => `<li>${p}</li>`).join('')}</ul></section>`;
}

function careTeam(data: Synthetic): string {
  const roles = ['Primary care', 'Care manager', 'Pharmacist', 'Dietitian', 'Behavioural health'];
  return `<section class="card"><h2>Care team</h2><table><thead><tr><th>Role</th><th>Clinician</th><th>Since</th></tr></thead><tbody>${roles
    .map((role) => `<tr><td>${role}</td><td>${data.clinician()}</td><td>${data.date(2016, 2025)}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

/** The order number of the chart's referral: the panel shows it once it shows the referral. */
export const REFERRAL_ORDER_NUMBER = 'REF-2026-004211';

/** A single referral, the way a chart embeds an order it is showing: label cells beside values. */
function referralSection(): string {
  const rows: [string, string][] = [
    ['Order #', REFERRAL_ORDER_NUMBER],
    ['Referral Date', '2026-11-20'],
    ['Refer To', 'Dr. Jordan Example, Riverside Cardiology Associates'],
    ['Specialty', 'Cardiology'],
    ['Priority', 'Urgent'],
    ['Diagnosis', 'R00.2 - Palpitations; I10 - Essential hypertension'],
    [
      'Reason for Referral',
      'Recurrent palpitations with an irregular rhythm on two office ECGs; please evaluate.',
    ],
    ['Referring Provider', 'Dr. Rosa Castellan'],
  ];
  return `<section class="card referral" aria-labelledby="referral-heading"><h2 id="referral-heading">Referral</h2><table class="form"><tbody>${rows
    .map(([label, value]) => `<tr><td class="label">${label}</td><td>${escapeHtml(value)}</td></tr>`)
    .join('')}</tbody></table></section>`;
}

export interface ChartOptions {
  /** Embed one referral in the visible summary tab. */
  withReferral: boolean;
}

/**
 * A heavy EHR chart (well over 5,000 elements): main menu with "Referrals", today's schedule,
 * patient banner, a visible summary tab (problems, care team, recent labs, recent notes) and
 * hidden tabs holding every lab, medication, encounter and note.
 */
export function chartPage({ withReferral }: ChartOptions): string {
  const data = new Synthetic(20261127);
  const summary = [
    problemList(),
    careTeam(data),
    withReferral ? referralSection() : '',
    `<section class="card"><h2>Recent labs</h2>${labTable(data, 40)}</section>`,
    `<section class="card"><h2>Recent notes</h2>${notes(data, 6)}</section>`,
  ].join('');
  const documents: string[] = [];
  for (let i = 0; i < 40; i++) {
    documents.push(
      `<li>${data.date(2014, 2026)} · ${data.pick(['Scanned letter', 'Outside records', 'Consent', 'Imaging report'])}<details><summary>Raw</summary><pre>${escapeHtml(
        data.paragraph(4),
      )}</pre></details></li>`,
    );
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Chart — Hollis, Greta (synthetic)</title><style>${CHART_CSS}</style></head><body>
<header class="topbar"><strong>Riverbend Health EHR</strong><span>Coordinator: COORD01 · <input type="search" placeholder="Search patients" aria-label="Search patients"></span></header>
${menu()}
<div class="layout">${schedule(data)}
<main>${banner(data)}${tabs('Summary')}
<div role="tabpanel" id="tab-summary">${summary}</div>
<div role="tabpanel" id="tab-labs" hidden>${labTable(data, 420)}</div>
<div role="tabpanel" id="tab-medications" hidden>${medicationTable(data, 120)}</div>
<div role="tabpanel" id="tab-encounters" hidden>${encounterTable(data, 260)}</div>
<div role="tabpanel" id="tab-notes" hidden>${notes(data, 36)}</div>
<div role="tabpanel" id="tab-documents" hidden><ul>${documents.join('')}</ul></div>
</main></div>
<footer>Synthetic data for benchmarking only.</footer>
</body></html>`;
}

export interface LiveWorklistOptions {
  /** How long the page keeps mutating once its DOM is ready. */
  seconds: number;
  /** Milliseconds between mutation bursts. */
  intervalMs: number;
}

/**
 * A single-page app: a coordinator's live referral worklist whose table and activity feed change
 * in a burst every few milliseconds (cells rewritten, rows replaced, feed entries appended and
 * dropped) for a fixed time: a fixed number of bursts, about 700 DOM operations a second at 5 ms.
 * Its heading names referrals, so every look the content script takes reads the whole page (and
 * finds a list of referrals, which the panel lists). When it stops it sets `window.__benchDone` and
 * `window.__benchMutations` (DOM operations performed, one mutation record each).
 */
export function liveWorklistPage({ seconds, intervalMs }: LiveWorklistOptions): string {
  const data = new Synthetic(4242);
  const patients: string[] = [];
  for (let i = 0; i < 120; i++) {
    const { first, last } = data.name();
    patients.push(`${last}, ${first}`);
  }
  const config = JSON.stringify({ seconds, intervalMs, patients, seed: 7 });
  // Plain JS, run in the page; kept deterministic with its own mulberry32.
  const script = `
(() => {
  const config = ${config.replace(/</g, '\\u003c')};
  let state = config.seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (items) => items[Math.floor(random() * items.length)];
  const SPECIALTIES = ['Cardiology', 'Dermatology', 'Endocrinology', 'Gastroenterology', 'Neurology', 'Orthopedics',
    'Physical therapy', 'Pulmonology', 'Rheumatology', 'Urology'];
  const PRIORITIES = ['Routine', 'Routine', 'Urgent', 'Stat'];
  const STATUSES = ['Sent', 'Awaiting authorization', 'Scheduled', 'Records requested', 'Seen, awaiting report',
    'Declined, needs new destination', 'Patient unreachable', 'Closed'];
  const EVENTS = ['fax confirmed', 'portal message read', 'appointment booked', 'authorization approved',
    'records sent', 'note added', 'reminder due'];
  const rowsEl = document.getElementById('worklist-rows');
  const feedEl = document.getElementById('feed');
  const clock = document.getElementById('clock');
  let operations = 0;
  let tick = 0;
  let order = 5000;
  const row = () => {
    const tr = document.createElement('tr');
    order++;
    const cells = ['REF-2026-' + String(order).padStart(6, '0'), pick(config.patients), pick(SPECIALTIES),
      pick(PRIORITIES), pick(STATUSES), String(1 + (tick % 28)) + ' Nov'];
    for (const text of cells) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  };
  for (let i = 0; i < 120; i++) rowsEl.append(row());
  for (let i = 0; i < 150; i++) {
    const li = document.createElement('li');
    li.textContent = pick(config.patients) + ': ' + pick(EVENTS);
    feedEl.append(li);
  }
  const burst = () => {
    tick++;
    const rows = rowsEl.children;
    // Rewrite a status cell (its text node replaced: one mutation record).
    const target = rows[Math.floor(random() * rows.length)];
    target.children[4].textContent = pick(STATUSES);
    // Append an activity entry and drop the oldest.
    const li = document.createElement('li');
    li.textContent = pick(config.patients) + ': ' + pick(EVENTS) + ' #' + tick;
    feedEl.append(li);
    feedEl.firstElementChild.remove();
    operations += 3;
    // Every other burst, replace a whole row.
    if (tick % 2 === 0) {
      rows[Math.floor(random() * rows.length)].replaceWith(row());
      operations += 1;
    }
    if (tick % 50 === 0) {
      clock.textContent = 'Updated ' + tick;
      operations += 1;
    }
  };
  // A burst is due every intervalMs; a late timer catches up (a few bursts per task, so catching
  // up makes no long task of its own), so the page does the same DOM work however busy its main
  // thread is: a page slowed down by the extension must not look cheaper.
  const totalBursts = Math.round((config.seconds * 1000) / config.intervalMs);
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.min(totalBursts, Math.floor((performance.now() - started) / config.intervalMs) + 1);
    for (let caughtUp = 0; tick < due && caughtUp < 8; caughtUp++) burst();
    if (tick >= totalBursts) {
      clearInterval(timer);
      window.__benchMutations = operations;
      window.__benchMutatingMs = performance.now() - started;
      window.__benchDone = true;
    }
  }, config.intervalMs);
})();`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Referral worklist (synthetic)</title><style>${CHART_CSS}
  .board { display: grid; grid-template-columns: 1fr 320px; gap: 12px; padding: 12px; }
  #feed { height: 600px; overflow: hidden; font-size: 12px; }
</style></head><body>
<header class="topbar"><strong>Riverbend Health EHR</strong><span id="clock">Live</span></header>
${menu()}
<div class="board"><section class="card"><h1>Referral worklist</h1>
<table><thead><tr><th>Order #</th><th>Patient</th><th>Specialty</th><th>Priority</th><th>Status</th><th>Sent</th></tr></thead><tbody id="worklist-rows"></tbody></table></section>
<section class="card"><h2>Activity</h2><ul id="feed"></ul></section></div>
<script>${script}</script>
</body></html>`;
}

/**
 * A hostile FHIR ServiceRequest view built to make patterns backtrack: values that are long runs
 * of spaces, digits, parentheses and separators (what makes a pattern quadratic on its input), a
 * 26-letter word repeated (what makes a nested quantifier exponential), and a heading of 100,000
 * characters. It still reads as one referral, so every field pattern runs. Detection must cut
 * each input before a pattern sees it; this page measures that it does.
 */
export function adversarialPage(): string {
  const spaces = '&nbsp; '.repeat(20_000);
  const digits = '1'.repeat(40_000);
  const rows: [string, string][] = [
    ['Category', `Referral ${digits}`],
    ['Subject', `Hollis, Greta ${'('.repeat(40_000)}`],
    ['Requester', `Dr. Rosa Castellan${spaces}`],
    ['Performer', `Dr. Jordan Example${spaces}, ${'MD, '.repeat(5_000)}`],
    ['Authored On', `2026-11-20 ${digits}`],
    ['Reason Code', `Palpitations ${'abcdefghijklmnopqrstuvwxyz '.repeat(2_000)}`],
    ['Insurance', `Aetna · member id${spaces}`],
    ['Prior Authorization', `Required ${'· x\n'.repeat(10_000)}`],
    ['Note', `${'Referral: '.repeat(5_000)}`],
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Service Request (synthetic, hostile)</title></head><body>
<h1>Service Request ${'x '.repeat(50_000)}</h1>
<dl>${rows.map(([label, value]) => `<dt>${label}</dt><dd>${value}</dd>`).join('')}</dl>
<p>${digits} ${'refer to '.repeat(10_000)}</p>
</body></html>`;
}

/** Where the bench server serves each page (127.0.0.1, so the content script runs on all of them). */
export const PAGE_PATHS = {
  chart: '/chart',
  chartWithReferral: '/chart-with-referral',
  liveWorklist: '/live-worklist',
  adversarial: '/adversarial-service-request',
} as const;

/** The live worklist mutates every 5 ms for 10 s: several hundred DOM changes a second. */
export const LIVE_WORKLIST: LiveWorklistOptions = { seconds: 10, intervalMs: 5 };

export function benchPages(): Record<string, string> {
  return {
    [PAGE_PATHS.chart]: chartPage({ withReferral: false }),
    [PAGE_PATHS.chartWithReferral]: chartPage({ withReferral: true }),
    [PAGE_PATHS.liveWorklist]: liveWorklistPage(LIVE_WORKLIST),
    [PAGE_PATHS.adversarial]: adversarialPage(),
  };
}
