import {
  type Detection,
  detectReferral,
  type FieldsRead,
  readFieldsAnyway,
} from '../detection/detect-referral';
import type { EhrProfile } from '../detection/ehr-profile';
import { matchesUrl } from '../detection/match-url';
import type { ReadingLocale } from '../detection/reading-locale';

/** What one profile makes of one frame of a page: the admin's view of a profile under test. */
export interface ProbeResult extends FieldsRead {
  url: string;
  top: boolean;
  /** The profile's `matches` cover this address; otherwise detection never tries it here. */
  urlMatches: boolean;
  /** Recognised as a single referral: the score and the cues that fired. */
  detection: Pick<Detection, 'score' | 'cues'> | null;
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
  const detection = detectReferral(document, url, [profile], locale);
  const { fields, toCheck, phoneCountry } = detection ?? readFieldsAnyway(document, url, [profile], locale);
  return {
    url,
    top,
    urlMatches: matchesUrl(profile.matches, url),
    detection: detection && { score: detection.score, cues: detection.cues },
    fields,
    toCheck,
    phoneCountry,
  };
}
