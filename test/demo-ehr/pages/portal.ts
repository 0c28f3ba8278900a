// "CarePoint" clinic-portal screens: lab result, day schedule and the referral list.
// None of them is a referral screen, though all mention referrals (hard negatives).
import {
  appointments,
  type DemoLabResult,
  type DemoPatient,
  patientById,
  patientFullName,
  referralStatuses,
  referrals,
} from '../data';
import { addDays, longDate, priorityLabel } from '../format';
import { html, raw, type SafeHtml } from '../html';
import {
  labResultPath,
  openemrDemographicsPath,
  referralListPath,
  referralPath,
  schedulePath,
} from '../urls';

const PORTAL_CSS = `
  body { margin: 0; font-family: Tahoma, "Segoe UI", Verdana, sans-serif; font-size: 13px; color: #1d2b24; background: #eef3f0; }
  header.top { background: #1f6f50; color: #fff; display: flex; align-items: stretch; height: 38px; }
  header.top .logo { font-weight: bold; padding: 0 16px; display: flex; align-items: center; background: #16553d; letter-spacing: .5px; }
  header.top nav { display: flex; }
  header.top nav a { color: #dff3ea; padding: 0 13px; display: flex; align-items: center; text-decoration: none; }
  header.top nav a.on { background: #eef3f0; color: #1f6f50; font-weight: bold; }
  header.top .who { margin-left: auto; padding: 0 14px; display: flex; align-items: center; font-size: 12px; }
  main { padding: 14px 18px; }
  h1 { font-size: 17px; margin: 0 0 10px; color: #16553d; }
  .panel { background: #fff; border: 1px solid #c4d6cc; margin-bottom: 12px; }
  .panel h2 { font-size: 13px; margin: 0; padding: 6px 10px; background: #dbe9e1; border-bottom: 1px solid #c4d6cc; }
  .panel .inner { padding: 8px 10px; }
  table.grid { border-collapse: collapse; width: 100%; background: #fff; }
  table.grid th { text-align: left; background: #dbe9e1; padding: 5px 8px; border: 1px solid #c4d6cc; font-size: 12px; }
  table.grid td { padding: 5px 8px; border: 1px solid #dde7e1; }
  table.grid tr:nth-child(even) td { background: #f7faf8; }
  .kv { display: grid; grid-template-columns: 150px 1fr 150px 1fr; gap: 4px 10px; }
  .kv .k { color: #5b6f64; }
  .flag-H, .flag-L { color: #b00020; font-weight: bold; }
  .pt { display: flex; gap: 26px; background: #fffbe6; border: 1px solid #e6d98c; padding: 6px 10px; margin-bottom: 12px; }
  .daynav a { margin: 0 8px; }
  .pill { display: inline-block; padding: 0 7px; border-radius: 9px; background: #e3ece7; font-size: 11px; }
  .pill.stat, .pill.asap { background: #f8d7da; color: #7a1020; }
  .pill.urgent { background: #fff0c2; color: #6b4e00; }
`;

type PortalTab = 'Schedule' | 'Labs' | 'Referrals';

function portalPage(title: string, active: PortalTab, body: SafeHtml): SafeHtml {
  const tabs: [string, string][] = [
    ['Home', '/'],
    ['Schedule', schedulePath('2026-11-27')],
    ['Patients', '#'],
    ['Labs', labResultPath(1)],
    ['Referrals', referralListPath],
    ['Messages', '#'],
    ['Billing', '#'],
    ['Reports', '#'],
  ];
  const nav = tabs.map(
    ([label, href]) => html`<a href="${href}"${raw(label === active ? ' class="on"' : '')}>${label}</a>`,
  );
  return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} - CarePoint</title><style>${raw(PORTAL_CSS)}</style></head>
