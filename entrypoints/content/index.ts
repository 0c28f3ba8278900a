import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PanelHost } from '../../src/content/panel-host';
import { watchReferralScreen } from '../../src/content/referral-watch';
import { DEMO_EHR_MATCHES } from '../../src/demo-ehr-origins';
import { detectReferral } from '../../src/detection/detect-referral';
import { CONFIGURED_PROFILES_KEY, loadProfiles } from '../../src/detection/profile-store';
import { typedSender } from '../../src/messages';

export default defineContentScript({
  matches: DEMO_EHR_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  async main(ctx) {
    const panel = new PanelHost(
      ctx,
      typedSender((message) => browser.runtime.sendMessage(message)),
    );
    let profiles = await loadProfiles(browser.storage.local);
    const watch = watchReferralScreen({
      root: document.documentElement,
      detect: () => detectReferral(document, location.href, profiles),
      onChange: (detection) => void (detection ? panel.show(detection) : panel.hide()),
    });
    // Single-page EHRs change the URL without a page load: look again on every in-app navigation.
    ctx.addEventListener(window, 'wxt:locationchange', () => watch.restart());
    // A profile the admin changes applies to open tabs without a reload.
    const onStorageChanged = async (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(CONFIGURED_PROFILES_KEY in changes)) return;
      profiles = await loadProfiles(browser.storage.local);
      watch.restart();
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    ctx.onInvalidated(() => {
      watch.stop();
      browser.storage.onChanged.removeListener(onStorageChanged);
    });
  },
});
