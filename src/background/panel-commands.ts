import { browser } from 'wxt/browser';
import { DEMO_EHR_MATCHES } from '../demo-ehr-origins';
import { t } from '../i18n';
import type { PanelCommand } from '../messages';

export const TRACK_PAGE_MENU = 'handoff-track-page';
export const TOGGLE_PANEL_COMMAND = 'toggle-panel';

function tell(tabId: number, command: PanelCommand, frameId?: number): void {
  // A tab without Handoff's content script (not an EHR page) simply has no one to answer.
  browser.tabs.sendMessage(tabId, command, frameId === undefined ? undefined : { frameId }).catch(() => {});
}

/**
 * "Track this page as a referral" (page and toolbar-button menus) for screens detection missed,
 * and the keyboard shortcut that shows or hides the panel.
 */
export function installPanelCommands(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: TRACK_PAGE_MENU,
      title: t('menuTrackPage'),
      contexts: ['page', 'frame', 'action'],
      documentUrlPatterns: DEMO_EHR_MATCHES,
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== TRACK_PAGE_MENU || tab?.id === undefined) return;
    tell(tab.id, { type: 'open-panel-manually' }, info.frameId ?? 0);
  });
  browser.commands.onCommand.addListener(async (command) => {
    if (command !== TOGGLE_PANEL_COMMAND) return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) tell(tab.id, { type: 'toggle-panel' });
  });
}
