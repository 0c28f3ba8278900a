import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { watchLocation } from '../src/content/location-watch';
import { PanelFrame } from '../src/content/panel-frame';
import { watchReferralScreen } from '../src/content/referral-watch';
import { type Detection, detectReferral, readFieldsAnyway } from '../src/detection/detect-referral';
import { CONFIGURED_PROFILES_KEY, loadProfiles } from '../src/detection/profile-store';
import { draftFromDetection } from '../src/detection/to-draft';
import { t } from '../src/i18n';
import { isPanelCommand, typedSender } from '../src/messages';

/**
 * The content script on EHR pages, registered in wxt.config.ts (demo EHR) and by the background
 * (the EHR sites policy or the coordinator enables). It is built as a plain script rather than a
 * WXT content script on purpose: WXT's content-script context announces itself to the page
 * (`window.postMessage` and a `document` event, `…:content-script-started`) and stops itself when
 * a page dispatches that event, so any page could see Handoff and switch its panel off. Nothing
 * here posts to the page or listens to events the page can dispatch.
 */
export default defineUnlistedScript({
  async main() {
    // A panel the coordinator opened by hand stays until they leave the page.
    let manual = false;
    const send = typedSender((message) => browser.runtime.sendMessage(message));
    const panel = new PanelFrame(() => {
      manual = false;
    });
    let profiles = await loadProfiles(browser.storage.local);
    let latest = 0;

    const detected = async (detection: Detection | null) => {
      const turn = ++latest;
      if (!detection) {
        if (!manual) panel.hide();
        return;
      }
      const pageUrl = location.href;
      const status = await send({
        type: 'page-status',
        pageUrl,
        draft: draftFromDetection(detection, pageUrl),
      }).catch(() => ({ dismissed: false, referral: undefined }));
      if (turn !== latest) return;
      // The same answer says whether it is already tracked: the panel need not ask again.
      if (status.dismissed) panel.hide();
      else panel.show(detection, false, pageUrl, status.referral);
    };

    const watch = watchReferralScreen({
      root: document.documentElement,
      detect: () => (manual ? null : detectReferral(document, location.href, profiles)),
      onChange: (detection) => void detected(detection),
      stillShown: () => !panel.isShown || panel.isOnPage,
    });
    // Single-page EHRs change the URL without a page load: look again on every in-app navigation.
    watchLocation(() => {
      manual = false;
      watch.restart();
    });

    browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id || !isPanelCommand(message)) return;
      if (message.type === 'toggle-panel') {
        if (panel.isShown) panel.toggleCollapsed();
        return;
      }
      manual = true;
      const fields = readFieldsAnyway(document, location.href, profiles);
      panel.show(
        { profile: { id: 'manual', name: t('manualProfile') }, score: 0, cues: [], fields },
        true,
        location.href,
      );
    });

    // A profile the admin changes applies to open tabs without a reload.
    browser.storage.onChanged.addListener(async (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(CONFIGURED_PROFILES_KEY in changes)) return;
      profiles = await loadProfiles(browser.storage.local);
      watch.restart();
    });
  },
});
