import type { ConfigStatus, PolicyError, SectionSource } from '../config/config-state';
import { effectiveValues } from '../config/effective-config';
import { formatDateTime, type MessageKey, t } from '../i18n';

const SOURCE_LABEL: Record<SectionSource, MessageKey> = {
  policy: 'optionsFromPolicy',
  'last-good-policy': 'optionsFromLastGood',
  default: 'optionsFromDefault',
};

/** Values longer than this are folded away behind a disclosure. */
const SHORT = 80;

function Value({ value }: { value: unknown }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  if (text.length <= SHORT && !text.includes('\n')) return <code>{text === '' ? '""' : text}</code>;
  const summary = Array.isArray(value) ? t('optionsListOf', String(value.length)) : text.slice(0, SHORT - 10);
  return (
    <details>
      <summary>{summary}</summary>
      <pre>{text}</pre>
    </details>
  );
}

/** Errors or warnings, each by the setting's path and never its value. */
function PathTable(props: { class: string; testId: string; problems: PolicyError[]; heading: string }) {
  return (
    <table class={props.class} data-testid={props.testId}>
      <thead>
        <tr>
          <th scope="col">{t('optionsPath')}</th>
          <th scope="col">{props.heading}</th>
        </tr>
      </thead>
      <tbody>
        {props.problems.map((problem) => (
          <tr key={`${problem.path}:${problem.message}`}>
            <td>
              <code>{problem.path}</code>
            </td>
            <td>{problem.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whether the latest policy applied, every error by path, and every value in force with its source. */
export function PolicyStatus({ status }: { status: ConfigStatus }) {
  const values = effectiveValues(status);
  return (
    <>
      <section aria-labelledby="policy-heading">
        <h2 id="policy-heading">{t('optionsPolicyHeading')}</h2>
        <p>{t('optionsPolicyReadAt', formatDateTime(status.readAt))}</p>
        {status.errors.length === 0 ? (
          <p data-testid="policy-ok">{t('optionsPolicyNoErrors')}</p>
        ) : (
          <>
            <p>{t('optionsPolicyErrorsIntro')}</p>
            <PathTable
              class="data errors"
              testId="policy-errors"
              problems={status.errors}
              heading={t('optionsProblem')}
            />
          </>
        )}
        {status.warnings.length > 0 && (
          <>
            <p>{t('optionsPolicyWarningsIntro')}</p>
            <PathTable
              class="data"
              testId="policy-warnings"
              problems={status.warnings}
              heading={t('optionsWarning')}
            />
          </>
        )}
        <p class="hint">{t('optionsPolicyBrowserDrops')}</p>
      </section>
      <section aria-labelledby="effective-heading">
        <h2 id="effective-heading">{t('optionsEffectiveHeading')}</h2>
        <table class="data" data-testid="effective-config">
          <thead>
            <tr>
              <th scope="col">{t('optionsSetting')}</th>
              <th scope="col">{t('optionsValue')}</th>
              <th scope="col">{t('optionsSource')}</th>
            </tr>
          </thead>
          <tbody>
            {values.map((entry) => (
              <tr key={entry.path} data-path={entry.path} data-source={entry.source}>
                <th scope="row">
                  <code>{entry.path}</code>
                </th>
                <td>
                  <Value value={entry.value} />
                </td>
                <td>{t(SOURCE_LABEL[entry.source])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
