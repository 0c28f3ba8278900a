import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { typedSender } from '../messages';
import { itemEntry, storageItems, touches } from '../storage-items';
import type { Layout } from './QueueResults';
import { QueueView } from './QueueView';
import './queue-view.css';

const send = typedSender((message) => browser.runtime.sendMessage(message));

/** Keeps the page's address in step with the filters, without adding history entries. */
const replaceAddress = (search: string) =>
  history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);

function watchQueue(changed: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (touches(changes, area, storageItems.queueChangedAt)) changed();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** Renders the queue view into an extension page (side panel or dashboard). */
export function mountQueueView(layout: Layout, headerActions?: ComponentChildren): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = `${t('queueTitle')} · ${t('extensionName')}`;
  const app = document.getElementById('app');
  if (!app) return;
  void browser.storage.session.set(itemEntry(storageItems.queueViewOpenedAt, Date.now()));
  render(
    <QueueView
      send={send}
      layout={layout}
      search={location.search}
      onAddressChange={replaceAddress}
      headerActions={headerActions}
      showToday={layout === 'narrow'}
      watchQueue={watchQueue}
    />,
    app,
  );
}
