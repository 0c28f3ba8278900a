import { describe, expect, it, vi } from 'vitest';
import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import type { HandoffRequestInput } from '../../src/messages';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import { samePatient } from '../../src/referral/patient-identity';
import { dedupeKeyOf, pageKeyOf, type Referral, separateKeyOf } from '../../src/referral/referral';
import type { ReferralDraft } from '../../src/referral/referral-draft';
import { draft, freshDatabaseName } from './fixtures';
import { DEFAULT_PLACEMENT } from './page-status-answer';

describe('the dedupe key, part by part', () => {
  it('ignores the case of the order number', () => {
    expect(dedupeKeyOf(draft({ orderNumber: 'ord-20461' }))).toBe(
      dedupeKeyOf(draft({ orderNumber: 'ORD-20461' })),
    );
  });

  it('keeps the same order number on another EHR apart', () => {
    const other = draft({
      source: { profileId: 'generic', pageUrl: 'https://ehr.other.example/ref?id=R-1001' },
    });
    expect(dedupeKeyOf(other)).not.toBe(dedupeKeyOf(draft()));
  });

  it('without an order number, gives the same patient and content the same key, and other content another', () => {
    const noOrder = () => draft({ orderNumber: undefined });
    expect(dedupeKeyOf(noOrder())).toBe(dedupeKeyOf(noOrder()));
    // Another page address within the same EHR is still the same referral.
    const elsewhere = draft({
      orderNumber: undefined,
      source: { profileId: 'generic', pageUrl: 'http://127.0.0.1:8765/chart?tab=orders' },
    });
    expect(dedupeKeyOf(elsewhere)).toBe(dedupeKeyOf(noOrder()));
    const dermatology = draft({ orderNumber: undefined, receiving: { specialty: 'Dermatology' } });
    expect(dedupeKeyOf(dermatology)).not.toBe(dedupeKeyOf(noOrder()));
  });

  it('without an order number or MRN, keeps two patients of one name apart by date of birth', () => {
    const born = (dateOfBirth: string) =>
      draft({ orderNumber: undefined, patient: { name: 'Avery Quinlan', dateOfBirth } });
    expect(dedupeKeyOf(born('1961-03-14'))).not.toBe(dedupeKeyOf(born('1984-07-02')));
  });

  // Without an order number: the same referral seen on another screen of the EHR, which may
  // write names and specialties in capitals, is still one referral.
  const noOrder = (overrides: Partial<ReferralDraft> = {}) => draft({ orderNumber: undefined, ...overrides });
  const avery = noOrder().patient;

  it('without an order number, reads the patient and the content whatever their case', () => {
    const shouted = noOrder({
      patient: { ...avery, name: 'AVERY QUINLAN', mrn: 'mrn-004512' },
      receiving: { specialty: 'CARDIOLOGY' },
      reason: 'INTERMITTENT PALPITATIONS, PLEASE EVALUATE.',
    });
    expect(dedupeKeyOf(shouted)).toBe(dedupeKeyOf(noOrder()));
  });

  it('without an order number, keeps two patients of one name and birth date apart by MRN', () => {
    const other = noOrder({ patient: { ...avery, mrn: 'MRN-009999' } });
    expect(dedupeKeyOf(other)).not.toBe(dedupeKeyOf(noOrder()));
  });

  it('without an order number or MRN, tells patients apart by name', () => {
    const named = (name: string) => noOrder({ patient: { name, dateOfBirth: avery.dateOfBirth } });
    expect(dedupeKeyOf(named('Avery Quinlan'))).not.toBe(dedupeKeyOf(named('Jordan Pike')));
  });

  it('without an order number, tells referrals apart by the date ordered and the reason', () => {
    expect(dedupeKeyOf(noOrder({ authoredOn: '2026-11-20' }))).not.toBe(dedupeKeyOf(noOrder()));
    expect(dedupeKeyOf(noOrder({ reason: 'Chest pain on exertion.' }))).not.toBe(dedupeKeyOf(noOrder()));
  });

  it('without an order number, reads only the start of a long reason, which screens may cut short', () => {
    const start = 'Intermittent palpitations for three months, worse at night, with two episodes of near-';
    const full = noOrder({ reason: `${start}fainting at work; Holter monitor report attached.` });
    const cut = noOrder({ reason: `${start}fainting…` });
    expect(dedupeKeyOf(cut)).toBe(dedupeKeyOf(full));
  });

  it('without an order number, keeps each part in its place: a word read as the specialty is not the same word read as the reason', () => {
    const only = (receiving: ReferralDraft['receiving'], reason?: string) =>
      noOrder({ receiving, authoredOn: undefined, reason });
    expect(dedupeKeyOf(only({ specialty: 'Cardiology' }))).not.toBe(dedupeKeyOf(only({}, 'Cardiology')));
    // Nor does an MRN run into the date of birth shown beside it on another patient's page.
    const patient = (mrn: string, dateOfBirth?: string) =>
      noOrder({ patient: { name: 'Avery Quinlan', mrn, dateOfBirth } });
    expect(dedupeKeyOf(patient('4512', '1961-03-14'))).not.toBe(dedupeKeyOf(patient('45121961-03-14')));
  });

  it('without an order number, works from the patient alone when the page shows no content', () => {
    const bare = (name: string) =>
      noOrder({ patient: { name }, receiving: {}, authoredOn: undefined, reason: undefined });
    expect(dedupeKeyOf(bare('Avery Quinlan'))).toBe(dedupeKeyOf(bare('avery quinlan')));
    expect(dedupeKeyOf(bare('Avery Quinlan'))).not.toBe(dedupeKeyOf(bare('Jordan Pike')));
  });
});

