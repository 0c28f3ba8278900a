// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../src/background/config-reader';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { detectReferral } from '../../src/detection/detect-referral';
import { EhrProfile, type EhrProfileInput } from '../../src/detection/ehr-profile';
import { evaluateChecklist } from '../../src/panel-config/checklist';
import { Checklist, PanelConfigSchema } from '../../src/panel-config/schema';
import { runCheckPolicy } from './check-policy-run';

/** Exponential backtracking: 0.8 s on one 26-letter word, doubling with each letter. */
const EXPONENTIAL = '(\\w+\\s?)+:';
/**
 * Passes the nesting check yet is quadratic: each split of a run of digits between `\w+` and
 * `\d*` is retried (11 s on 60,000 digits, 75 ms on 4,000). Page values have their whitespace
 * collapsed, so runs of digits are what a page can feed it.
 */
const QUADRATIC = '^\\w+\\d*:';
const DIGITS = '1'.repeat(30_000);

const profile = (overrides: Partial<EhrProfileInput> = {}): EhrProfileInput => ({
  id: 'own-ehr',
  name: 'Own EHR',
  matches: ['https://ehr.example.org/*'],
  detect: { requiredHeading: 'referral', cues: [], threshold: 0 },
  fields: { reason: [{ labels: ['reason'] }] },
  ...overrides,
});

async function policyErrors(config: Record<string, unknown>) {
  const storage = {
    managed: { get: async () => config },
    local: { get: async () => ({}), set: async () => {} },
  };
  return (await new ConfigReader(storage).refresh()).errors;
}

function elapsedMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function page(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
}

