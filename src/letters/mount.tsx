import { render } from 'preact';
import { browser } from 'wxt/browser';
import { DEFAULT_CONFIG } from '../config/schema';
import { t } from '../i18n';
import { typedSender } from '../messages';
import { readItem, storageItems } from '../storage-items';
import { type PrintKind, PrintPage } from './PrintPage';
import './print.css';

const send = typedSender((message) => browser.runtime.sendMessage(message));

/** The organisation's effective configuration as the background published it. */
const loadConfig = async () =>
  (await readItem(browser.storage.local, storageItems.configStatus))?.config ?? DEFAULT_CONFIG;

export function mountPrintPage(): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const params = new URLSearchParams(location.search);
  const kind: PrintKind = params.get('doc') === 'cover' ? 'cover' : 'letter';
  document.title = `${t(kind === 'cover' ? 'coverTitle' : 'printLetter')} · ${t('extensionName')}`;
  const app = document.getElementById('app');
  if (!app) return;
  render(
    <PrintPage send={send} id={(params.get('id') ?? '').slice(0, 64)} kind={kind} loadConfig={loadConfig} />,
    app,
  );
}
