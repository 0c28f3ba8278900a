// OpenEMR-style screens, modelled on OpenEMR 7: the LBTref "Referral" transaction form
// (layout-based fields named form_<field id> beside label cells) and the patient dashboard.
import {
  type DemoPatient,
  type DemoReferral,
  icd10Display,
  patientFullName,
  referralsForPatient,
} from '../data';
import { ageOn, priorityLabel, riskLevel } from '../format';
import { attrIf, html, raw, type SafeHtml } from '../html';
import { openemrDemographicsPath, openemrReferralPath, referralListPath, schedulePath } from '../urls';

const OPENEMR_CSS = `
  body { margin: 0; font-family: -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
    font-size: 0.875rem; color: #212529; background: #fff; }
  a { color: #0d6efd; text-decoration: none; }
  #mainMenu { display: flex; align-items: center; background: #f8f9fa; border-bottom: 1px solid #dee2e6;
    padding: 0 12px; min-height: 42px; flex-wrap: wrap; }
  #mainMenu .brand { font-weight: 700; color: #1b3a5b; margin-right: 18px; font-size: 1rem; }
  #mainMenu .brand span { color: #5aa02c; }
  #mainMenu ul { list-style: none; display: flex; flex-wrap: wrap; margin: 0; padding: 0; }
  #mainMenu .menuLabel { padding: 11px 10px; color: #343a40; cursor: pointer; }
  #mainMenu .menuLabel:hover, #mainMenu .menuLabel.active { background: #e2e6ea; }
  #mainMenu .user { margin-left: auto; color: #6c757d; }
  #tabs_div { background: #e9ecef; padding: 4px 12px 0; display: flex; gap: 2px; }
  #tabs_div .tabSpan { padding: 5px 14px; background: #dee2e6; border-radius: 4px 4px 0 0; color: #495057; }
  #tabs_div .tabSpan.active { background: #fff; color: #000; font-weight: 600; }
  #attendantData { background: #eaf2fb; border-bottom: 1px solid #b8d1ec; padding: 8px 16px;
    display: flex; flex-wrap: wrap; gap: 4px 22px; align-items: baseline; }
  #attendantData .ptName { font-size: 1.15rem; font-weight: 600; }
  #attendantData .ptName small { color: #6c757d; font-weight: 400; }
  #attendantData b { color: #495057; font-weight: 600; }
  .container-xl { padding: 12px 20px 40px; max-width: 1240px; }
  h2.page-title { font-size: 1.35rem; font-weight: 400; margin: 6px 0 12px; }
  .toprow { display: flex; gap: 24px; align-items: center; margin-bottom: 10px; }
  .toprow label { font-weight: 600; margin-right: 6px; }
  .trans-meta { color: #6c757d; }
  .btn { display: inline-block; padding: 4px 12px; border-radius: 3px; border: 1px solid #6c757d;
    background: #fff; font-size: 0.85rem; margin-right: 4px; }
  .btn-primary { background: #0d6efd; border-color: #0d6efd; color: #fff; }
  .title { font-size: 1.1rem; margin: 14px 0 6px; }
  .tabNav { list-style: none; display: flex; margin: 0; padding: 0; border-bottom: 1px solid #dee2e6; }
  .tabNav li a { display: block; padding: 6px 16px; color: #495057; border: 1px solid transparent;
    border-radius: 4px 4px 0 0; }
  .tabNav li.current a { border-color: #dee2e6 #dee2e6 #fff; background: #fff; color: #000; margin-bottom: -1px; }
  .tabContainer { border: 1px solid #dee2e6; border-top: 0; padding: 12px; display: flex; gap: 20px; }
  .tabContainer .tab { flex: 1; }
  table.lbfLayout { border-collapse: collapse; width: 100%; }
  table.lbfLayout td { padding: 4px 6px; vertical-align: top; }
  td.label_custom { text-align: right; font-weight: 600; white-space: nowrap; width: 1%; padding-top: 8px !important; }
  td.label_custom.required span::after { content: " *"; color: #dc3545; }
  td.text.data input[type=text], td.text.data select, td.text.data textarea {
    font: inherit; border: 1px solid #ced4da; border-radius: 3px; padding: 4px 6px; width: 100%; box-sizing: border-box; }
  td.text.data textarea { min-height: 70px; }
  .addrbook { width: 300px; flex: none; border: 1px solid #d6d8db; background: #fcfcfd; border-radius: 4px;
    padding: 10px 12px; align-self: flex-start; }
  .addrbook h4 { margin: 0 0 8px; font-size: 0.95rem; }
  .addrbook .row { margin: 3px 0; }
  .addrbook .font-weight-bold { font-weight: 700; }
  fieldset.ins { border: 1px solid #dee2e6; margin-top: 16px; padding: 8px 12px; }
  fieldset.ins legend { font-weight: 600; padding: 0 6px; }
  table.ins-table { border-collapse: collapse; }
  table.ins-table th { text-align: left; color: #495057; padding: 3px 14px 3px 0; font-weight: 600; }
  table.ins-table td { padding: 3px 14px 3px 0; }
  ul.docs { margin: 4px 0; padding-left: 18px; }
  .card { border: 1px solid #dee2e6; border-radius: 4px; margin-bottom: 14px; }
  .card-header { background: #f1f3f5; padding: 6px 12px; font-weight: 600; display: flex; justify-content: space-between; }
  .card-body { padding: 8px 12px; }
  .dash { display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }
  table.dem td { padding: 2px 12px 2px 0; }
  table.dem td.lbl { color: #6c757d; }
`;

