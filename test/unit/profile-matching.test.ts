import { describe, expect, it } from 'vitest';
import { readDetectionSettings, touchesDetectionSettings } from '../../src/content/detection-settings';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import type { Detection } from '../../src/detection/detect-referral';
import { isValidMatchPattern, matchesUrl } from '../../src/detection/match-url';
import { unsafePatternReason } from '../../src/detection/pattern-safety';
import { draftFromDetection } from '../../src/detection/to-draft';

describe('which pages a profile applies to', () => {
  it('is any one of its match patterns', () => {
    const patterns = ['https://ehr.example.org/*', 'https://*.clinic.example/*'];
    expect(matchesUrl(patterns, 'https://north.clinic.example/referral?id=1')).toBe(true);
    expect(matchesUrl(patterns, 'https://ehr.example.org/referral')).toBe(true);
    expect(matchesUrl(patterns, 'https://other.example/referral')).toBe(false);
  });

  it('is no page at all for a pattern that is not one, or an address that is not one', () => {
    expect(isValidMatchPattern('https://ehr.example.org/*')).toBe(true);
    expect(isValidMatchPattern('ehr.example.org')).toBe(false);
    expect(matchesUrl(['ehr.example.org'], 'https://ehr.example.org/referral')).toBe(false);
    expect(matchesUrl(['<all_urls>'], 'not an address')).toBe(false);
  });
});

describe('a configured pattern', () => {
  it('is refused as invalid when it does not compile the way detection runs it', () => {
    expect(unsafePatternReason('(')).toBe('invalid');
    // Valid without the u flag, but detection runs every pattern with it.
    expect(unsafePatternReason('order\\-number')).toBe('invalid');
    expect(unsafePatternReason('order-number')).toBeUndefined();
  });
});

describe('the profiles and locale a content script reads', () => {
  const storage = (stored: Record<string, unknown>) => ({
    get: async (keys: string | string[]) =>
      Object.fromEntries([keys].flat().map((key) => [key, stored[key]])),
  });
  const read = (stored: Record<string, unknown>) => readDetectionSettings(storage(stored));
  const own = { id: 'own-ehr' };

  it('are the configured profiles before the built-in ones, and the built-in ones alone otherwise', async () => {
    expect((await read({ configuredEhrProfiles: [own] })).profiles).toEqual([own, ...BUILTIN_PROFILES]);
    expect((await read({})).profiles).toEqual(BUILTIN_PROFILES);
    expect((await read({ configuredEhrProfiles: 'damaged' })).profiles).toEqual(BUILTIN_PROFILES);
  });

  it('are the published reading locale, or none before it is published or when damaged', async () => {
    const locale = { dateOrder: 'DMY', phoneCountry: 'AU' };
    expect((await read({ readingLocale: locale })).locale).toEqual(locale);
    for (const damaged of [undefined, null, 'DMY'])
      expect((await read({ readingLocale: damaged })).locale).toEqual({});
  });

  it('are read again after a change to either, and only then', () => {
    expect(touchesDetectionSettings({ configuredEhrProfiles: {} }, 'local')).toBe(true);
    expect(touchesDetectionSettings({ readingLocale: {} }, 'local')).toBe(true);
    expect(touchesDetectionSettings({ readingLocale: {} }, 'session')).toBe(false);
    expect(touchesDetectionSettings({ panelConfig: {} }, 'local')).toBe(false);
  });
});

describe('the draft tracked from a detection', () => {
  const detection = (fields: Detection['fields']): Detection => ({
    profile: { id: 'generic', name: 'Generic' },
    score: 3,
    cues: [],
    fields,
    toCheck: {},
  });

  it('carries the referring side and the insurance the page showed', () => {
    const draft = draftFromDetection(
      detection({
        patientName: 'Avery Quinlan',
        referringProvider: 'Hannah Whitaker, MD',
        referringPractice: 'Riverbend Health Partners',
        insurancePayer: 'Blue Cross',
        insuranceMemberId: 'XJH-4471',
        authorizationNumber: 'A-77',
      }),
      'https://ehr.example.org/referral?id=1',
    );
    expect(draft.referring).toEqual({
      provider: 'Hannah Whitaker, MD',
      practice: 'Riverbend Health Partners',
    });
    expect(draft.insurance).toEqual({
      payer: 'Blue Cross',
      memberId: 'XJH-4471',
      authorizationNumber: 'A-77',
    });
    expect(draft.source).toEqual({ profileId: 'generic', pageUrl: 'https://ehr.example.org/referral?id=1' });
  });

  it('leaves the patient’s name empty for the coordinator to fill when the page showed none', () => {
    expect(draftFromDetection(detection({}), 'https://ehr.example.org/').patient.name).toBe('');
  });
});