describe('the page a "not a referral" answer sticks to', () => {
  it('is the address without its #fragment, query included', () => {
    const page = 'https://ehr.example.org/referral?id=R-1001';
    expect(pageKeyOf(`${page}#attachments`)).toBe(pageKeyOf(page));
    expect(pageKeyOf('https://ehr.example.org/referral?id=R-1002')).not.toBe(pageKeyOf(page));
    expect(pageKeyOf('https://ehr.example.org/orders?id=R-1001')).not.toBe(pageKeyOf(page));
    expect(pageKeyOf('https://ehr.other.example/referral?id=R-1001')).not.toBe(pageKeyOf(page));
  });
});

describe('samePatient', () => {
  const avery = { name: 'Avery Quinlan', dateOfBirth: '1961-03-14', mrn: 'MRN-004512' };
  it('reads a name as a person does: case, accents, punctuation and order', () => {
    expect(samePatient(avery, { ...avery, name: 'QUINLAN, Ávery' })).toBe(true);
    expect(samePatient(avery, { ...avery, mrn: 'mrn 004512' })).toBe(true);
    expect(samePatient(avery, { ...avery, mrn: 'MRN004512' })).toBe(true);
    // Screens wrap names in punctuation and spaces: "(Quinlan, Avery.)".
    expect(samePatient(avery, { ...avery, name: ' (Quinlan, Avery.) ' })).toBe(true);
  });

  it.each([
    ['another name', { ...avery, name: 'Avery Quinn' }],
    ['a name whose words are split elsewhere', { ...avery, name: 'Aver Yquinlan' }],
    ['another date of birth', { ...avery, dateOfBirth: '1961-03-15' }],
    ['another MRN', { ...avery, mrn: 'MRN-004513' }],
    ['no date of birth shown', { name: avery.name, mrn: avery.mrn }],
    ['no MRN shown', { name: avery.name, dateOfBirth: avery.dateOfBirth }],
  ])('does not confirm %s', (_what, other) => {
    expect(samePatient(avery, other)).toBe(false);
  });

  it('folds case letter for letter: a spelling upper-casing would merge ("ß" as "SS") is another patient', () => {
    // The safe side: the panel acts only on the patient on screen.
    const strauss = { name: 'Jana Strauß', dateOfBirth: '1970-02-01', mrn: 'MRN-ß12' };
    expect(samePatient(strauss, { ...strauss, name: 'JANA STRAUSS' })).toBe(false);
    expect(samePatient(strauss, { ...strauss, mrn: 'MRN-SS12' })).toBe(false);
    expect(samePatient(strauss, { ...strauss, name: 'STRAUß, JANA', mrn: 'mrn ß12' })).toBe(true);
  });

  it('tells newborn twins apart by the number in their names', () => {
    const twin = (n: number) => ({ name: `Quinlan, Baby Girl ${n}`, dateOfBirth: '2026-11-20' });
    expect(samePatient(twin(1), twin(2))).toBe(false);
    expect(samePatient(twin(1), { ...twin(1), name: 'Baby Girl 1 QUINLAN' })).toBe(true);
  });
});

