// A 2000s-era ASP referral screen: no doctype (quirks mode), table layout, <font> tags,
// bgcolor attributes, "Label: value" text lines, US dates, and hostile global CSS
// (huge rem base, content-box everywhere, padded divs, a max-z-index fixed bar) so the
// extension's overlay is tested against pages that fight it.
import { type DemoPatient, type DemoReferral, icd10Display } from '../data';
import { dashedPhone, priorityLabel, usDate } from '../format';
import { html, raw, type SafeHtml } from '../html';
import { referralListPath, schedulePath } from '../urls';

const LEGACY_CSS = `
  html { font-size: 24px; }
  * { box-sizing: content-box; line-height: 2; }
  div { padding: 6px; }
  body { margin: 4px; font-size: 1rem; background: #ffffff; }
  input, select, button, textarea { font-size: 1.1rem; border: 2px inset #999; }
  a { color: #0000ee !important; text-decoration: underline !important; }
  a:visited { color: #551a8b !important; }
  table { border-collapse: separate; }
  ul, ol { margin: 0; padding-left: 40px; }
  #sessionbar { position: fixed; bottom: 0; left: 0; right: 0; z-index: 2147483647; background: #ffffcc;
    border-top: 2px solid #cc9900; font: bold 14px Arial, sans-serif; text-align: center; }
`;

const NAV = ['Home', 'Patients', 'Scheduling', 'Referrals', 'Authorizations', 'Billing', 'Reports', 'Logout'];

function navHref(label: string): string {
  if (label === 'Referrals') return referralListPath;
  if (label === 'Scheduling') return schedulePath('2026-11-27');
  if (label === 'Home') return '/';
  return '#';
}

function legacyNav(): SafeHtml {
  const links = NAV.map(
    (label, i) =>
      html`${i > 0 ? ' | ' : ''}<a href="${navHref(label)}"><font color="#FFFFFF">${label}</font></a>`,
  );
  return html`<table width="100%" border="0" cellpadding="2" cellspacing="0" bgcolor="#003366">
<tr><td><font face="Verdana" size="4" color="#FFFFFF"><b>MedLink Clinical Office</b></font> <font face="Verdana" size="1" color="#99CCFF">v4.2.1</font></td>
<td align="right"><font face="Verdana" size="1" color="#FFFFFF">User: COORD01 &nbsp; Location: RIVERBEND MAIN</font></td></tr>
<tr bgcolor="#336699"><td colspan="2"><font face="Verdana" size="2"><b>${links}</b></font></td></tr>
</table>`;
}

function patientHeaderTable(patient: DemoPatient): SafeHtml {
  // Column headers over a single data row: values are matched by column, not by adjacency.
  return html`<table width="100%" border="1" cellpadding="3" cellspacing="0" bordercolor="#999999">
<tr bgcolor="#CCCCCC"><th><font face="Arial" size="2">Patient</font></th><th><font face="Arial" size="2">DOB</font></th><th><font face="Arial" size="2">MRN</font></th><th><font face="Arial" size="2">Phone</font></th><th><font face="Arial" size="2">Language</font></th><th><font face="Arial" size="2">Interpreter</font></th></tr>
<tr bgcolor="#FFFFFF"><td><font face="Arial" size="2">${patient.lastName.toUpperCase()}, ${patient.firstName.toUpperCase()}</font></td><td><font face="Arial" size="2">${usDate(patient.dateOfBirth)}</font></td><td><font face="Arial" size="2">${patient.mrn}</font></td><td><font face="Arial" size="2">${patient.phone ? dashedPhone(patient.phone) : raw('&nbsp;')}</font></td><td><font face="Arial" size="2">${patient.preferredLanguage}</font></td><td><font face="Arial" size="2">${patient.interpreterNeeded ? 'Y' : 'N'}</font></td></tr>
</table>`;
}

function authNumberText(r: DemoReferral): string {
  if (!r.authorizationRequired) return 'N/A';
  return r.authorizationNumber ?? 'PENDING';
}

function line(label: string, value: string | SafeHtml): SafeHtml {
  return html`<b>${label}:</b> ${value}<br>\n`;
}

function section(title: string, body: SafeHtml): SafeHtml {
  return html`<table width="100%" border="0" cellpadding="4" cellspacing="0">
<tr bgcolor="#99CCFF"><td><font face="Verdana" size="2"><b>${title}</b></font></td></tr>
<tr bgcolor="#F0F8FF"><td><font face="Verdana" size="2">
${body}</font></td></tr>
</table>`;
}

export function renderLegacyReferral(referral: DemoReferral, patient: DemoPatient): SafeHtml {
  const diagnoses = referral.diagnosisCodes.map((c) => `${c} - ${icd10Display[c] ?? ''}`).join('; ');
  const specialty = section(
    'REFERRAL INFORMATION',
    html`${line('Referral #', referral.orderNumber)}${line('Date Ordered', usDate(referral.authoredOn))}${line(
      'Specialty',
      referral.specialty,
    )}${line('Priority', priorityLabel[referral.priority].toUpperCase())}${line('Diagnosis', diagnoses)}${line(
      'Reason for Referral',
      referral.reason,
    )}`,
  );
  const receiving = section(
    'REFERRED TO',
    html`${line('Specialist', referral.receivingProvider)}${line('Facility', referral.receivingOrganization)}${line(
      'Address',
      referral.receivingAddress,
    )}${line('Phone', dashedPhone(referral.receivingPhone))}${line('Fax', dashedPhone(referral.receivingFax))}${line(
      'Special Instructions',
      referral.specialistInstructions,
    )}`,
  );
  const referring = section(
    'REFERRED BY',
    html`${line('Physician', referral.referringProvider)}${line('Practice', referral.referringPractice)}${line(
      'Phone',
      dashedPhone(referral.referringPhone),
    )}${line('Fax', dashedPhone(referral.referringFax))}`,
  );
  const insurance = section(
    'INSURANCE / AUTHORIZATION',
    html`${line('Carrier', referral.payer)}${line('Plan', referral.plan)}${line('Member ID', referral.memberId ?? '')}${line(
      'Auth Required',
      referral.authorizationRequired ? 'YES' : 'NO',
    )}${line('Auth #', authNumberText(referral))}`,
  );
  const records = section(
    'RECORDS ENCLOSED',
    html`<ul>${referral.recordsAttached.map((d) => html`<li>${d}</li>`)}</ul>`,
  );

  // No doctype on purpose: the page renders in quirks mode like the real thing.
  return html`<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>MedLink - Referral ${referral.orderNumber}</title>
<style type="text/css">${raw(LEGACY_CSS)}</style>
</head>
<body bgcolor="#FFFFFF" text="#000000" link="#0000EE" vlink="#551A8B">
${legacyNav()}
<marquee scrollamount="3" bgcolor="#FFFFCC"><font face="Arial" size="2" color="#CC0000">*** Reminder: verify eligibility and obtain prior authorization before scheduling specialist visits ***</font></marquee>
<center><font face="Times New Roman" size="5"><b>REFERRAL AUTHORIZATION REQUEST</b></font></center>
${patientHeaderTable(patient)}
<br>
<table width="100%" border="0" cellpadding="0" cellspacing="6">
<tr valign="top"><td width="50%">${specialty}<br>${insurance}</td><td width="50%">${receiving}<br>${referring}<br>${records}</td></tr>
</table>
<div align="center"><form><input type="button" value="Print"> <input type="button" value="Fax to Specialist"> <input type="button" value="Back"></form></div>
<div id="sessionbar">Session expires in 20:00 &mdash; Unsaved changes will be lost</div>
<br><br><br>
</body>
</html>`;
}
