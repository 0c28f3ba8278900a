import { withFallbackIfAsked } from '../detection/builtin-profiles';
import { type FieldsRead, judgeProfile, readFieldsAnyway, type Verdict } from '../detection/detect-referral';
import type { EhrProfile } from '../detection/ehr-profile';
import { matchesUrl } from '../detection/match-url';
import type { ReadingLocale } from '../detection/reading-locale';

/** What one profile makes of one frame of a page: the admin's view of a profile under test. */
export interface ProbeResult extends FieldsRead {
  url: string;
  top: boolean;
  /** The profile's `matches` cover this address; otherwise detection never tries it here. */
  urlMatches: boolean;
  /**
   * Recognised as a single referral (the score, the cues that fired, the rules passed), or the
   * rule that turned the page down.
   */
  verdict: Verdict;
}

/** The global the injected probe script sets in the extension's isolated world of the tab. */
export const PROBE_GLOBAL = '__handoffProbeProfile';

/**
 * What the profile reads here, recognised or not, in the organisation's locale: the values the
 * panel would show, and the values it would ask the coordinator to check.
 */
export function probeProfile(
  document: Document,
  url: string,
  top: boolean,
  profile: EhrProfile,
  locale: ReadingLocale,
): ProbeResult {
  // Tested as detection will use it, with the label readers behind its own if it asks for them.
  const tested = withFallbackIfAsked(profile);
  const verdict = judgeProfile(document, url, tested, locale);
  const { fields, toCheck, phoneCountry } =
    'recognised' in verdict ? verdict.recognised : readFieldsAnyway(document, url, [tested], locale);
  return { url, top, urlMatches: matchesUrl(profile.matches, url), verdict, fields, toCheck, phoneCountry };
}
