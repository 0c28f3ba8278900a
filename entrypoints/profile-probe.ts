import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PROBE_GLOBAL, probeProfile } from '../src/options/profile-probe';

// Injected by the options page's profile tester into the frames of the tab the admin chose, only
// when they press Test. It leaves one function behind in the extension's isolated world, which the
// tester calls with the profile and the organisation's locale; the page itself never sees it.
export default defineUnlistedScript(() => {
  Object.assign(globalThis, {
    [PROBE_GLOBAL]: (
      profile: Parameters<typeof probeProfile>[3],
      locale: Parameters<typeof probeProfile>[4],
    ) => probeProfile(document, location.href, window === window.top, profile, locale),
  });
});
