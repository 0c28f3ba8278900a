// @vitest-environment jsdom
import { it } from 'vitest';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { detectReferral } from '../../src/detection/detect-referral';
import { loadPage } from './saved-pages';
it('try', () => {
  for (const page of ['fhir-worklist', 'referral-list', 'fhir-patient', 'schedule']) {
    const d = detectReferral(loadPage(page), `https://ehr.example.test/${page}`, BUILTIN_PROFILES);
    console.log(page, JSON.stringify(d, null, 1)?.slice(0, 1500));
  }
});
