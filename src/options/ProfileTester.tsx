import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { FieldsRead } from '../detection/detect-referral';
import { EhrProfile } from '../detection/ehr-profile';
import { matchesUrl } from '../detection/match-url';
import { formatPhoneFields } from '../detection/phone-format';
import type { ReadingLocale } from '../detection/reading-locale';
import { t } from '../i18n';
import { acceptanceTexts, rejectionText } from '../ui/detection-rules';
import { PROBE_GLOBAL, type ProbeResult } from './profile-probe';

interface Tab {
  id: number;
  title: string;
  url: string;
}

type Outcome = { errors: string[] } | { results: ProbeResult[] } | { failed: string };

/** The probe runs only where Handoff itself runs, so that testing never injects anywhere else. */
async function testableTabs(patterns: string[]): Promise<Tab[]> {
  const tabs = await browser.tabs.query({});
  return tabs.flatMap((tab) =>
    tab.id !== undefined && tab.url && matchesUrl(patterns, tab.url)
      ? [{ id: tab.id, title: tab.title || tab.url, url: tab.url }]
      : [],
  );
}

async function probe(tabId: number, profile: EhrProfile, locale: ReadingLocale): Promise<ProbeResult[]> {
  const target = { tabId, allFrames: true };
  await browser.scripting.executeScript({ target, files: ['/profile-probe.js'] });
  const injected = await browser.scripting.executeScript({
    target,
    func: (global: string, tested: unknown, readIn: unknown) =>
      (globalThis as unknown as Record<string, (p: unknown, l: unknown) => unknown>)[global]?.(
        tested,
        readIn,
      ),
    args: [PROBE_GLOBAL, profile, locale],
  });
  return injected.flatMap((frame) => (frame.result ? [frame.result as ProbeResult] : []));
}

/** The fields read, and the values to check, of one referral (a page's, or one row of its list). */
function FieldsTables({ read, phoneCountry }: { read: FieldsRead; phoneCountry?: string }) {
  return (
    <>
      {Object.keys(read.fields).length > 0 ? (
        <table class="data">
          <caption>{t('optionsProbeFieldsRead')}</caption>
          <tbody>
            {Object.entries(formatPhoneFields(read.fields, phoneCountry)).map(([field, value]) => (
              <tr key={field} data-field={field}>
                <th scope="row">
                  <code>{field}</code>
                </th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('optionsProbeNoFields')}</p>
      )}
      {Object.keys(read.toCheck).length > 0 && (
        <table class="data" data-testid="probe-to-check">
          <caption>{t('optionsProbeToCheck')}</caption>
          <tbody>
            {Object.entries(read.toCheck).map(([field, check]) => (
              <tr key={field} data-field={field}>
                <th scope="row">
                  <code>{field}</code>
                </th>
                <td>{check.raw}</td>
                <td>
                  {t(check.why === 'ambiguous-date' ? 'optionsProbeAmbiguousDate' : 'optionsProbeUnread')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Results({ results }: { results: ProbeResult[] }) {
  return (
    <>
      {results.map((result, index) => (
        <article
          key={`${index}:${result.url}`}
          class="probe"
          data-recognised={String('recognised' in result.verdict)}
        >
          <h3>{result.top ? t('optionsProbeTopFrame') : t('optionsProbeFrame')}</h3>
          <p class="url">{result.url}</p>
          <p>{result.urlMatches ? t('optionsProbeUrlMatches') : t('optionsProbeUrlDoesNotMatch')}</p>
          <p data-testid="probe-verdict">
            {'recognised' in result.verdict
              ? t('optionsProbeRecognised', [
                  String(result.verdict.recognised.score),
                  result.verdict.recognised.cues.join('; '),
                ])
              : t('optionsProbeNotRecognised')}
          </p>
          <ul data-testid="probe-rules">
            {('recognised' in result.verdict
              ? acceptanceTexts(result.verdict.recognised)
              : [rejectionText(result.verdict.rejected)]
            ).map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
          {'recognised' in result.verdict && result.verdict.recognised.rows ? (
            result.verdict.recognised.rows.map((row, index) => (
              <section key={String(index)} data-testid="probe-row">
                <h4>{t('optionsProbeRow', String(index + 1))}</h4>
                <FieldsTables read={row} phoneCountry={result.phoneCountry} />
              </section>
            ))
          ) : (
            <FieldsTables read={result} phoneCountry={result.phoneCountry} />
          )}
        </article>
      ))}
    </>
  );
}

/**
 * "Test a profile on this tab": an admin pastes a profile, picks an open EHR tab, and sees what the
 * profile recognises and reads there, without releasing anything.
 */
export function ProfileTester({ patterns, locale }: { patterns: string[]; locale: ReadingLocale }) {
  const [json, setJson] = useState('');
  const [tabs, setTabs] = useState<Tab[]>();
  const [tabId, setTabId] = useState<number>();
  const [outcome, setOutcome] = useState<Outcome>();

  const loadTabs = async () => {
    const found = await testableTabs(patterns);
    setTabs(found);
    setTabId(found[0]?.id);
  };

  const run = async (event: Event) => {
    event.preventDefault();
    let input: unknown;
    try {
      input = JSON.parse(json);
    } catch {
      setOutcome({ errors: [t('optionsProbeNotJson')] });
      return;
    }
    const parsed = EhrProfile.safeParse(input);
    if (!parsed.success) {
      setOutcome({
        errors: parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || '(profile)'}: ${issue.message}`,
        ),
      });
      return;
    }
    if (tabId === undefined) return;
    try {
      setOutcome({ results: await probe(tabId, parsed.data, locale) });
    } catch {
      setOutcome({ failed: t('optionsProbeFailed') });
    }
  };

  return (
    <section aria-labelledby="tester-heading">
      <h2 id="tester-heading">{t('optionsTesterHeading')}</h2>
      <p>{t('optionsTesterIntro')}</p>
      <form onSubmit={run}>
        <label for="profile-json">{t('optionsTesterProfile')}</label>
        <textarea
          id="profile-json"
          rows={10}
          spellcheck={false}
          value={json}
          onInput={(e) => setJson(e.currentTarget.value)}
        />
        <div class="inline-form">
          <button type="button" onClick={() => void loadTabs()}>
            {t('optionsTesterFindTabs')}
          </button>
          {tabs && tabs.length === 0 && <span>{t('optionsTesterNoTabs')}</span>}
          {tabs && tabs.length > 0 && (
            <>
              <label for="tester-tab">{t('optionsTesterTab')}</label>
              <select id="tester-tab" value={tabId} onChange={(e) => setTabId(Number(e.currentTarget.value))}>
                {tabs.map((tab) => (
                  <option key={tab.id} value={tab.id}>
                    {tab.title}
                  </option>
                ))}
              </select>
              <button type="submit">{t('optionsTesterRun')}</button>
            </>
          )}
        </div>
      </form>
      <div aria-live="polite" data-testid="probe-results">
        {outcome && 'errors' in outcome && (
          <ul class="errors">
            {outcome.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        )}
        {outcome && 'failed' in outcome && <p>{outcome.failed}</p>}
        {outcome && 'results' in outcome && <Results results={outcome.results} />}
      </div>
    </section>
  );
}