interface MenuItem {
  label: string;
  href?: string;
}

const MAIN_MENU: MenuItem[] = [
  { label: 'Calendar', href: schedulePath('2026-11-27') },
  { label: 'Finder' },
  { label: 'Flow' },
  { label: 'Recalls' },
  { label: 'Messages' },
  { label: 'Patient' },
  { label: 'Referrals', href: referralListPath },
  { label: 'Fees' },
  { label: 'Modules' },
  { label: 'Procedures' },
  { label: 'Admin' },
  { label: 'Reports' },
  { label: 'Miscellaneous' },
  { label: 'About' },
];

function mainMenu(): SafeHtml {
  const items = MAIN_MENU.map(
    (item) =>
      html`<li class="dropdown"><div class="menuLabel">${item.href ? html`<a href="${item.href}">${item.label}</a>` : item.label}</div></li>`,
  );
  return html`<nav id="mainMenu" class="navbar navbar-expand-xl navbar-light bg-light">
  <div class="brand">Open<span>EMR</span></div>
  <ul class="nav navbar-nav">${items}</ul>
  <div class="user">Administrator · Default</div>
</nav>`;
}

function patientBanner(patient: DemoPatient): SafeHtml {
  // OpenEMR lists the patient "Last, First" and calls the MRN "External ID".
  return html`<div id="attendantData" class="patient-banner">
  <div class="ptName"><a href="${openemrDemographicsPath(patient.id)}">${patient.lastName}, ${patient.firstName}</a> <small>(${patient.id})</small></div>
  <div><b>DOB:</b> ${patient.dateOfBirth}</div>
  <div><b>Age:</b> ${ageOn(patient.dateOfBirth)}</div>
  <div><b>External ID:</b> ${patient.mrn}</div>
  <div><b>Home Phone:</b> ${patient.phone ?? ''}</div>
  <div><b>Language:</b> ${patient.preferredLanguage}${patient.interpreterNeeded ? ' (Interpreter needed)' : ''}</div>
</div>`;
}

