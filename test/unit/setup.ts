import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** `browser.i18n` as Chrome resolves it: named placeholders whose content is `$1`, `$2`, … */
function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = (en as Catalogue)[key];
  if (!entry) return '';
  const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
  return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, index: string) => values[Number(index) - 1] ?? '');
  });
}

Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en-US' });

beforeEach(() => {
  fakeBrowser.reset();
});