/** The background as the panel reaches it, over a fresh queue. */
async function background() {
  const db = await openHandoffDatabase(freshDatabaseName());
  const queue = new ReferralQueue(db);
  const queueChanged = vi.fn(async () => {});
  const handle = createRequestHandler({
    queue,
    dismissedPages: new DismissedPages(db),
    config: () => DEFAULT_CONFIG,
    coordinator: async () => ({ name: 'Jo Doe', initials: 'JD' }),
    queueChanged,
  });
  const ask = async (request: HandoffRequestInput) => {
    const reply = await handle(request, 'panel');
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as never;
  };
  return { queue, handle, ask, queueChanged };
}

const avery = draft();
// Another patient's page whose EHR shows the same order number (reused, or mistyped).
const blake = draft({
  source: { profileId: 'generic', pageUrl: 'http://127.0.0.1:8765/legacy/referral.asp?id=R-2002' },
  patient: { name: 'Blake Ramirez', dateOfBirth: '1990-01-20', mrn: 'MRN-009001' },
});
const status = (page: typeof avery) => ({
  type: 'page-status' as const,
  pageUrl: page.source.pageUrl,
  draft: page,
});

describe('a referral tracked apart from another patient’s under a reused order number', () => {
  // Its key is stored with it: a release that wrote the patient's part another way would no
  // longer find it, and the panel would offer to track it again.
  it('keeps the key stored with it: the patient read as a person reads them, each part in its place', () => {
    expect(separateKeyOf(draft())).toBe(
      'http://127.0.0.1:8765|order|ord-20461|patient|avery quinlan|1961-03-14|mrn004512',
    );
    expect(separateKeyOf(draft({ patient: { name: 'QUINLAN, Ávery' } }))).toBe(
      'http://127.0.0.1:8765|order|ord-20461|patient|avery quinlan||',
    );
  });
});

describe('a referral tracked before an update', () => {
  // The key is stored with each referral (test/fixtures/databases hold such records). A release
  // that made keys another way would no longer find referrals tracked before it, and the panel
  // would offer to track them a second time.
  async function storedAs(page: ReferralDraft, storedKey: string) {
    const { ask, queue } = await background();
    const tracked: { referral: Referral } = await ask({ type: 'track-referral', draft: page });
    const record = await queue.database.get('referrals', tracked.referral.id);
    if (!record) throw new Error('not stored');
    await queue.database.put('referrals', { ...record, dedupeKey: storedKey });
    return { ask, id: tracked.referral.id };
  }

  it('is found again by the key stored with it, with an order number', async () => {
    const page = draft({ orderNumber: 'ORD-30400' });
    // As version 1 stored it (test/fixtures/databases/version-1.json).
    const { ask, id } = await storedAs(page, 'http://127.0.0.1:8765|order|ord-30400');
    expect(await ask(status(page))).toEqual({
      match: 'tracked',
      id,
      dismissed: false,
      placement: DEFAULT_PLACEMENT,
    });
  });

  it('is found again by the key stored with it, without an order number, date of birth, specialty or date', async () => {
    const page = draft({
      orderNumber: undefined,
      patient: { name: 'Avery Quinlan', mrn: 'MRN-004512' },
      receiving: {},
      authoredOn: undefined,
    });
    const { ask, id } = await storedAs(
      page,
      'http://127.0.0.1:8765|patient|mrn-004512||||intermittent palpitations, please evaluate.',
    );
    expect(await ask(status(page))).toEqual({
      match: 'tracked',
      id,
      dismissed: false,
      placement: DEFAULT_PLACEMENT,
    });
  });
});