function openemrPage(opts: { title: string; tab: string; patient: DemoPatient; body: SafeHtml }): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${opts.title}</title>
<style>${raw(OPENEMR_CSS)}</style>
</head>
<body class="body_top">
${mainMenu()}
<div id="tabs_div"><div class="tabSpan">Calendar</div><div class="tabSpan">Message Center</div><div class="tabSpan active">${opts.tab}</div></div>
${patientBanner(opts.patient)}
<div class="container-xl">
${opts.body}
</div>
</body>
</html>`;
}

// ---- Layout-based form controls -------------------------------------------------------

interface LayoutField {
  /** LBTref field id, rendered as name/id form_<id>. */
  id: string;
  label: string;
  control: SafeHtml;
  required?: boolean;
}

function textInput(id: string, value: string, extraClass = ''): SafeHtml {
  return html`<input type="text" class="form-control${extraClass}" name="form_${id}" id="form_${id}" value="${value}">`;
}

function textArea(id: string, value: string): SafeHtml {
  return html`<textarea class="form-control" name="form_${id}" id="form_${id}" rows="4">${value}</textarea>`;
}

function selectBox(id: string, options: readonly string[], selected: string): SafeHtml {
  // Empty first option like OpenEMR's "Unassigned".
  const opts = ['', ...options].map(
    (o) =>
      html`<option value="${o}"${attrIf(o === selected, 'selected')}>${o === '' ? 'Unassigned' : o}</option>`,
  );
  return html`<select class="form-control" name="form_${id}" id="form_${id}">${opts}</select>`;
}

function checkbox(id: string, checked: boolean): SafeHtml {
  return html`<input type="checkbox" name="form_${id}" id="form_${id}" value="1"${attrIf(checked, 'checked')}>`;
}

function fieldCells(field: LayoutField): SafeHtml {
  return html`<td class="label_custom${field.required ? ' required' : ''}" colspan="1" id="label_id_${field.id}"><span id="label_${field.id}">${field.label}</span></td><td class="text data" colspan="1" id="text_${field.id}">${field.control}</td>`;
}

/** One table row; OpenEMR puts one or two label/value pairs on a row depending on the layout. */
function layoutRow(...fields: LayoutField[]): SafeHtml {
  const pad = fields.length === 1 ? html`<td colspan="2"></td>` : '';
  return html`<tr>${fields.map(fieldCells)}${pad}</tr>`;
}

// ---- Referral transaction form --------------------------------------------------------

function referralTab(referral: DemoReferral | undefined): SafeHtml {
  const r = referral;
  const isInternal = r ? r.receivingOrganization === r.referringPractice : false;
  const includeVitals = r ? r.recordsAttached.some((d) => /vitals/i.test(d)) : false;
  return html`<table class="lbfLayout">
${layoutRow(
  {
    id: 'refer_date',
    label: 'Referral Date:',
    control: textInput('refer_date', r?.authoredOn ?? '', ' datepicker'),
    required: true,
  },
  {
    id: 'refer_from',
    label: 'Refer By:',
    control: textInput('refer_from', r?.referringProvider ?? ''),
    required: true,
  },
)}
${layoutRow({
  id: 'refer_external',
  label: 'External Referral:',
  control: selectBox('refer_external', ['No', 'Yes'], r ? (isInternal ? 'No' : 'Yes') : ''),
})}
${layoutRow({
  id: 'refer_to',
  label: 'Refer To:',
  control: textInput('refer_to', r ? `${r.receivingProvider}, ${r.receivingOrganization}` : ''),
  required: true,
})}
${layoutRow({ id: 'body', label: 'Reason:', control: textArea('body', r?.reason ?? ''), required: true })}
${layoutRow(
  {
    id: 'refer_diag',
    label: 'Referrer Diagnosis:',
    control: textInput('refer_diag', r?.diagnosisCodes.join(', ') ?? ''),
  },
  {
    id: 'refer_risk_level',
    label: 'Risk Level:',
    control: selectBox('refer_risk_level', ['Low', 'Medium', 'High'], r ? riskLevel[r.priority] : ''),
  },
)}
${layoutRow(
  {
    // Not in stock LBTref; many sites add it to the layout.
    id: 'refer_priority',
    label: 'Priority:',
    control: selectBox('refer_priority', Object.values(priorityLabel), r ? priorityLabel[r.priority] : ''),
  },
  { id: 'refer_vitals', label: 'Include Vitals:', control: checkbox('refer_vitals', includeVitals) },
)}
${layoutRow({ id: 'refer_related_code', label: 'Requested Service:', control: textInput('refer_related_code', r?.specialty ?? '') })}
</table>`;
}

/** Counter-Referral tab: present in the DOM, hidden, empty. Detection must ignore it. */
function counterReferralTab(): SafeHtml {
  const fields: [string, string][] = [
    ['reply_date', 'Reply Date:'],
    ['reply_from', 'Reply From:'],
    ['reply_init_diag', 'Presumed Diagnosis:'],
    ['reply_final_diag', 'Final Diagnosis:'],
    ['reply_documents', 'Documents:'],
    ['reply_findings', 'Findings:'],
    ['reply_services', 'Services Provided:'],
    ['reply_recommend', 'Recommendations:'],
    ['reply_rx_refer', 'Prescriptions/Referrals:'],
  ];
  const rows = fields.map(([id, label]) => {
    const control =
      id === 'reply_findings' || id === 'reply_recommend' ? textArea(id, '') : textInput(id, '');
    return layoutRow({ id, label, control });
  });
  return html`<table class="lbfLayout">${rows}</table>`;
}

function recipientCard(r: DemoReferral): SafeHtml {
  // OpenEMR keeps the receiving office in the Address Book; sites often show it beside the form.
  return html`<aside class="addrbook" id="refer_to_details">
  <h4>Address Book Entry</h4>
  <div class="row"><span class="font-weight-bold">Organization:</span> ${r.receivingOrganization}</div>
  <div class="row"><span class="font-weight-bold">Specialty:</span> ${r.specialty}</div>
  <div class="row"><span class="font-weight-bold">Phone:</span> ${r.receivingPhone}</div>
  <div class="row"><span class="font-weight-bold">Fax:</span> ${r.receivingFax}</div>
  <div class="row"><span class="font-weight-bold">Address:</span> ${r.receivingAddress}</div>
  <div class="row"><span class="font-weight-bold">Notes:</span> ${r.specialistInstructions}</div>
  <hr>
  <div class="row"><span class="font-weight-bold">Referring Practice:</span> ${r.referringPractice}</div>
  <div class="row"><span class="font-weight-bold">Practice Phone:</span> ${r.referringPhone}</div>
  <div class="row"><span class="font-weight-bold">Practice Fax:</span> ${r.referringFax}</div>
