import type { Detection } from '../detection/detect-referral';
import type { Rejection } from '../detection/referral-rules';
import { t, tCount } from '../i18n';

const cueList = (cues: readonly string[]) => (cues.length > 0 ? cues.join('; ') : t('ruleNoCues'));

/** The rule that turned a page down, in words an admin understands. */
export function rejectionText(rejection: Rejection): string {
  switch (rejection.rule) {
    case 'address':
      return t('ruleAddress');
    case 'required-heading':
      return t('ruleRequiredHeading', rejection.pattern);
    case 'required':
      return t('ruleRequired', rejection.selector);
    case 'forbidden':
      return t('ruleForbidden', rejection.selector);
    case 'score':
      return t('ruleScoreLow', [
        String(rejection.score),
        String(rejection.threshold),
        cueList(rejection.cues),
      ]);
    case 'list-label':
      return t('ruleListLabel', [rejection.label, String(rejection.count)]);
    case 'list-columns':
      return t('ruleListColumns', rejection.columns.join(', '));
    case 'list-rows':
      return tCount('ruleListRows', rejection.rows);
    case 'list-missing':
      return t('ruleListMissing');
    case 'content':
      return t('ruleContentMissing');
    case 'error':
      return t('ruleError');
  }
}

/** Each rule a recognised page passed, in order: score, list, content. */
export function acceptanceTexts(detection: Detection): string[] {
  const { judged } = detection;
  if (!judged) return detection.cues;
  return [
    t('ruleScoreMet', [String(detection.score), String(judged.threshold), cueList(detection.cues)]),
    detection.rows ? tCount('ruleListOf', detection.rows.length) : t('ruleOneReferral'),
    t('ruleContentRead', judged.content.join(', ')),
  ];
}
