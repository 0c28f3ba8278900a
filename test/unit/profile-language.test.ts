/**
 * The profile language is strict: a key Handoff does not know is an error wherever a profile is
 * read (the schema the tester uses, the policy reader, `npm run check-policy`), never ignored, so a
 * typo cannot silently remove a requirement. Profiles already deployed keep working.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../src/background/config-reader';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { EhrProfile, type EhrProfileInput } from '../../src/detection/ehr-profile';
import { runCheckPolicy } from './check-policy-run';

const profile = (overrides: Record<string, unknown> = {}): EhrProfileInput =>
  ({
    id: 'own-ehr',
    name: 'Own EHR',
    matches: ['https://ehr.example.org/*'],
    detect: { requiredHeading: 'referral', cues: [{ label: 'refer to', weight: 1 }], threshold: 1 },
    fields: { reason: [{ labels: ['reason'] }] },
    ...overrides,
  }) as EhrProfileInput;

/** The misspellings an admin makes, each where it would otherwise have been dropped. */
const TYPOS: [what: string, given: EhrProfileInput, path: string, message: RegExp][] = [
  [
    'requireHeading',
    profile({ detect: { requireHeading: 'referral', cues: [], threshold: 0 } }),
    'detect',
    /unknown key "requireHeading" \(did you mean "requiredHeading"\?\)/,
  ],
  [
    'normalize',
    profile({ fields: { reason: [{ labels: ['reason'], normalize: 'text' }] } }),
    'fields.reason.0',
    /unknown key "normalize" \(did you mean "normalise"\?\)/,
  ],
  [
    'a cue key',
    profile({ detect: { cues: [{ label: 'refer to', weight: 1, wieght: 2 }], threshold: 1 } }),
    'detect.cues.0',
    /unknown key "wieght" \(did you mean "weight"\?\)/,
  ],
  [
    'a field name',
    profile({ fields: { dob: [{ labels: ['DOB'] }] } }),
    'fields',
    /not a field Handoff reads: "dob"/,
  ],
  [
    'a locale key',
    profile({ locale: { dateorder: 'DMY' } }),
    'locale',
    /unknown key "dateorder" \(did you mean "dateOrder"\?\)/,
  ],
  ['a top-level key', profile({ colour: 'blue' }), '', /unknown key "colour"/],
];

async function policyErrors(config: Record<string, unknown>) {
  const storage = {
    managed: { get: async () => config },
    local: { get: async () => ({}), set: async () => {} },
  };
  return (await new ConfigReader(storage).refresh()).errors;
}

describe('unknown keys in a profile are errors', () => {
  it.each(TYPOS)('%s, in the schema the profile tester checks with', (_what, given, path, message) => {
    const result = EhrProfile.safeParse(given);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((found) => found.path.join('.') === path);
    expect(issue?.message).toMatch(message);
  });

  it('in the policy reader, by path', async () => {
    const errors = await policyErrors({
      ehrProfiles: TYPOS.map(([, given], index) => ({ ...given, id: `own-ehr-${index}` })),
    });
    expect(errors.map((error) => error.path)).toEqual(
      TYPOS.map(([, , path], index) => [`ehrProfiles`, index, path].filter((part) => part !== '').join('.')),
    );
  });

  it('in `npm run check-policy`, which exits 1', () => {
    const { output, status } = runCheckPolicy({ ehrProfiles: [TYPOS[0]?.[1]] });
    expect(status).toBe(1);
    expect(output).toMatch(/ehrProfiles\.0\.detect: unknown key "requireHeading"/);
  }, 30_000);
});

describe('profiles already written keep working', () => {
  it('the built-in profiles and every profile in the ready policy files', () => {
    const ready = JSON.parse(readFileSync('docs/policy/handoff-config.json', 'utf8')) as {
      ehrProfiles: unknown[];
    };
    expect(ready.ehrProfiles.length).toBeGreaterThan(0);
    for (const given of [...BUILTIN_PROFILES, ...ready.ehrProfiles]) {
      const result = EhrProfile.safeParse(given);
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });
});