describe('patterns that could freeze the EHR page are refused', () => {
  const unsafePlaces: [string, EhrProfileInput][] = [
    ['a field pattern', profile({ fields: { reason: [{ labels: ['reason'], pattern: EXPONENTIAL }] } })],
    ['a section', profile({ fields: { reason: [{ labels: ['reason'], section: '(a+)+$' }] } })],
    ['a required heading', profile({ detect: { requiredHeading: '(x*)*y', cues: [] } })],
    ['a text cue', profile({ detect: { cues: [{ text: '(\\d+,?)+$', weight: 1 }] } })],
    ['a heading cue', profile({ detect: { cues: [{ heading: '(?:(?:ab|a)+)+c', weight: 1 }] } })],
  ];
  for (const [place, unsafe] of unsafePlaces) {
    it(`in ${place} of an EHR profile (schema and the options page's profile tester)`, () => {
      const result = EhrProfile.safeParse(unsafe);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message).join()).toMatch(/unsafe regular expression/);
    });
  }

  it('in a checklist pattern', () => {
    const result = PanelConfigSchema.safeParse({
      checklists: [
        {
          id: 'own',
          name: 'Own',
          items: [{ id: 'mrn', label: 'MRN', check: { pattern: { field: 'mrn', regex: EXPONENTIAL } } }],
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join()).toMatch(/unsafe regular expression/);
  });

  it('by the policy reader, by path, keeping the rest of the policy', async () => {
    const errors = await policyErrors({
      ehrProfiles: [profile({ fields: { reason: [{ labels: ['reason'], pattern: EXPONENTIAL }] } })],
    });
    expect(errors.map((error) => error.path)).toEqual(['ehrProfiles.0.fields.reason.0.pattern']);
  });

  it('by `npm run check-policy`, which exits 1 naming the path', () => {
    const { output, status } = runCheckPolicy({
      ehrProfiles: [profile({ fields: { reason: [{ labels: ['reason'], pattern: EXPONENTIAL }] } })],
    });
    expect(status).toBe(1);
    expect(output).toMatch(/ehrProfiles\.0\.fields\.reason\.0\.pattern: .*unsafe regular expression/);
  }, 30_000);

  it('while everyday patterns and every built-in one are accepted', () => {
    for (const pattern of ['member id\\s+(\\S+)', '^([A-Z]{2}-\\d{5})', '\\b(urgent|stat)\\b', '\\p{L}+'])
      expect(
        EhrProfile.safeParse(profile({ fields: { reason: [{ labels: ['reason'], pattern }] } })).success,
        pattern,
      ).toBe(true);
    for (const builtin of BUILTIN_PROFILES) expect(EhrProfile.safeParse(builtin).success).toBe(true);
  });
});

describe('patterns run over bounded input only', () => {
  const fhirServiceRequest = (performer: string) =>
    page(
      `<h1>Service Request</h1><dl><dt>Performer</dt><dd>${performer}</dd><dt>Requester</dt><dd>Dr. Rosa Castellan</dd>` +
        '<dt>Authored On</dt><dd>2026-11-20</dd><dt>Reason Code</dt><dd>Palpitations</dd></dl>',
    );

  it('the built-in receiving-office pattern is linear on a run of 40,000 spaces', () => {
    // It retried every split of the run between the name and the spaces before a comma: seconds.
    const fhir = BUILTIN_PROFILES.find((builtin) => builtin.id === 'fhir-service-request');
    const pattern = fhir?.fields.receivingOrganization?.[0]?.pattern ?? '';
    expect(pattern).not.toBe('');
    const ms = elapsedMs(() => new RegExp(pattern, 'iu').exec(`Dr. Jordan Example${' '.repeat(40_000)}`));
    expect(ms).toBeLessThan(100);
  });

  it('still reads provider and office apart, with credentials', () => {
    const detection = detectReferral(
      fhirServiceRequest('Priya Natarajan, MD, FNP (Capital Heart &amp; Vascular)'),
      'https://ehr.example.org/sr/1',
      BUILTIN_PROFILES,
    );
    expect(detection?.fields.receivingProvider).toBe('Priya Natarajan, MD, FNP');
    expect(detection?.fields.receivingOrganization).toBe('Capital Heart & Vascular');
  });

  it('cuts a field value before a configured pattern runs over it', () => {
    const own = EhrProfile.parse(
      profile({ fields: { reason: [{ labels: ['reason'], pattern: QUADRATIC }] } }),
    );
    const document = page(`<h1>Referral</h1><table><tr><td>Reason</td><td>${DIGITS}</td></tr></table>`);
    let detection: ReturnType<typeof detectReferral> = null;
    const ms = elapsedMs(() => {
      detection = detectReferral(document, 'https://ehr.example.org/r/1', [own]);
    });
    expect(ms).toBeLessThan(1000);
    // No colon, so the pattern keeps nothing and the page reads as no referral, quickly.
    expect(detection).toBeNull();
  });

  it('cuts the page text before a text cue runs over it', () => {
    const own = EhrProfile.parse(
      profile({ detect: { requiredHeading: 'referral', cues: [{ text: QUADRATIC, weight: 1 }] } }),
    );
    // The page's words start with the digits, where the anchored pattern begins.
    // 60,000 digits: 11 s unbounded; the page text is cut to 10,000 characters, a few hundred ms.
    const document = page(`<p>${DIGITS.repeat(2)}</p><h1>Referral</h1><p>Reason: Palpitations</p>`);
    const ms = elapsedMs(() => detectReferral(document, 'https://ehr.example.org/r/1', [own]));
    expect(ms).toBeLessThan(2000);
  });

  it('cuts a checklist value before its pattern runs', () => {
    const checklist = Checklist.parse({
      id: 'own',
      name: 'Own',
      items: [{ id: 'reason', label: 'Reason', check: { pattern: { field: 'reason', regex: QUADRATIC } } }],
    });
    let results: ReturnType<typeof evaluateChecklist> = [];
    const ms = elapsedMs(() => {
      results = evaluateChecklist(checklist, { reason: DIGITS }, () => false);
    });
    expect(results.map((result) => result.state)).toEqual(['missing']);
    expect(ms).toBeLessThan(1000);
  });
});
