import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OVERDUE_NOTIFICATION, sweepOverdue } from '../../src/background/reminder-alarms';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import { QueueQuery } from '../../src/message-schema';
import { openHandoffDatabase } from '../../src/queue/database';
import { queryQueue } from '../../src/queue/queue-query';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { callBackAt } from '../../src/referral/operations';
import {
  concernsMe,
  handOff,
  handOffToRead,
  MAX_COLLEAGUES,
  ownershipOf,
  personLabel,
  samePerson,
  withColleagues,
} from '../../src/referral/ownership';
import type { Person, Referral } from '../../src/referral/referral';
import { TransitionRefused } from '../../src/referral/state-machine';
import { handOffNotice } from '../../src/reminders/hand-off-notice';
import { draft, freshDatabaseName } from './fixtures';
import { refusalOf } from './refusals';

const ALEX: Person = { name: 'Alex Kim', initials: 'AK' };
const BLAKE: Person = { name: 'Blake Morgan', initials: 'BM' };
const ALEX_SIGNED_IN: Person = { ...ALEX, fhirUser: 'Practitioner/alex' };

function tracked(owner?: Person): Referral {
  return {
    ...draft(),
    id: 'r1',
    dedupeKey: 'k',
    status: 'new',
    createdAt: 1,
    updatedAt: 1,
    version: 1,
    dates: {},
    outreach: [],
    records: [],
    history: [{ at: 1, by: owner?.initials ?? '', kind: 'created', to: 'new' }],
    ...(owner && { owner }),
  };
}

describe('samePerson', () => {
  it.each([
    ['the same name, spaced and cased apart', ALEX, { name: ' alex  KIM ', initials: 'ak' }, true],
    ['another name', ALEX, BLAKE, false],
    [
      'one FHIR identity under two spellings of the name',
      ALEX_SIGNED_IN,
      { name: 'A. Kim', initials: 'AK', fhirUser: 'Practitioner/alex' },
      true,
    ],
    [
      'two FHIR identities under one name',
      ALEX_SIGNED_IN,
      { ...ALEX, fhirUser: 'Practitioner/other' },
      false,
    ],
    ['a signed-in and a named coordinator of one name', ALEX_SIGNED_IN, ALEX, true],
    ['nobody', ALEX, undefined, false],
    [
      'two names that differ only by a space',
      { name: 'Mary Ann Lee', initials: 'ML' },
      { name: 'Maryann Lee', initials: 'ML' },
      false,
    ],
    // Case is folded letter for letter: "ß" is not "SS" in upper case, so two spellings stay two
    // people, as a directory would list them.
    [
      '"Strauß" and "STRAUSS"',
      { name: 'Jana Strauß', initials: 'JS' },
      { name: 'JANA STRAUSS', initials: 'JS' },
      false,
    ],
    [
      '"Strauß" and "STRAUß"',
      { name: 'Jana Strauß', initials: 'JS' },
      { name: 'JANA STRAUß', initials: 'JS' },
      true,
    ],
  ] as const)('%s', (_, a, b, same) => {
    expect(samePerson(a, b)).toBe(same);
    expect(samePerson(b, a)).toBe(same);
  });
});

describe('ownershipOf', () => {
  it('tells mine, a colleague’s and unassigned apart; with nobody known every owner is a colleague', () => {
    expect(ownershipOf(tracked(ALEX), ALEX)).toBe('mine');
    expect(ownershipOf(tracked(ALEX), BLAKE)).toBe('colleague');
    expect(ownershipOf(tracked(), BLAKE)).toBe('unassigned');
    expect(ownershipOf(tracked(ALEX), undefined)).toBe('colleague');
  });
});

