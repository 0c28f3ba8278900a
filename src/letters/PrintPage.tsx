import { useEffect, useState } from 'preact/hooks';
import type { Config } from '../config/schema';
import { formatDateTime, t } from '../i18n';
import type { Send } from '../messages';
import type { Referral } from '../referral/referral';
import { priorityLabel } from '../ui/labels';
import { type CoverSheet, coverSheet, type PatientLetter, patientLetter } from './documents';

export type PrintKind = 'letter' | 'cover';

/** The cover sheet's three lines, worded in the coordinator's language: why, what to do, who helps. */
export function coverLines(sheet: CoverSheet) {
  return {
    why: t('coverWhy', [sheet.patient.name, sheet.to.specialty ?? t('referralGeneric')]),
    step: t('coverStep', formatDateTime(sheet.respondBy)),
    help: t('coverHelp', [sheet.from.practice, sheet.from.phone]),
  };
}

/**
 * A printable document for one referral (`print.html?id=…&doc=letter|cover`): the browser's
 * own print dialog prints it or saves it as PDF. Page text is set as text, never as markup.
 */
export function PrintPage({
  send,
  id,
  kind,
  loadConfig,
  now = Date.now(),
}: {
  send: Send;
  id: string;
  kind: PrintKind;
  loadConfig: () => Promise<Config>;
  now?: number;
}) {
  const [loaded, setLoaded] = useState<{ referral: Referral; config: Config } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([send({ type: 'get-referral', id }), loadConfig()])
      .then(([{ referral }, config]) => {
        if (!referral) setError(t('printNotFound'));
        else setLoaded({ referral, config });
      })
      .catch((failure: Error) => setError(failure.message));
  }, [send, id, loadConfig]);

  return (
    <main class="print-page">
      <div class="print-toolbar">
        <button type="button" onClick={() => window.print()} disabled={!loaded}>
          {t('printButton')}
        </button>
        <p>{t('printHint')}</p>
      </div>
      {error && <p role="alert">{t('errorPrefix', error)}</p>}
      {loaded &&
        (kind === 'letter' ? (
          <Letter letter={patientLetter(loaded.referral, loaded.config)} />
        ) : (
          <Cover sheet={coverSheet(loaded.referral, loaded.config, now)} />
        ))}
    </main>
  );
}

function Letter({ letter }: { letter: PatientLetter | undefined }) {
  if (!letter) return <p role="alert">{t('printNoLetterScript')}</p>;
  return (
    <article class="print-document" lang={letter.language}>
      {letter.notInTheirLanguage && (
        <p class="print-screen-only" role="note">
          {t('printLetterNotInLanguage')}
        </p>
      )}
      {letter.gaps.length > 0 && (
        <p class="print-screen-only" role="note">
          {t('printLetterGaps')}
        </p>
      )}
      <h1>{letter.title}</h1>
      {letter.paragraphs.map((paragraph) => (
        <p key={paragraph} class="print-paragraph">
          {paragraph}
        </p>
      ))}
    </article>
  );
}

function Cover({ sheet }: { sheet: CoverSheet }) {
  const lines = coverLines(sheet);
  const rows: [string, string | undefined][] = [
    [t('coverTo'), [sheet.to.organization, sheet.to.provider].filter(Boolean).join(' · ') || undefined],
    [
      t('coverToContact'),
      [sheet.to.phone, sheet.to.fax && t('coverFax', sheet.to.fax)].filter(Boolean).join(' · ') || undefined,
    ],
    [t('coverFrom'), [sheet.from.practice, sheet.from.phone].filter(Boolean).join(' · ')],
    [t('fieldReferringProvider'), sheet.from.referringProvider],
    [t('fieldPatient'), sheet.patient.name],
    [t('fieldDateOfBirth'), sheet.patient.dateOfBirth],
    [t('fieldMrn'), sheet.patient.mrn],
    [t('fieldOrderNumber'), sheet.referral.orderNumber],
    [t('qvOrderedOn'), sheet.referral.orderedOn],
    [t('fieldPriority'), priorityLabel(sheet.referral.priority)],
    [t('fieldReason'), sheet.referral.reason],
    [t('coverAuthorization'), sheet.authorizationNumber],
  ];
  return (
    <article class="print-document">
      <h1>{t('coverTitle')}</h1>
      <p class="cover-why">
        <strong>{lines.why}</strong>
      </p>
      <p class="cover-step">{lines.step}</p>
      <p class="cover-help">{lines.help}</p>
      <dl class="cover-facts">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h2>{t('coverEnclosed')}</h2>
      {sheet.enclosed.length > 0 ? (
        <ul class="cover-enclosed">
          {sheet.enclosed.map((item) => (
            <li key={item}>☐ {item}</li>
          ))}
        </ul>
      ) : (
        <p>{t('coverNothingListed')}</p>
      )}
    </article>
  );
}
