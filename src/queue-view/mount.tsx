import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { typedSender } from '../messages';
import { QUEUE_CHANGED_KEY, QUEUE_VIEW_OPENED_KEY } from '../queue/queue-changed';
import type { Layout } from './QueueResults';
import { QueueView } from './QueueView';
import './queue-view.css';

const send = typedSender((message) => browser.runtime.sendMessage(message));

/** Keeps the page's address in step with the filters, without adding history entries. */
const replaceAddress = (search: string) =>
  history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);

function watchQueue(changed: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && QUEUE_CHANGED_KEY in changes) changed();
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
  void browser.storage.session.set({ [QUEUE_VIEW_OPENED_KEY]: Date.now() });
  render(
    <QueueView
      send={send}
      layout={layout}
      search={location.search}
      onAddressChange={replaceAddress}
      headerActions={headerActions}
      watchQueue={watchQueue}
    />,
    app,
  );
}
