import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PanelHost } from '../../src/content/panel-host';
import { watchReferralScreen } from '../../src/content/referral-watch';
import { DEMO_EHR_MATCHES } from '../../src/demo-ehr-origins';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { detectReferral } from '../../src/detection/detect-referral';
import { typedSender } from '../../src/messages';

export default defineContentScript({
  matches: DEMO_EHR_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    const panel = new PanelHost(
      ctx,
      typedSender((message) => browser.runtime.sendMessage(message)),
    );
    const watch = watchReferralScreen({
      root: document.documentElement,
      detect: () => detectReferral(document, location.href, BUILTIN_PROFILES),
      onChange: (detection) => void (detection ? panel.show(detection) : panel.hide()),
    });
    // Single-page EHRs change the URL without a page load: look again on every in-app navigation.
    ctx.addEventListener(window, 'wxt:locationchange', () => watch.restart());
    ctx.onInvalidated(() => watch.stop());
  },
});