describe('a page and a queued referral must be the same patient', () => {
  it('tracks a second patient of the same name, specialty, date and reason (no order number, no MRN) apart', async () => {
    const { ask } = await background();
    const page = (dateOfBirth: string) =>
      draft({ orderNumber: undefined, patient: { name: 'Avery Quinlan', dateOfBirth } });
    const first: { referral: Referral } = await ask({ type: 'track-referral', draft: page('1961-03-14') });
    expect(await ask(status(page('1984-07-02')))).toEqual({
      match: 'none',
      dismissed: false,
      placement: DEFAULT_PLACEMENT,
    });
    const second: { referral: Referral; created: boolean } = await ask({
      type: 'track-referral',
      draft: page('1984-07-02'),
    });
    expect(second.created).toBe(true);
    expect(second.referral.id).not.toBe(first.referral.id);
  });

  it('warns about a reused order number on another patient, and tracks that page only when asked to, apart', async () => {
    const { ask, queue } = await background();
    const tracked: { referral: Referral } = await ask({ type: 'track-referral', draft: avery });
    expect(await ask(status(blake))).toEqual({
      match: 'other-patient',
      dismissed: false,
      placement: DEFAULT_PLACEMENT,
    });

    await expect(ask({ type: 'track-referral', draft: blake })).rejects.toThrow(/another patient/);
    expect(await queue.newest(10)).toHaveLength(1);

    const apart: { referral: Referral; created: boolean } = await ask({
      type: 'track-referral',
      draft: blake,
      separately: true,
    });
    expect(apart).toMatchObject({ created: true, referral: { patient: { name: 'Blake Ramirez' } } });
    expect(await ask(status(blake))).toEqual({
      match: 'tracked',
      id: apart.referral.id,
      dismissed: false,
      placement: DEFAULT_PLACEMENT,
    });
    expect(await ask(status(avery))).toEqual({
      match: 'tracked',
      id: tracked.referral.id,
      dismissed: false,
      placement: DEFAULT_PLACEMENT,
    });
    // Tracking either page again finds its own patient's referral, not the other one.
    const again: { referral: Referral } = await ask({
      type: 'track-referral',
      draft: blake,
      separately: true,
    });
    expect(again.referral.id).toBe(apart.referral.id);
  });

  it('refuses every change from a page showing another patient, and writes nothing', async () => {
    const { ask, queue, queueChanged } = await background();
    const { referral }: { referral: Referral } = await ask({ type: 'track-referral', draft: avery });
    queueChanged.mockClear();
    const onScreen = {
      name: blake.patient.name,
      dateOfBirth: blake.patient.dateOfBirth,
      mrn: blake.patient.mrn,
    };
    const { id, version } = referral;
    const changes: HandoffRequestInput[] = [
      { type: 'record-packet', id, version, onScreen, missingRequired: [], confirmed: ['consent'] },
      { type: 'change-status', id, version, onScreen, to: 'sent' },
      {
        type: 'log-outreach',
        id,
        version,
        onScreen,
        party: 'patient',
        channel: 'phone',
        outcome: 'no-answer',
      },
      { type: 'escalate', id, version, onScreen, trigger: 'clinical-question' },
    ];
    for (const change of changes) await expect(ask(change)).rejects.toThrow(/another patient/);
    expect(await queue.get(id)).toEqual(referral);
    expect(queueChanged).not.toHaveBeenCalled();
  });

  it('refuses a change from the panel that does not name the patient on screen', async () => {
    const { ask, handle, queue } = await background();
    const { referral }: { referral: Referral } = await ask({ type: 'track-referral', draft: avery });
    const reply = await handle(
      {
        type: 'record-packet',
        id: referral.id,
        version: referral.version,
        missingRequired: [],
        confirmed: [],
      },
      'panel',
    );
    expect(reply.ok).toBe(false);
    expect(await queue.get(referral.id)).toEqual(referral);
  });

  it('applies a change naming the patient on the referral', async () => {
    const { ask } = await background();
    const { referral }: { referral: Referral } = await ask({ type: 'track-referral', draft: avery });
    const { name, dateOfBirth, mrn } = avery.patient;
    const changed: { referral: Referral } = await ask({
      type: 'record-packet',
      id: referral.id,
      version: referral.version,
      onScreen: { name, dateOfBirth, mrn },
      missingRequired: [],
      confirmed: ['consent'],
    });
    expect(changed.referral.packet?.confirmed).toEqual(['consent']);
  });
});
