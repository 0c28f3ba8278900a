import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readDetectionSettings, touchesDetectionSettings } from '../src/content/detection-settings';
import { noteDetection, noteSettled } from '../src/content/detection-signal';
import { watchLocation } from '../src/content/location-watch';
import { pageStatusFlow } from '../src/content/page-status-flow';
import { PanelFrame } from '../src/content/panel-frame';
import { watchReferralScreen } from '../src/content/referral-watch';
import { detectionSteps, hasRow, readFieldsAnyway } from '../src/detection/detect-referral';
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
    const panel = new PanelFrame(
      () => {
        manual = false;
      },
      (row) => {
        const same = watch.confirm();
        // A row of a list is still there when the list has it, whatever else changed in the list.
        return row === undefined ? same : hasRow(watch.current(), row);
      },
    );
    let { profiles, locale } = await readDetectionSettings(browser.storage.local);
    const flow = pageStatusFlow({
      prepare: () => panel.prepare(),
      ask: (detection, pageUrl) =>
        send({ type: 'page-status', pageUrl, draft: draftFromDetection(detection, pageUrl) }),
      show: (detection, pageUrl, status) => panel.show(detection, false, pageUrl, status),
      hide: () => panel.hide(),
      gone: () => {
        if (!manual) panel.hide();
      },
      conclude: noteDetection,
    });

    const watch = watchReferralScreen({
      root: document.documentElement,
      detect: function* () {
        if (manual) return null;
        const detection = yield* detectionSteps(document, location.href, profiles, locale);
        if (!detection) noteDetection('none', location.href);
        return detection;
      },
      onChange: (detection) => void flow.detected(detection, location.href),
      stillShown: () => !panel.isShown || panel.isOnPage,
      ownChange: (node) => panel.placedItself(node),
      onSettled: () => noteSettled(location.href),
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
      // A referral screen marked "not a referral": its own panel comes back, offering to undo that.
      const dismissedHere = flow.dismissedAt(location.href);
      if (dismissedHere) {
        panel.show(dismissedHere.detection, false, location.href, dismissedHere.status);
        return;
      }
      const read = readFieldsAnyway(document, location.href, profiles, locale);
      panel.show(
        { profile: { id: 'manual', name: t('manualProfile') }, score: 0, cues: [], ...read },
        true,
        location.href,
      );
    });

    // A profile or locale the admin changes applies to open tabs without a reload.
    browser.storage.onChanged.addListener(async (changes: Record<string, unknown>, area: string) => {
      if (!touchesDetectionSettings(changes, area)) return;
      ({ profiles, locale } = await readDetectionSettings(browser.storage.local));
      watch.restart();
    });
  },
});
