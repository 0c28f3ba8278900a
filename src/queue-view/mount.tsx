import type { ComponentChildren } from 'preact';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import { typedSender } from '../messages';
import type { Layout } from './QueueResults';
import { QueueView } from './QueueView';
import './queue-view.css';

const send = typedSender((message) => browser.runtime.sendMessage(message));

/** Keeps the page's address in step with the filters, without adding history entries. */
const replaceAddress = (search: string) =>
  history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);

/** Renders the queue view into an extension page (side panel or dashboard). */
export function mountQueueView(layout: Layout, headerActions?: ComponentChildren): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = `${t('queueTitle')} · ${t('extensionName')}`;
  const app = document.getElementById('app');
  if (!app) return;
  render(
    <QueueView
      send={send}
      layout={layout}
      search={location.search}
      onAddressChange={replaceAddress}
      headerActions={headerActions}
    />,
    app,
  );
}
