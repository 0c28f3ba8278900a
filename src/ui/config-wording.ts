import { t } from '../i18n';
import type { EvidenceWords } from '../panel-config/checklist';
import type { ThreeSecondWords } from '../panel-config/scripts';
import { codeKey } from './labels';

/** Checklist evidence in the coordinator's language. */
export const evidenceWords: EvidenceWords = {
  field: (field) => t(codeKey('checkField', field)),
  found: (field, value) => t('evidenceFound', [field, value]),
  notFound: (fields) => t('evidenceNotFound', fields.join(', ')),
  notFoundAny: (fields) => t('evidenceNotFoundAny', fields.join(t('evidenceOr'))),
  badPattern: (field) => t('evidenceBadPattern', field),
  wrongFormat: (field) => t('evidenceWrongFormat', field),
  onPage: t('evidenceOnPage'),
  notOnPage: t('evidenceNotOnPage'),
  confirmed: t('evidenceConfirmed'),
  confirmedNotOnPage: t('evidenceConfirmedNotOnPage'),
};

/** The 3-second check's problems in the coordinator's language. */
export const threeSecondWords: ThreeSecondWords = {
  emptyOpening: t('threeSecondEmptyOpening'),
  longOpening: (words, budget) => t('threeSecondLongOpening', [String(words), String(budget)]),
  emptyStep: t('threeSecondEmptyStep'),
  emptyHelp: t('threeSecondEmptyHelp'),
  noReach: t('threeSecondNoReach'),
};
