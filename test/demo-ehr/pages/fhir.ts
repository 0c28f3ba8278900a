// FHIR-style single-page app: the server sends one HTML shell for every /fhir-app/ route and
// JSON resources under /fhir-app/api/; fhir-app/app.js does routing and rendering in the browser.
import {
  type DemoPatient,
  type DemoReferral,
  icd10Display,
  patientById,
  patientFullName,
  referralStatuses,
} from '../data';
import { addDays, priorityWindowDays, referralCodeText } from '../format';
import { html, raw, type SafeHtml } from '../html';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const LANGUAGE_CODES: Record<string, string> = {
  English: 'en',
  Spanish: 'es',
  Russian: 'ru',
  Vietnamese: 'vi',
};

function optional(key: string, value: Json | undefined): JsonObject {
  return value === undefined ? {} : { [key]: value };
}

export function patientResource(p: DemoPatient): JsonObject {
  const telecom: Json[] = [
    ...(p.phone ? [{ system: 'phone', value: p.phone, use: 'home' }] : []),
    { system: 'email', value: p.email },
  ];
  return {
    resourceType: 'Patient',
    id: p.id,
    extension: [
      {
        url: 'http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired',
        valueBoolean: p.interpreterNeeded,
      },
    ],
    identifier: [
      {
        type: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }],
          text: 'MRN',
        },
        value: p.mrn,
      },
    ],
    name: [{ use: 'official', text: patientFullName(p), family: p.lastName, given: p.firstName.split(' ') }],
    telecom,
    birthDate: p.dateOfBirth,
    address: [{ use: 'home', text: p.address }],
    communication: [
      {
        language: {
          coding: [{ system: 'urn:ietf:bcp:47', code: LANGUAGE_CODES[p.preferredLanguage] ?? 'und' }],
          text: p.preferredLanguage,
        },
        preferred: true,
      },
    ],
  };
}

function organization(id: string, name: string, phone: string, fax: string, address?: string): JsonObject {
  return {
    resourceType: 'Organization',
    id,
    name,
    telecom: [
      { system: 'phone', value: phone, use: 'work' },
      { system: 'fax', value: fax, use: 'work' },
    ],
    ...optional('address', address === undefined ? undefined : [{ text: address }]),
  };
}

function coverage(r: DemoReferral): JsonObject {
  return {
    resourceType: 'Coverage',
    id: 'coverage',
    status: 'active',
    ...optional('subscriberId', r.memberId),
    payor: [{ display: r.payer }],
    class: [{ type: { text: 'plan' }, value: r.plan, name: r.plan }],
  };
}

export function serviceRequestResource(r: DemoReferral): JsonObject {
  const patient = patientById(r.patientId);
  const windowDays = priorityWindowDays[r.priority];
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    contained: [
      organization(
        'performer-org',
        r.receivingOrganization,
        r.receivingPhone,
        r.receivingFax,
        r.receivingAddress,
      ),
      organization('requester-org', r.referringPractice, r.referringPhone, r.referringFax),
      coverage(r),
    ],
    extension: [
      {
        url: 'https://demo-ehr.example.org/fhir/StructureDefinition/prior-authorization',
        extension: [
          { url: 'required', valueBoolean: r.authorizationRequired },
          ...(r.authorizationNumber ? [{ url: 'number', valueString: r.authorizationNumber }] : []),
        ],
      },
      {
        url: 'https://demo-ehr.example.org/fhir/StructureDefinition/worklist-status',
        valueString: referralStatuses[r.id] ?? 'New',
      },
    ],
    identifier: [{ type: { text: 'Placer order number' }, value: r.orderNumber }],
    status: 'active',
    intent: 'order',
    category: [
      {
        coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }],
        text: 'Patient referral',
      },
    ],
    priority: r.priority,
    code: { text: referralCodeText(r.specialty) },
    subject: {
      reference: `Patient/${r.patientId}`,
      display: patient ? `${patientFullName(patient)} (${patient.mrn})` : r.patientId,
    },
    occurrencePeriod: { start: r.authoredOn, end: addDays(r.authoredOn, windowDays) },
    authoredOn: r.authoredOn,
    requester: { reference: '#requester-org', display: `${r.referringProvider}, ${r.referringPractice}` },
    performerType: { text: r.specialty },
    performer: [
      { reference: '#performer-org', display: `${r.receivingProvider}, ${r.receivingOrganization}` },
    ],
    reasonCode: r.diagnosisCodes.map((code) => ({
      coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code, display: icd10Display[code] ?? code }],
    })),
    insurance: [{ reference: '#coverage', display: `${r.payer} ${r.plan}` }],
    supportingInfo: r.recordsAttached.map((display) => ({ display })),
    note: [{ authorString: r.referringProvider, time: `${r.authoredOn}T09:00:00-06:00`, text: r.reason }],
    patientInstruction: r.specialistInstructions,
  };
}

export function searchBundle(resources: JsonObject[]): JsonObject {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    entry: resources.map((resource) => ({ resource })),
  };
}

