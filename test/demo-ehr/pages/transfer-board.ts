// "Nimbus Flow", a care-coordination board that calls a referral an "outbound care transfer" and
// shows it as a ticket of icon-labelled tiles: no referral wording, no label cells, no form fields.
// The built-in profiles do not recognise it; an organisation's own EHR profile (delivered by
// policy) reads it through its `data-slot` attributes. See the admin guide's example profile.
import type { DemoPatient, DemoReferral } from '../data';
import { usDate } from '../format';
import { html, type SafeHtml } from '../html';

const URGENCY: Record<DemoReferral['priority'], string> = {
  routine: 'Standard',
  urgent: 'Expedite',
  asap: 'ASAP',
  stat: 'STAT',
};

function tile(icon: string, slot: string, value: string): SafeHtml {
  return html`<div class="tile"><span class="icon" aria-hidden="true">${icon}</span><span data-slot="${slot}">${value}</span></div>`;
}

export function renderTransferBoard(referral: DemoReferral, patient: DemoPatient): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Nimbus Flow · Ticket ${referral.orderNumber}</title>
<style>body{font-family:sans-serif;margin:0;background:#f2f4f8}header{background:#3a2f6b;color:#fff;padding:10px 16px}
.ticket{display:grid;grid-template-columns:repeat(3,1fr);gap:10px;padding:16px}.tile{background:#fff;border-radius:8px;padding:12px}
.icon{margin-right:6px}</style></head>
<body><header><h1>Outbound care transfer</h1><p>Ticket <span data-slot="ticket">${referral.orderNumber}</span></p></header>
<section class="ticket" aria-label="Ticket">
${tile('👤', 'who', `${patient.firstName} ${patient.lastName}`)}
${tile('🎂', 'born', usDate(patient.dateOfBirth))}
${tile('☎', 'reach', patient.phone ?? '')}
${tile('➜', 'destination', `${referral.specialty} · ${referral.receivingOrganization}`)}
${tile('✎', 'why', referral.reason)}
${tile('⏱', 'urgency', URGENCY[referral.priority])}
${tile('✍', 'from', referral.referringProvider)}
</section></body></html>`;
}
