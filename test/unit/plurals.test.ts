import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import { tCount } from '../../src/i18n';
import { getMessageFrom } from './i18n-catalogue';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

function speak(catalogue: object, language: string) {
  Object.assign(fakeBrowser.i18n, { getMessage: getMessageFrom(catalogue), getUILanguage: () => language });
}

describe('counts in messages', () => {
  it('says "1 required item missing" and "1 attempt" in English, and the plural for other counts', () => {
    speak(en, 'en-US');
    expect(tCount('packetMissing', 1)).toBe('1 required item missing.');
    expect(tCount('packetMissing', 2)).toBe('2 required items missing.');
    expect(tCount('panelLastOutreach', 1, 'No answer')).toBe('1 attempt, last: No answer.');
    expect(tCount('panelLastOutreach', 3, 'No answer')).toBe('3 attempts, last: No answer.');
    expect(tCount('outreachAttempts', 1, ['Reached', 'Mon'])).toBe('1 attempt. Last: Reached, Mon.');
    expect(tCount('outreachAttempts', 0, ['Reached', 'Mon'])).toBe('0 attempts. Last: Reached, Mon.');
  });

  it('follows the Spanish plural rules in Spanish', () => {
    speak(es, 'es');
    expect(tCount('packetMissing', 1)).toBe('Falta 1 elemento obligatorio.');
    expect(tCount('packetMissing', 2)).toBe('Faltan 2 elementos obligatorios.');
    expect(tCount('panelLastOutreach', 1, 'Sin respuesta')).toBe('1 intento, último: Sin respuesta.');
    expect(tCount('scriptGaps', 1)).toMatch(/^Falta 1 dato/);
  });

  it('gives every singular form the placeholders of its plural, in both languages', () => {
    for (const catalogue of [en, es] as Catalogue[]) {
      for (const key of Object.keys(catalogue).filter((name) => name.endsWith('One'))) {
        const plural = catalogue[key.slice(0, -'One'.length)];
        if (!plural) continue;
        expect(Object.keys(catalogue[key]?.placeholders ?? {}), key).toEqual(
          Object.keys(plural.placeholders ?? {}),
        );
      }
    }
  });

  it('has a singular form for every English message that counts things in the plural', () => {
    // "$COUNT$ attempts", "$COUNT$ required items": a count followed by plural nouns needs a `…One`
    // form, or a caller that says why the count is never one. These are never one.
    const neverOne = new Set([
      'qvStatesSome', // two or more states chosen
      'qvAgeDays', // one day has its own key (qvAgeOneDay)
      'overdueTitleMany', // one overdue referral has its own title
      'overdueMore', // "and 3 more"
      'metricsBusinessDays', // a median or percentile: 1.5 business days
      'metricsPeriodSummary',
      'optionsListOf',
      'ruleListLabel', // three or more
      'teamQueueErrorCount', // shown only above one
      'qvCaption',
    ]);
    const counting = Object.entries(en as Catalogue).filter(
      ([key, { message }]) => /\$COUNT\$ (?:[a-z-]+ )?[a-z]+s\b/.test(message) && !key.endsWith('One'),
    );
    const missing = counting
      .map(([key]) => key)
      .filter((key) => !neverOne.has(key) && !(`${key}One` in en) && !key.endsWith('Many'));
    expect(missing).toEqual([]);
  });
});
