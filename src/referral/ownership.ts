import type { Person, Referral } from './referral';
import { TransitionRefused } from './state-machine';

/**
 * Who works a referral on the team queue. A referral has one owner or none (unassigned: anyone
 * on the desk may claim it). Handing it on is a change like any other: it is recorded in the
 * history, with the note the new owner reads first.
 */

const comparable = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * One person on any device: by FHIR identity when both sides were signed in, by name otherwise
 * (a desk without sign-in names its coordinators in options).
 */
export function samePerson(a: Person | undefined, b: Person | undefined): boolean {
  if (!a || !b) return false;
  if (a.fhirUser && b.fhirUser) return a.fhirUser === b.fhirUser;
  return comparable(a.name) === comparable(b.name);
}

export type Ownership = 'mine' | 'unassigned' | 'colleague';

/** Whose the referral is, as seen by the coordinator `me` (unknown: every owner is a colleague). */
export function ownershipOf(referral: Pick<Referral, 'owner'>, me: Person | undefined): Ownership {
  if (!referral.owner) return 'unassigned';
  return samePerson(referral.owner, me) ? 'mine' : 'colleague';
}

/**
 * Whether a referral is this coordinator's to work on a team queue: their own and the unassigned
 * ones (a colleague's is the colleague's). Their day view and their overdue notices hold these.
 */
export const concernsMe =
  (me: Person | undefined) =>
  (referral: Pick<Referral, 'owner'>): boolean =>
    ownershipOf(referral, me) !== 'colleague';

/** How an owner is shown in a list: their name, with initials when they differ from it. */
export const personLabel = (person: Person): string =>
  person.initials && person.initials !== person.name ? `${person.name} (${person.initials})` : person.name;

/**
 * Gives the referral to `to` (a claim when `to` is the coordinator acting), or back to the team
 * when `to` is undefined. Refused when nothing would change, so a second click or a colleague's
 * identical hand-off is not recorded twice.
 */
export function handOff(to: Person | undefined, at: number, by: string, note?: string) {
  return (referral: Referral): Referral => {
    const unchanged = to ? samePerson(referral.owner, to) : referral.owner === undefined;
    if (unchanged) throw new TransitionRefused({ code: 'same-owner', owner: to?.name });
    const { owner: _previous, ...rest } = referral;
    return {
      ...rest,
      ...(to && { owner: to }),
      history: [
        ...referral.history,
        { at, by, kind: 'hand-off', ...(to && { owner: to.name }), ...(note && { note }) },
      ],
    };
  };
}

/**
 * The hand-off that made the current owner theirs, when a colleague made it: what the new owner
 * reads first ("Handed to you by BM: …"). A referral the owner claimed or tracked has none.
 */
export function handOffToRead(referral: Pick<Referral, 'history' | 'owner'>, me: Person | undefined) {
  if (!referral.owner || !samePerson(referral.owner, me)) return undefined;
  const last = referral.history.findLast((entry) => entry.kind === 'hand-off');
  if (!last || last.by === me?.initials || last.by === me?.name) return undefined;
  return last;
}

/** The most colleagues remembered: a referral desk, not a directory. */
export const MAX_COLLEAGUES = 200;

/** `known` with `seen` added, one entry a person (the newest seen wins), sorted by name. */
export function withColleagues(known: readonly Person[], seen: readonly (Person | undefined)[]): Person[] {
  const people = [...known];
  for (const person of seen) {
    if (!person) continue;
    const index = people.findIndex((other) => samePerson(other, person));
    if (index >= 0) people[index] = person;
    else if (people.length < MAX_COLLEAGUES) people.push(person);
  }
  return people.sort((a, b) => a.name.localeCompare(b.name));
}
