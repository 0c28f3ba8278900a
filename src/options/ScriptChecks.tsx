import type { Config } from '../config/schema';
import { t } from '../i18n';
import { threeSecondCheck } from '../panel-config/scripts';
import { threeSecondWords } from '../ui/config-wording';

/** The 3-second check of every configured script: why, the step, who can help, within the budget. */
export function ScriptChecks({ config }: { config: Config }) {
  const budget = config.threeSecondRule.openingWordBudget;
  return (
    <section aria-labelledby="scripts-heading">
      <h2 id="scripts-heading">{t('optionsScriptsHeading')}</h2>
      <p>{t('optionsScriptsIntro', String(budget))}</p>
      <table class="data" data-testid="script-checks">
        <thead>
          <tr>
            <th scope="col">{t('optionsScript')}</th>
            <th scope="col">{t('optionsScriptLanguage')}</th>
            <th scope="col">{t('optionsScriptOpening')}</th>
            <th scope="col">{t('optionsScriptResult')}</th>
          </tr>
        </thead>
        <tbody>
          {config.scripts.map((script) => {
            const check = threeSecondCheck(script, budget, threeSecondWords);
            return (
              <tr key={script.id} data-script={script.id} data-passes={String(check.passes)}>
                <th scope="row">
                  {script.title} <code>{script.id}</code>
                </th>
                <td>{script.language}</td>
                <td>{t('optionsScriptWords', [String(check.openingWords), String(budget)])}</td>
                <td>
                  {check.passes ? (
                    t('optionsScriptPasses')
                  ) : (
                    <ul>
                      {check.problems.map((problem) => (
                        <li key={problem}>{problem}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