describe('handOff', () => {
  it('gives the referral to a colleague, with the note in the history', () => {
    const handed = handOff(BLAKE, 50, 'AK', 'Call after 3 pm')(tracked(ALEX));
    expect(handed.owner).toEqual(BLAKE);
    expect(handed.history.at(-1)).toEqual({
      at: 50,
      by: 'AK',
      kind: 'hand-off',
      owner: 'Blake Morgan',
      note: 'Call after 3 pm',
    });
  });

  it('claims an unassigned referral, and gives one back to the team', () => {
    const claimed = handOff(BLAKE, 50, 'BM')(tracked());
    expect(claimed.owner).toEqual(BLAKE);
    expect(claimed.history.at(-1)).toEqual({ at: 50, by: 'BM', kind: 'hand-off', owner: 'Blake Morgan' });
    const released = handOff(undefined, 60, 'BM')(claimed);
    expect(released).not.toHaveProperty('owner');
    expect(released.history.at(-1)).toEqual({ at: 60, by: 'BM', kind: 'hand-off' });
  });

  it('refuses a hand-off that changes nothing, so a second click is not recorded twice', () => {
    expect(() => handOff(ALEX, 50, 'AK')(tracked(ALEX))).toThrow(TransitionRefused);
    expect(() => handOff(undefined, 50, 'AK')(tracked())).toThrow(TransitionRefused);
    // The coordinator is told why: whose it already is, or that nobody has it.
    expect(refusalOf(() => handOff(ALEX, 50, 'AK')(tracked(ALEX)))).toBe(
      "This referral is Alex Kim's already.",
    );
    expect(refusalOf(() => handOff(undefined, 50, 'AK')(tracked()))).toBe(
      'This referral is unassigned already.',
    );
  });
});

describe('handOffToRead', () => {
  it('is the colleague’s hand-off to me, not my own claim, and nothing once it is someone else’s', () => {
    const toBlake = handOff(BLAKE, 50, 'AK', 'Interpreter needed')(tracked(ALEX));
    expect(handOffToRead(toBlake, BLAKE)).toMatchObject({ by: 'AK', note: 'Interpreter needed' });
    expect(handOffToRead(toBlake, ALEX)).toBeUndefined();
    expect(handOffToRead(handOff(BLAKE, 50, 'BM')(tracked()), BLAKE)).toBeUndefined();
    expect(handOffToRead(tracked(BLAKE), BLAKE)).toBeUndefined();
  });

  it('is nothing for a colleague’s referral another colleague handed on, or for my own claim made by name', () => {
    const CASEY: Person = { name: 'Casey Diaz', initials: 'CD' };
    expect(handOffToRead(handOff(BLAKE, 50, 'CD')(tracked(ALEX)), ALEX)).toBeUndefined();
    expect(handOffToRead(handOff(CASEY, 50, 'AK')(tracked(ALEX)), BLAKE)).toBeUndefined();
    expect(handOffToRead(handOff(BLAKE, 50, 'Blake Morgan')(tracked()), BLAKE)).toBeUndefined();
  });

  it('stays the hand-off after the new owner or others add to the history', () => {
    const handed = handOff(BLAKE, 50, 'AK', 'Interpreter needed')(tracked(ALEX));
    const noted = {
      ...handed,
      history: [...handed.history, { at: 60, by: 'CD', kind: 'note' as const, note: 'Fax sent' }],
    };
    expect(handOffToRead(noted as Referral, BLAKE)).toMatchObject({
      kind: 'hand-off',
      by: 'AK',
      note: 'Interpreter needed',
    });
  });
});

describe('withColleagues', () => {
  it('keeps one entry a person, the newest details, sorted by name, and no more than the cap', () => {
    const people = withColleagues(
      [BLAKE, ALEX],
      [undefined, ALEX_SIGNED_IN, { name: 'blake morgan', initials: 'BM' }],
    );
    expect(people).toEqual([ALEX_SIGNED_IN, { name: 'blake morgan', initials: 'BM' }]);
    const many = Array.from({ length: MAX_COLLEAGUES + 20 }, (_, n) => ({
      name: `Person ${n}`,
      initials: 'P',
    }));
    expect(withColleagues([], many)).toHaveLength(MAX_COLLEAGUES);
    // Colleagues remembered before are kept when a sync sees others.
    expect(withColleagues([BLAKE], [ALEX])).toEqual([ALEX, BLAKE]);
  });

  it('labels a person by name, with initials when they say more', () => {
    expect(personLabel(ALEX)).toBe('Alex Kim (AK)');
    expect(personLabel({ name: 'AK', initials: 'AK' })).toBe('AK');
  });
});

