// Display helpers. Each screen style formats dates and codes its own way on purpose:
// real EHRs disagree, and the detection engine has to cope with all of them.
import { DEMO_TODAY, type ReferralPriority } from './data';

function isoParts(iso: string): [number, number, number] {
  const [y = 0, m = 1, d = 1] = iso.split('-').map(Number);
  return [y, m, d];
}

/** Age in whole years on the demo's fixed "today". */
export function ageOn(dateOfBirth: string, today: string = DEMO_TODAY): number {
  const [by, bm, bd] = isoParts(dateOfBirth);
  const [ty, tm, td] = isoParts(today);
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** 2026-11-02 -> 11/02/2026 (the legacy screen's format). */
export function usDate(iso: string): string {
  const [y, m, d] = isoParts(iso);
  return `${String(m).padStart(2, '0')}/${String(d).padStart(2, '0')}/${y}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2026-11-02 -> Mon, Nov 2, 2026 (schedule header). */
export function longDate(iso: string): string {
  const [y, m, d] = isoParts(iso);
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][
    new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  ];
  return `${weekday}, ${MONTHS[m - 1]} ${d}, ${y}`;
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = isoParts(iso);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** (217) 555-0142 -> 217-555-0142 (the legacy screen's format). */
export function dashedPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 10 ? `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}` : phone;
}

export const priorityLabel: Record<ReferralPriority, string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  asap: 'ASAP',
  stat: 'STAT',
};

/** OpenEMR's stock "risklevel" list has only Low/Medium/High, so priorities collapse onto it. */
export const riskLevel: Record<ReferralPriority, 'Low' | 'Medium' | 'High'> = {
  routine: 'Low',
  urgent: 'Medium',
  asap: 'High',
  stat: 'High',
};

/** How soon the visit should happen, used for FHIR occurrencePeriod. */
export const priorityWindowDays: Record<ReferralPriority, number> = {
  routine: 30,
  urgent: 7,
  asap: 3,
  stat: 0,
};

/** "Cardiology" -> "Referral to cardiology service"; acronyms such as ENT keep their case. */
export function referralCodeText(specialty: string): string {
  const name = specialty === specialty.toUpperCase() ? specialty : specialty.toLowerCase();
  return `Referral to ${name} service`;
}