<body>
<header class="top"><div class="logo">CarePoint</div><nav>${nav}</nav><div class="who">Jordan Lee (Referral Coordinator)</div></header>
<main>
${body}
</main>
</body>
</html>`;
}

function patientStrip(p: DemoPatient): SafeHtml {
  return html`<div class="pt"><span><b>${patientFullName(p)}</b></span><span>DOB ${p.dateOfBirth}</span><span>${p.mrn}</span><span>${p.phone ?? 'No phone on file'}</span></div>`;
}

export function renderLabResult(lab: DemoLabResult, patient: DemoPatient): SafeHtml {
  const rows = lab.values.map(
    (v) =>
      html`<tr><td>${v.test}</td><td class="flag-${v.flag || 'N'}">${v.value}</td><td class="flag-${v.flag || 'N'}">${v.flag}</td><td>${v.unit}</td><td>${v.referenceRange}</td></tr>`,
  );
  const body = html`<h1>Lab Result</h1>
${patientStrip(patient)}
<div class="panel"><h2>Lab Order</h2><div class="inner kv">
  <span class="k">Accession #</span><span>${lab.accession}</span>
  <span class="k">Order</span><span>${lab.panel}</span>
  <span class="k">Ordering Provider</span><span>${lab.orderingProvider}</span>
  <span class="k">Status</span><span>${lab.status}</span>
  <span class="k">Collected</span><span>${lab.collectedAt}</span>
  <span class="k">Reported</span><span>${lab.reportedAt}</span>
  <span class="k">Clinical Indication</span><span>${lab.clinicalIndication}</span>
  <span class="k">Performing Lab</span><span>CarePoint Reference Laboratory</span>
</div></div>
<div class="panel"><h2>Results</h2>
<table class="grid"><thead><tr><th>Test</th><th>Result</th><th>Flag</th><th>Units</th><th>Reference Range</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  return portalPage(`Lab Result ${lab.accession}`, 'Labs', body);
}

export function renderSchedule(date: string): SafeHtml {
  const day = appointments.filter((a) => a.date === date).sort((a, b) => a.time.localeCompare(b.time));
  const rows = day.map((a) => {
    const p = patientById(a.patientId);
    return html`<tr><td>${a.time}</td><td>${a.durationMinutes} min</td><td>${p ? html`<a href="${openemrDemographicsPath(p.id)}">${patientFullName(p)}</a>` : a.patientId}</td><td>${p?.dateOfBirth ?? ''}</td><td>${p?.mrn ?? ''}</td><td>${a.visitType}</td><td>${a.provider}</td><td>${a.room}</td><td>${a.status}</td></tr>`;
  });
  const empty = html`<tr><td colspan="9">No appointments scheduled.</td></tr>`;
  const body = html`<h1>Appointments — ${longDate(date)}</h1>
<p class="daynav"><a href="${schedulePath(addDays(date, -1))}">&laquo; Previous day</a><a href="${schedulePath(addDays(date, 1))}">Next day &raquo;</a></p>
<div class="panel"><h2>Riverbend Health Partners — all providers</h2>
<table class="grid"><thead><tr><th>Time</th><th>Length</th><th>Patient</th><th>DOB</th><th>MRN</th><th>Visit Type</th><th>Provider</th><th>Room</th><th>Status</th></tr></thead>
<tbody>${rows.length > 0 ? rows : empty}</tbody></table></div>`;
  return portalPage('Schedule', 'Schedule', body);
}

export function renderReferralList(): SafeHtml {
  const sorted = [...referrals].sort((a, b) => b.authoredOn.localeCompare(a.authoredOn));
  const rows = sorted.map((r) => {
    const p = patientById(r.patientId);
    return html`<tr><td><a href="${referralPath(r)}">${r.orderNumber}</a></td><td>${p ? patientFullName(p) : r.patientId}</td><td>${p?.mrn ?? ''}</td><td>${r.specialty}</td><td>${r.receivingOrganization}</td><td><span class="pill ${r.priority}">${priorityLabel[r.priority]}</span></td><td>${referralStatuses[r.id] ?? 'New'}</td><td>${r.authoredOn}</td></tr>`;
  });
  const body = html`<h1>Referrals</h1>
<div class="panel"><h2>Outgoing referrals — ${referrals.length} open</h2>
<table class="grid" id="referral-list"><thead><tr><th>Order #</th><th>Patient</th><th>MRN</th><th>Specialty</th><th>Referred To</th><th>Priority</th><th>Status</th><th>Ordered</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  return portalPage('Referrals', 'Referrals', body);
}
