import { browser } from 'wxt/browser';
import type en from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** A UI string in the browser's language (English and Spanish ship; English fills gaps). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Keys that have a `…One` form for a count of one. */
export type CountKey = {
  [K in MessageKey]: `${K}One` extends MessageKey ? K : never;
}[MessageKey];

/**
 * A message about a count: the `…One` key where the UI language's plural rules (Intl.PluralRules,
 * English and Spanish: "one" for 1) call for the singular, the key itself otherwise. The count is
 * the message's first placeholder (`$1`), `rest` the ones after it.
 */
export function tCount(key: CountKey, count: number, rest: string | string[] = []): string {
  const one = new Intl.PluralRules(browser.i18n.getUILanguage()).select(count) === 'one';
  return t(one ? (`${key}One` as MessageKey) : key, [
    String(count),
    ...(Array.isArray(rest) ? rest : [rest]),
  ]);
}

export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(browser.i18n.getUILanguage(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  });
}