</aside>`;
}

function insuranceBlock(r: DemoReferral): SafeHtml {
  // OpenEMR calls the member id "Policy Number".
  return html`<fieldset class="ins" id="insurance_block">
  <legend>Insurance (Primary)</legend>
  <table class="ins-table">
    <tr><th>Primary Insurance Provider:</th><td>${r.payer}</td><th>Plan Name:</th><td>${r.plan}</td></tr>
    <tr><th>Policy Number:</th><td>${r.memberId ?? ''}</td><th>Prior Authorization Required:</th><td>${r.authorizationRequired ? 'Yes' : 'No'}</td></tr>
    <tr><th>Authorization #:</th><td>${r.authorizationNumber ?? ''}</td><th></th><td></td></tr>
  </table>
</fieldset>
<fieldset class="ins" id="documents_block">
  <legend>Documents to Send</legend>
  <ul class="docs">${r.recordsAttached.map((d) => html`<li>${d}</li>`)}</ul>
</fieldset>`;
}

// Minimal tab switching so the demo behaves like the real form.
const TAB_SCRIPT = `
document.querySelectorAll('.tabNav a').forEach(function (a) {
  a.addEventListener('click', function (e) {
    e.preventDefault();
    document.querySelectorAll('.tabNav li').forEach(function (li) { li.classList.remove('current'); });
    document.querySelectorAll('.tabContainer .tab').forEach(function (t) { t.style.display = 'none'; });
    a.parentElement.classList.add('current');
    document.getElementById(a.getAttribute('data-tab')).style.display = '';
  });
});`;

export function renderOpenemrReferral(patient: DemoPatient, referral: DemoReferral | undefined): SafeHtml {
  const meta = referral
    ? html`<span class="trans-meta">Transaction ID: <span id="transaction_id">${referral.id}</span> · Order #: <span id="order_number">${referral.orderNumber}</span></span>`
    : html`<span class="trans-meta">New transaction</span>`;
  const body = html`<h2 class="page-title">${referral ? 'Edit Transaction' : 'Add New Transaction'}</h2>
<form name="new_transaction" method="post" action="add_transaction.php?pid=${patient.id}${referral ? `&transid=${referral.id}` : ''}" onsubmit="return false">
<div class="toprow">
  <div><label for="form_type">Transaction Type:</label><select name="form_type" id="form_type">
    <option value="LBTref" selected>Referral</option><option value="LBTptreq">Patient Request</option>
    <option value="LBTphreq">Physician Request</option><option value="LBTlegal">Legal</option><option value="LBTbill">Billing</option>
  </select></div>
  ${meta}
  <div><button class="btn btn-primary" type="button">Save</button><button class="btn" type="button">Print</button><a class="btn" href="${openemrDemographicsPath(patient.id)}">Cancel</a></div>
</div>
<div id="referral-titlebar"><h3 class="title">Referral</h3></div>
<ul class="tabNav nav nav-tabs">
  <li class="current nav-item"><a class="nav-link" href="#" data-tab="tab_Referral" id="header_tab_Referral">Referral</a></li>
  <li class="nav-item"><a class="nav-link" href="#" data-tab="tab_Counter-Referral" id="header_tab_Counter-Referral">Counter-Referral</a></li>
</ul>
<div class="tabContainer">
  <div class="tab current" id="tab_Referral">${referralTab(referral)}</div>
  <div class="tab" id="tab_Counter-Referral" style="display:none">${counterReferralTab()}</div>
  ${referral && recipientCard(referral)}
</div>
${referral && insuranceBlock(referral)}
</form>
<script>${raw(TAB_SCRIPT)}</script>`;
  return openemrPage({ title: 'OpenEMR', tab: 'Add/Edit Patient Transaction', patient, body });
}

