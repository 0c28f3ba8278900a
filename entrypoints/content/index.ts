import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PanelFrame } from '../../src/content/panel-frame';
import { watchReferralScreen } from '../../src/content/referral-watch';
import { DEMO_EHR_MATCHES } from '../../src/demo-ehr-origins';
import { type Detection, detectReferral, readFieldsAnyway } from '../../src/detection/detect-referral';
import {
  CONFIGURED_PROFILES_KEY,
  loadProfiles,
  loadReadingLocale,
  READING_LOCALE_KEY,
} from '../../src/detection/profile-store';
import { draftFromDetection } from '../../src/detection/to-draft';
import { t } from '../../src/i18n';
import { isPanelCommand, typedSender } from '../../src/messages';

export default defineContentScript({
  matches: DEMO_EHR_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  async main(ctx) {
    // A panel the coordinator opened by hand stays until they leave the page.
    let manual = false;
    const send = typedSender((message) => browser.runtime.sendMessage(message));
    const panel = new PanelFrame(() => {
      manual = false;
    });
    let profiles = await loadProfiles(browser.storage.local);
    let locale = await loadReadingLocale(browser.storage.local);
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
      detect: () => (manual ? null : detectReferral(document, location.href, profiles, locale)),
      onChange: (detection) => void detected(detection),
      stillShown: () => !panel.isShown || panel.isOnPage,
    });
    // Single-page EHRs change the URL without a page load: look again on every in-app navigation.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      manual = false;
      watch.restart();
    });

    const onCommand = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id || !isPanelCommand(message)) return;
      if (message.type === 'toggle-panel') {
        if (panel.isShown) panel.toggleCollapsed();
        return;
      }
      manual = true;
      const read = readFieldsAnyway(document, location.href, profiles, locale);
      panel.show(
        { profile: { id: 'manual', name: t('manualProfile') }, score: 0, cues: [], ...read },
        true,
        location.href,
      );
    };
    browser.runtime.onMessage.addListener(onCommand);

    // A profile or locale the admin changes applies to open tabs without a reload.
    const onStorageChanged = async (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(CONFIGURED_PROFILES_KEY in changes || READING_LOCALE_KEY in changes)) return;
      profiles = await loadProfiles(browser.storage.local);
      locale = await loadReadingLocale(browser.storage.local);
      watch.restart();
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    ctx.onInvalidated(() => {
      watch.stop();
      panel.hide();
      browser.runtime.onMessage.removeListener(onCommand);
      browser.storage.onChanged.removeListener(onStorageChanged);
    });
  },
});
