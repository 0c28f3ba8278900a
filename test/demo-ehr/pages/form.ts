// "ClinicForm", a referral shown as a filled Bootstrap-style form from a clinic that writes dates
// day first: required marks and visually hidden "Mandatory field" beside the labels, a select, a
// radio group, a text area, and DD/MM/YYYY dates. With no date order configured, a date whose
// day is 12 or less (02/11/2026) is one Handoff must ask the coordinator to check.
import type { DemoPatient, DemoReferral } from '../data';
import { html, type SafeHtml } from '../html';

function dayFirst(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

const REQUIRED = html`<span class="text-danger" aria-hidden="true">*</span><span class="visually-hidden">Mandatory field</span>`;
const PRIORITIES: [DemoReferral['priority'], string][] = [
  ['routine', 'Routine'],
  ['urgent', 'Urgent'],
  ['asap', 'ASAP'],
  ['stat', 'STAT'],
];

function input(id: string, label: string, value: string, required = false): SafeHtml {
  return html`<div class="mb-3"><label for="${id}" class="form-label"><span>${label}</span> ${required ? REQUIRED : ''}</label><input class="form-control" id="${id}" value="${value}"></div>`;
}

export function renderFormReferral(referral: DemoReferral, patient: DemoPatient): SafeHtml {
  const radios = PRIORITIES.map(
    ([value, label]) =>
      html`<div class="form-check form-check-inline"><input class="form-check-input" type="radio" name="priority" id="priority-${value}" value="${value}" ${referral.priority === value ? html`checked` : ''}><label class="form-check-label" for="priority-${value}">${label}</label></div>`,
  );
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ClinicForm · Referral ${referral.orderNumber}</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:720px;padding:16px}.text-danger{color:#b02a37}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;overflow:hidden!important;clip:rect(0,0,0,0)!important}
.form-label{display:block;font-weight:600;margin-top:8px}.form-control{width:100%;padding:4px}.form-check-inline{display:inline-block;margin-right:12px}</style></head>
<body>
<h1><span>Referral</span> <small>${referral.orderNumber}</small></h1>
<form>
<h2><span>Patient</span></h2>
${input('patient', 'Patient name', `${patient.firstName} ${patient.lastName}`, true)}
${input('dob', 'Date of birth', dayFirst(patient.dateOfBirth), true)}
${input('mrn', 'MRN', patient.mrn)}
<h2><span><span>Referred</span> <span>to</span></span></h2>
<div class="mb-3"><label for="specialty" class="form-label"><span>Specialty</span> ${REQUIRED}</label><select class="form-select" id="specialty"><option value="">Choose…</option><option selected>${referral.specialty}</option></select></div>
${input('to', 'Refer to', referral.receivingProvider, true)}
<h2><span>Details</span></h2>
<div class="mb-3"><div class="form-label">Priority ${REQUIRED}</div>${radios}</div>
<div class="mb-3"><label for="reason" class="form-label"><span>Reason for referral</span> ${REQUIRED}</label><textarea class="form-control" id="reason" rows="3">${referral.reason}</textarea></div>
${input('ordered', 'Referral date', dayFirst(referral.authoredOn))}
</form>
</body></html>`;
}