// ---- Patient dashboard (not a referral screen) ------------------------------------------

export function renderOpenemrDemographics(patient: DemoPatient): SafeHtml {
  const refs = referralsForPatient(patient.id);
  const insurance = refs[0];
  const problems = [...new Set(refs.flatMap((r) => r.diagnosisCodes))];
  const body = html`<h2 class="page-title">Medical Record Dashboard</h2>
<div class="dash">
<div>
  <div class="card"><div class="card-header">Demographics <a href="#">Edit</a></div><div class="card-body">
    <table class="dem">
      <tr><td class="lbl">Name:</td><td>${patientFullName(patient)}</td><td class="lbl">External ID:</td><td>${patient.mrn}</td></tr>
      <tr><td class="lbl">DOB:</td><td>${patient.dateOfBirth}</td><td class="lbl">Home Phone:</td><td>${patient.phone ?? ''}</td></tr>
      <tr><td class="lbl">Contact Email:</td><td>${patient.email}</td><td class="lbl">Language:</td><td>${patient.preferredLanguage}</td></tr>
      <tr><td class="lbl">Address:</td><td colspan="3">${patient.address}</td></tr>
      <tr><td class="lbl">Interpreter:</td><td>${patient.interpreterNeeded ? 'Yes' : 'No'}</td><td></td><td></td></tr>
    </table>
  </div></div>
  <div class="card"><div class="card-header">Insurance</div><div class="card-body">
    ${insurance ? html`Primary: ${insurance.payer} — ${insurance.plan}<br>Policy Number: ${insurance.memberId ?? ''}` : 'None'}
  </div></div>
  <div class="card"><div class="card-header">Notes</div><div class="card-body">
    <p><b>2026-10-30 (Whitaker):</b> Intermittent palpitations and fatigue for two weeks. Holter offered. Will refer to cardiology if symptoms persist. Recheck in 2 weeks.</p>
    <p><b>2026-09-12 (front desk):</b> Patient asked for a copy of records. Updated contact preferences.</p>
  </div></div>
</div>
<div>
  <div class="card"><div class="card-header">Medical Problems</div><div class="card-body">
    <ul class="docs">${problems.map((c) => html`<li>${c} ${icd10Display[c] ?? ''}</li>`)}</ul>
  </div></div>
  <div class="card"><div class="card-header">Medications</div><div class="card-body">
    <ul class="docs"><li>Lisinopril 10 mg tablet, 1 daily</li><li>Atorvastatin 20 mg tablet, 1 nightly</li></ul>
  </div></div>
  <div class="card"><div class="card-header">Allergies</div><div class="card-body">NKDA</div></div>
  <div class="card"><div class="card-header">Transactions <a href="#">Add</a></div><div class="card-body">
    <table class="dem">${refs.map(
      (r) =>
        html`<tr><td>${r.authoredOn}</td><td><a href="${openemrReferralPath(patient.id, r.id)}">Referral</a></td><td>${r.specialty}</td></tr>`,
    )}</table>
  </div></div>
</div>
</div>`;
  return openemrPage({ title: 'OpenEMR', tab: 'Dashboard', patient, body });
}
