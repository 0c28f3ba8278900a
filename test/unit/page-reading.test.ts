// @vitest-environment jsdom
/**
 * What one detection reads from a page (src/detection/page-reading.ts): the headings that name
 * the screen, the section a label sits in, the page's text, and the labels worth indexing.
 */
import { describe, expect, it } from 'vitest';
import { type EhrProfile, EhrProfile as EhrProfileSchema } from '../../src/detection/ehr-profile';
import { findHeading, PageReading } from '../../src/detection/page-reading';

function page(body: string, title = ''): Document {
  return new DOMParser().parseFromString(
    `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`,
    'text/html',
  );
}

const profile = (overrides: Record<string, unknown> = {}): EhrProfile =>
  EhrProfileSchema.parse({
    id: 'own',
    name: 'Own EHR',
    detect: { cues: [{ label: 'Refer to', weight: 1 }], threshold: 1 },
    fields: {},
    ...overrides,
  });

describe('the headings that name the screen', () => {
  it('reads the title, then each kind of heading, collapsed, without empty ones', () => {
    const reading = new PageReading(
      page(
        `<h2>  Patient
          summary </h2><h1>Referral</h1><h6> </h6><fieldset><legend>Priority</legend></fieldset>
         <table><caption>Orders</caption></table><div role="heading">Outgoing referral</div>
         <a aria-current="page">Referrals tab</a><span role="tab" aria-selected="true">Details</span>
         <span role="tab" aria-selected="false">History</span>`,
        ' Chart  — Avery ',
      ),
      [],
    );
    expect(reading.headings.map(({ text }) => text)).toEqual([
      'Chart — Avery',
      'Referral',
      'Patient summary',
      'Priority',
      'Orders',
      'Outgoing referral',
      'Referrals tab',
      'Details',
    ]);
    expect(reading.headings[0]?.element).toBeUndefined();
    expect(reading.headings[1]?.element?.tagName).toBe('H1');
  });

  it('reads an element with several heading roles once, the roles in document order', () => {
    const reading = new PageReading(
      page(
        '<span role="tab" aria-selected="true" aria-current="page">Referral</span><div role="heading">Later</div><a aria-current="page">Last</a>',
      ),
      [],
    );
    expect(reading.headings.map(({ text }) => text)).toEqual(['Referral', 'Later', 'Last']);
  });

  it('reads at most 1,000 characters of a heading', () => {
    const reading = new PageReading(page(`<h1>${'x'.repeat(999)}yz</h1>`, 't'.repeat(1001)), []);
    expect(reading.headings.map(({ text }) => text.length)).toEqual([1000, 1000]);
    expect(reading.headings[1]?.text.endsWith('xy')).toBe(true);
  });

  it('finds the first visible heading a pattern matches', () => {
    const reading = new PageReading(
      page('<div hidden><h1>Referral (old)</h1></div><h2>Outgoing Referral</h2><h2>Referral</h2>', 'Chart'),
      [],
    );
    expect(findHeading('^(outgoing )?referral', reading)).toBe('Outgoing Referral');
    expect(findHeading('chart', reading)).toBe('Chart');
    expect(findHeading('discharge', reading)).toBeUndefined();
  });
});

describe('the section a label sits in', () => {
  it('is the last section title before the label, not one the label is inside or after it', () => {
    const document = page(
      `<h2>Patient</h2><p><span id="phone1">Phone</span></p>
       <h2>Referred to</h2><p><span id="phone2">Phone</span></p>
       <h2 id="titled"><span id="inside">Phone</span></h2>
       <h2>Later</h2>`,
    );
    const reading = new PageReading(document, [
      profile({ fields: { patientPhone: [{ labels: ['Phone'] }] } }),
    ]);
    const at = (id: string) => reading.sectionOf(document.getElementById(id) as Element);
    expect(at('phone1')).toBe('Patient');
    expect(at('phone2')).toBe('Referred to');
    expect(at('inside')).toBe('Referred to');
  });

  it('is none before the first section title', () => {
    const document = page('<p><span id="first">Phone</span></p><h2>Patient</h2>');
    const reading = new PageReading(document, [profile()]);
    expect(reading.sectionOf(document.getElementById('first') as Element)).toBeUndefined();
  });
});

describe('the page’s text', () => {
  it('keeps words of adjacent elements apart, and reads at most 10,000 characters', () => {
    expect(new PageReading(page('<dl><dt>Category</dt><dd>Lab</dd></dl>'), [profile()]).text).toBe(
      'Category Lab',
    );
    const long = new PageReading(page(`<p>${'word '.repeat(3000)}</p>`), [profile()]).text;
    expect(long).toHaveLength(10_000);
  });
});

describe('the labels worth indexing', () => {
  const document = page(
    `<p><span>Refer to</span> Dr. Haddad</p><p><span>Specialty</span> Cardiology</p>
     <p><span>Office</span> Lakeside</p><p><span>Street</span> 1 Main St</p>
     <table><tr><th>Status</th><th>Ordered</th></tr><tr><td>Active</td><td>2026-11-20</td></tr></table>
     <p><span>Unasked</span> x</p>`,
  );
  const asked = (...profiles: EhrProfile[]) =>
    ['Refer to', 'Specialty', 'Office', 'Street', 'Status', 'Ordered', 'Unasked'].filter(
      (label) => new PageReading(document, profiles).labels.find(label).length > 0,
    );

  it('are the cue labels, the fields’ labels and columns, their combined parts, and a list’s columns', () => {
    expect(asked(profile())).toEqual(['Refer to']);
    expect(
      asked(
        profile({
          fields: {
            specialty: [{ labels: ['Specialty'] }],
            receivingOrganization: [{ column: 'Office' }],
            referringPractice: [{ combine: [{ labels: ['Street'] }, { column: 'Ordered' }] }],
          },
        }),
      ),
    ).toEqual(['Refer to', 'Specialty', 'Office', 'Street', 'Ordered']);
    expect(
      asked(
        profile({
          detect: { cues: [{ text: 'Referral', weight: 1 }], threshold: 1 },
          list: { columns: ['Specialty'], where: { column: 'Status', value: 'Active' } },
        }),
      ),
    ).toEqual(['Specialty', 'Status']);
  });

  it('are worked out once for one list of profiles, and again for another', () => {
    const profiles = [profile()];
    expect(new PageReading(document, profiles).labels.find('Refer to')).toHaveLength(1);
    expect(new PageReading(document, profiles).labels.find('Specialty')).toHaveLength(0);
    const more = [profile({ fields: { specialty: [{ labels: ['Specialty'] }] } })];
    expect(new PageReading(document, more).labels.find('Specialty')).toHaveLength(1);
  });
});