const FHIR_CSS = `
  :root { --teal: #0f4c5c; --teal-2: #16697a; --line: #e1e6eb; --muted: #64748b; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 15px;
    color: #1e293b; background: #f1f4f7; }
  a { color: var(--teal-2); }
  .appbar { height: 52px; background: var(--teal); color: #fff; display: flex; align-items: center; padding: 0 18px; gap: 24px; }
  .appbar .product { font-weight: 650; font-size: 17px; letter-spacing: .2px; }
  .appbar .search { flex: 0 1 360px; background: rgba(255,255,255,.14); border-radius: 6px; padding: 7px 12px; color: #cfe3e8; font-size: 14px; }
  .appbar .me { margin-left: auto; font-size: 14px; opacity: .9; }
  .shell { display: flex; min-height: calc(100vh - 52px); }
  .sidenav { width: 196px; background: #fff; border-right: 1px solid var(--line); padding: 12px 0; flex: none; }
  .sidenav a, .sidenav span { display: block; padding: 9px 20px; color: #334155; text-decoration: none; font-size: 14px; }
  .sidenav span { color: #94a3b8; }
  .sidenav a.active { background: #e6f2f4; color: var(--teal); font-weight: 600; border-left: 3px solid var(--teal-2); padding-left: 17px; }
  main#app { flex: 1; padding: 20px 26px; min-width: 0; }
  .loading { display: flex; align-items: center; gap: 12px; color: var(--muted); padding: 40px 0; }
  .spinner { width: 22px; height: 22px; border-radius: 50%; border: 3px solid #cbd5e1; border-top-color: var(--teal-2);
    animation: spin .8s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  .banner { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 12px 18px; display: flex;
    gap: 28px; align-items: baseline; margin-bottom: 16px; flex-wrap: wrap; }
  .banner .name { font-size: 19px; font-weight: 650; }
  .banner .meta { color: var(--muted); font-size: 14px; }
  .banner .meta b { color: #1e293b; font-weight: 600; }
  .cols { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 16px; align-items: start; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin-bottom: 16px; }
  .card h1 { font-size: 21px; margin: 0 0 4px; font-weight: 650; }
  .card h2 { font-size: 15px; margin: 0 0 10px; font-weight: 650; }
  .subtitle { color: var(--muted); font-size: 13px; margin-bottom: 14px; }
  dl.fields { display: grid; grid-template-columns: minmax(140px, 200px) 1fr; gap: 12px 20px; margin: 0; }
  dl.fields dt, dl.contact dt { text-transform: uppercase; font-size: 11px; letter-spacing: .07em; color: var(--muted); font-weight: 600; }
  dl.fields dd, dl.contact dd { margin: 3px 0 0; }
  dl.fields dd ul { margin: 0; padding-left: 18px; }
  dl.contact { margin: 0; }
  dl.contact dd { margin-bottom: 10px; }
  .pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600;
    background: #e2e8f0; text-transform: uppercase; letter-spacing: .04em; }
  .pill.stat, .pill.asap { background: #fee2e2; color: #991b1b; }
  .pill.urgent { background: #fef3c7; color: #92400e; }
  .pill.active { background: #dcfce7; color: #166534; }
  details.raw { margin-top: 18px; border-top: 1px solid var(--line); padding-top: 10px; }
  details.raw summary { cursor: pointer; color: var(--muted); font-size: 13px; }
  details.raw pre { background: #0f172a; color: #e2e8f0; padding: 12px; border-radius: 8px; overflow: auto; font-size: 12px; max-height: 360px; }
  table.list { width: 100%; border-collapse: collapse; }
  table.list th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted);
    border-bottom: 1px solid var(--line); padding: 8px; }
  table.list td { padding: 9px 8px; border-bottom: 1px solid #eef1f4; }
  .error { color: #991b1b; }
`;

const NAV_LINKS: [string, string | null][] = [
  ['Worklist', '/fhir-app/'],
  ['Patients', '/fhir-app/Patient'],
  ['Referrals', '/fhir-app/ServiceRequest'],
  ['Orders', null],
  ['Inbox', null],
  ['Schedule', null],
  ['Reports', null],
];

/** The same shell for every route; app.js fills main#app after the route's data arrives. */
export function renderFhirShell(): SafeHtml {
  const nav = NAV_LINKS.map(([label, href]) =>
    href ? html`<a href="${href}" data-nav="${href}">${label}</a>` : html`<span>${label}</span>`,
  );
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Meridian Health Record</title>
<style>${raw(FHIR_CSS)}</style>
</head>
<body>
<header class="appbar"><div class="product">Meridian Health Record</div><div class="search">Search patients, orders…</div><div class="me">J. Lee · Referral Coordinator</div></header>
<div class="shell">
<nav class="sidenav" aria-label="Main">${nav}</nav>
<main id="app" aria-live="polite"></main>
</div>
<script src="/fhir-app/app.js"></script>
</body>
</html>`;
}
