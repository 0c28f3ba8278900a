// The demo's home page: links to every screen, grouped by screen style.
import { labResults, patientById, patientFullName, patients, referrals, type ScreenLayout } from '../data';
import { html, raw, type SafeHtml } from '../html';
import {
  fhirPatientPath,
  labResultPath,
  openemrDemographicsPath,
  openemrNewReferralPath,
  referralListPath,
  referralPath,
  schedulePath,
} from '../urls';

const INDEX_CSS = `
  body { font-family: Georgia, "Times New Roman", serif; max-width: 980px; margin: 24px auto; padding: 0 20px; color: #222; }
  h1 { margin-bottom: 4px; }
  .synthetic { background: #fff4d6; border: 1px solid #e0c46c; padding: 8px 12px; margin: 12px 0 20px; font-family: system-ui, sans-serif; }
  h2 { border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 28px; }
  table { border-collapse: collapse; font-family: system-ui, sans-serif; font-size: 14px; }
  th, td { text-align: left; padding: 4px 12px 4px 0; }
  ul { font-family: system-ui, sans-serif; font-size: 14px; }
`;

const STYLE_TITLES: Record<ScreenLayout, string> = {
  openemr: 'OpenEMR-style (server-rendered layout form)',
  fhir: 'FHIR-style single-page app (client routing, late rendering)',
  legacy: 'Legacy table layout (quirks mode, hostile CSS)',
};

function referralRows(layout: ScreenLayout): SafeHtml[] {
  return referrals
    .filter((r) => r.layout === layout)
    .map((r) => {
      const p = patientById(r.patientId);
      return html`<tr><td><a href="${referralPath(r)}">${r.id}</a></td><td>${p ? patientFullName(p) : r.patientId}</td><td>${r.specialty}</td><td>${r.priority}</td></tr>`;
    });
}

function styleSection(layout: ScreenLayout, extra: SafeHtml | false = false): SafeHtml {
  return html`<h2>${STYLE_TITLES[layout]}</h2>
<table><tr><th>Referral</th><th>Patient</th><th>Specialty</th><th>Priority</th></tr>${referralRows(layout)}</table>
${extra}`;
}

function everyStyleTable(): SafeHtml {
  const rows = referrals.map(
    (r) =>
      html`<tr><td>${r.id}</td><td><a href="${referralPath(r, 'openemr')}">OpenEMR</a></td><td><a href="${referralPath(r, 'fhir')}">FHIR app</a></td><td><a href="${referralPath(r, 'legacy')}">Legacy</a></td><td>(default: ${r.layout})</td></tr>`,
  );
  return html`<table><tr><th>Referral</th><th colspan="4">Screens</th></tr>${rows}</table>`;
}

export function renderIndex(): SafeHtml {
  const demographics = patients.map(
    (p) =>
      html`<li><a href="${openemrDemographicsPath(p.id)}">${patientFullName(p)}</a> (${p.id}) · <a href="${fhirPatientPath(p.id)}">FHIR app patient page</a></li>`,
  );
  const labs = labResults.map(
    (l) => html`<li><a href="${labResultPath(l.id)}">Lab result ${l.id}: ${l.panel}</a></li>`,
  );
  const firstPatient = patients[0];
  const blankForm =
    firstPatient &&
    html`<p>Edge case: <a href="${openemrNewReferralPath(firstPatient.id)}">blank "Add New Transaction" referral form</a> (patient banner, empty fields).</p>`;

  return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Demo EHR</title><style>${raw(INDEX_CSS)}</style></head>
<body>
<h1>Demo EHR</h1>
<div class="synthetic"><strong>Synthetic data.</strong> Every patient, provider, organisation, phone number (555-01xx) and email (example.org) here is invented. These screens imitate different EHR styles for the Handoff demo and detection tests.</div>
${styleSection('openemr', blankForm)}
${styleSection('fhir', html`<p><a href="/fhir-app/">FHIR app worklist</a></p>`)}
${styleSection('legacy')}
<h2>Every referral in every style</h2>
${everyStyleTable()}
<h2>Non-referral screens (must not be detected as referrals)</h2>
<ul>
  <li><a href="${referralListPath}">Referral list</a> (a list, not a single referral)</li>
  <li><a href="${schedulePath('2026-11-27')}">Schedule for 2026-11-27</a></li>
  ${labs}
</ul>
<h3>Patient summaries</h3>
<ul>${demographics}</ul>
</body>
</html>`;
}
