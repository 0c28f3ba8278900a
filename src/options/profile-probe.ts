import {
  type Detection,
  detectReferral,
  type ExtractedFields,
  readFieldsAnyway,
} from '../detection/detect-referral';
import type { EhrProfile } from '../detection/ehr-profile';
import { matchesUrl } from '../detection/match-url';

/** What one profile makes of one frame of a page: the admin's view of a profile under test. */
export interface ProbeResult {
  url: string;
  top: boolean;
  /** The profile's `matches` cover this address; otherwise detection never tries it here. */
  urlMatches: boolean;
  /** Recognised as a single referral: the score and the cues that fired. */
  detection: Pick<Detection, 'score' | 'cues'> | null;
  /** What the profile reads here, recognised or not. */
  fields: ExtractedFields;
}

/** The global the injected probe script sets in the extension's isolated world of the tab. */
export const PROBE_GLOBAL = '__handoffProbeProfile';

export function probeProfile(
  document: Document,
  url: string,
  top: boolean,
  profile: EhrProfile,
): ProbeResult {
  const detection = detectReferral(document, url, [profile]);
  return {
    url,
    top,
    urlMatches: matchesUrl(profile.matches, url),
    detection: detection && { score: detection.score, cues: detection.cues },
    fields: detection?.fields ?? readFieldsAnyway(document, url, [profile]),
  };
}