describe('the queue filtered by owner', () => {
  it('shows mine or the unassigned ones; "mine" with nobody known shows nothing', async () => {
    const queue = new ReferralQueue(await openHandoffDatabase(freshDatabaseName()));
    const owners = [ALEX, BLAKE, undefined];
    for (const [n, owner] of owners.entries()) {
      await queue.track(draft({ orderNumber: `ORD-${n}` }), DEFAULT_CONFIG, '', false, (referral) => ({
        ...referral,
        ...(owner && { owner }),
      }));
    }
    const names = async (owner: 'mine' | 'unassigned', me?: Person) =>
      (
        await queryQueue(queue.database, QueueQuery.parse({ owner }), Date.now(), DEFAULT_CONFIG, me)
      ).referrals.map((referral) => referral.orderNumber);
    expect(await names('mine', ALEX)).toEqual(['ORD-0']);
    expect(await names('mine', BLAKE)).toEqual(['ORD-1']);
    expect(await names('unassigned', ALEX)).toEqual(['ORD-2']);
    expect(await names('mine')).toEqual([]);
  });
});

describe('overdue notices on a team queue', () => {
  it('announce my overdue referrals and the unassigned ones, never a colleague’s', async () => {
    const queue = new ReferralQueue(await openHandoffDatabase(freshDatabaseName()));
    for (const [n, owner] of [ALEX, BLAKE, undefined].entries()) {
      const { referral } = await queue.track(
        draft({
          orderNumber: `ORD-${n}`,
          receiving: { specialty: ['Cardiology', 'Dermatology', 'Neurology'][n] },
        }),
        DEFAULT_CONFIG,
        '',
        false,
        (tracked) => ({ ...tracked, ...(owner && { owner }) }),
      );
      await queue.update(
        referral.id,
        undefined,
        callBackAt(Date.now() - 60_000, Date.now(), 'AK'),
        DEFAULT_CONFIG,
      );
    }
    await sweepOverdue(queue, null, concernsMe(ALEX));
    const shown = (await fakeBrowser.notifications.getAll()) as Record<
      string,
      { title: string; message: string }
    >;
    expect(shown[OVERDUE_NOTIFICATION]?.title).toBe('2 referrals need follow-up');
    expect(shown[OVERDUE_NOTIFICATION]?.message).toMatch(/Cardiology/);
    expect(shown[OVERDUE_NOTIFICATION]?.message).toMatch(/Neurology/);
    expect(shown[OVERDUE_NOTIFICATION]?.message).not.toMatch(/Dermatology/);
    // The colleague's is not announced here later either: it was news for their screen.
    await fakeBrowser.notifications.clear(OVERDUE_NOTIFICATION);
    await sweepOverdue(queue, null, concernsMe(ALEX));
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });
});

describe('handOffNotice', () => {
  const text = {
    titleOne: 'A referral was handed to you',
    titleMany: (count: number) => `${count} referrals were handed to you`,
    line: (what: string, who: string, from: string) => `${what} for ${who}, from ${from}`,
    genericReferral: 'Referral',
  };

  it('names the one referral by initials, never the note, and opens it', () => {
    const referral = handOff(BLAKE, 50, 'AK', 'Patient is anxious about cost')(tracked(ALEX));
    const notice = handOffNotice([referral], BLAKE, text);
    expect(notice).toEqual({
      title: 'A referral was handed to you',
      message: 'Cardiology for A. Q., from AK',
      referralId: 'r1',
    });
  });

  it('groups several, and says nothing of referrals given to others or claimed by me', () => {
    const toMe = handOff(BLAKE, 50, 'AK')(tracked(ALEX));
    const toOther = handOff(ALEX, 50, 'BM')(tracked(BLAKE));
    const claimed = handOff(BLAKE, 50, 'BM')(tracked());
    expect(handOffNotice([toOther, claimed], BLAKE, text)).toBeUndefined();
    const notice = handOffNotice([toMe, { ...toMe, id: 'r2' }, toOther], BLAKE, text);
    expect(notice?.title).toBe('2 referrals were handed to you');
    expect(notice).not.toHaveProperty('referralId');
  });
});
