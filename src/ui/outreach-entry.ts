import { type OutreachAttempt, PATIENT_BARRIERS } from '../referral/referral';

/**
 * One outreach attempt as a coordinator logs it, from the panel or a queue view: both send it
 * as the `log-outreach` request, and both read the appointment the same way.
 */
export interface OutreachEntry {
  party: OutreachAttempt['party'];
  channel: OutreachAttempt['channel'];
  outcome: OutreachAttempt['outcome'];
  barriers: OutreachAttempt['barriers'];
  note?: string;
  /** With the outcome "scheduled": the appointment that was booked. */
  appointmentAt?: number;
  /** The script used, when the attempt was logged from one. */
  scriptId?: string;
}

/** The barriers with one ticked or unticked, always in the list's own order. */
export function withBarrier(
  barriers: OutreachEntry['barriers'],
  barrier: OutreachEntry['barriers'][number],
  on: boolean,
): OutreachEntry['barriers'] {
  return PATIENT_BARRIERS.filter((each) => (each === barrier ? on : barriers.includes(each)));
}

/** `<input type="datetime-local">` value to a time, or undefined when empty or unreadable. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const at = new Date(value).getTime();
  return Number.isFinite(at) && at >= 0 ? at : undefined;
}
