import { browser } from 'wxt/browser';
import { readUserSettings } from '../config/read-user-settings';
import type { Person, Referral } from '../referral/referral';
import type { SignedInUser, SignInStatus } from '../sign-in/session';
import { readItem, type StorageArea, storageItems } from '../storage-items';

/**
 * Who is working at this browser: the author of every history entry, outreach attempt, hand-off,
 * escalation and audit record. The signed-in user when there is one (name and `fhirUser` from the
 * identity provider's ID token), else the name and initials the coordinator gave in options.
 */
export type Coordinator = Person;

/** Initials from a name: the first letter of up to three words ("Ana María López" → "AML"). */
export function initialsOf(name: string): string {
  return name
    .trim()
    .split(/[\s.\-_,]+/u)
    .filter(Boolean)
    .slice(0, 3)
    .map((word) => [...word][0]?.toLocaleUpperCase() ?? '')
    .join('')
    .slice(0, 4);
}

/** The coordinator from a sign-in (if any, and still valid for authorship) and from the settings. */
export function coordinatorOf(
  signIn: Pick<SignInStatus, 'state' | 'user'> | undefined,
  settings: { name: string; initials: string },
): Coordinator | undefined {
  const user: SignedInUser | undefined = signIn?.state === 'signed-out' ? undefined : signIn?.user;
  if (user) {
    // The initials given in options stay theirs; a signed-in name without them gets derived ones.
    const initials = settings.initials || initialsOf(user.name);
    return { name: user.name, initials, ...(user.fhirUser ? { fhirUser: user.fhirUser } : {}) };
  }
  const name = settings.name.trim();
  const initials = settings.initials.trim();
  if (!name && !initials) return undefined;
  return { name: name || initials, initials: initials || initialsOf(name) };
}

/** How a coordinator is written in a history entry's `by`: their initials, else their name. */
export const authorText = (coordinator: Coordinator | undefined): string =>
  coordinator ? coordinator.initials || coordinator.name : '';

/**
 * The history entries a change added (those after the first `before`) with the coordinator's FHIR
 * identity: carried with the referral (through the outbox, a sign-out, a merge), so the server's
 * Provenance names who made the change, not whoever is signed in when it is sent.
 */
export function withAuthorIdentity<T extends Pick<Referral, 'history'>>(
  referral: T,
  before: number,
  coordinator: Coordinator | undefined,
): T {
  const byFhirUser = coordinator?.fhirUser;
  if (!byFhirUser || referral.history.length <= before) return referral;
  // In the shared schema's order (at, by, byFhirUser, kind…), as the server's copy reads back:
  // the merge tells history entries apart by their JSON.
  const history = referral.history.map((entry, index) => {
    if (index < before) return entry;
    const { at, by, ...rest } = entry;
    return { at, by, byFhirUser, ...rest };
  });
  return { ...referral, history };
}

export interface CoordinatorStorage {
  local: StorageArea;
  session: StorageArea;
}

/**
 * Background side: the coordinator working now, or undefined when Handoff does not know yet
 * (no sign-in, no name or initials in options). A sign-in that needs renewing still names who
 * signed in: their changes wait in the outbox under their name.
 */
export async function readCurrentCoordinator(
  storage: CoordinatorStorage = { local: browser.storage.local, session: browser.storage.session },
): Promise<Coordinator | undefined> {
  const [settings, signIn] = await Promise.all([
    readUserSettings(storage.local),
    readItem(storage.session, storageItems.signInStatus),
  ]);
  return coordinatorOf(signIn, settings);
}
