import { useState } from 'preact/hooks';
import { escapeRegex } from '../escape-regex';
import { t, tCount } from '../i18n';
import type { PanelConfig, Script, ScriptAudience, ScriptChannel } from '../panel-config/schema';
import { SCRIPT_AUDIENCES, SCRIPT_CHANNELS } from '../panel-config/schema';
import {
  fillScript,
  gapText,
  outreachChannelOf,
  pickScripts,
  type ScriptValues,
  threeSecondCheck,
} from '../panel-config/scripts';
import { threeSecondWords } from '../ui/config-wording';
import { codeKey } from '../ui/labels';
import type { OutreachPreset } from './OutreachLog';

interface ScriptLibraryProps {
  config: PanelConfig;
  values: ScriptValues;
  /** The patient's language as the page shows it, when it names one Handoff has scripts for. */
  patientLanguage?: string;
  /** The language as the page writes it, for a language no approved script is in. */
  patientLanguageText?: string;
  /** What the page says of the patient's need for an interpreter, when it says they need one. */
  interpreterNeed?: string;
  onUse: (preset: OutreachPreset) => void;
}

const audienceKey = (audience: ScriptAudience) => codeKey('party', audience);
const channelKey = (channel: ScriptChannel) => codeKey('scriptChannel', channel);

/** Text with each missing value marked, so that no gap is read out or sent as it stands. */
function WithGaps({ text, gaps }: { text: string; gaps: readonly string[] }) {
  if (gaps.length === 0) return <>{text}</>;
  const marked = gaps.map(gapText);
  const pieces = text.split(new RegExp(`(${marked.map(escapeRegex).join('|')})`));
  return (
    <>
      {pieces.map((piece, index) =>
        marked.includes(piece) ? (
          <mark key={index} class="gap">
            {piece}
          </mark>
        ) : (
          piece
        ),
      )}
    </>
  );
}

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Some browsers refuse the async clipboard in a frame; the older command still works on a click.
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error('copy refused');
  }
}

function ScriptCard({
  script,
  values,
  budget,
  onUse,
}: {
  script: Script;
  values: ScriptValues;
  budget: number;
  onUse: ScriptLibraryProps['onUse'];
}) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const filled = fillScript(script, values);
  const check = threeSecondCheck(script, budget, threeSecondWords);
  const headingId = `script-${script.id}`;
  const copy = () =>
    copyText(filled.text).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <article class="script" aria-labelledby={headingId} data-script={script.id}>
      <h3 id={headingId}>
        <WithGaps text={filled.title} gaps={filled.gaps} />
      </h3>
      <p class="script-text">
        <WithGaps text={filled.text} gaps={filled.gaps} />
      </p>
      {filled.gaps.length > 0 && <p class="hint">{tCount('scriptGaps', filled.gaps.length)}</p>}
      {check.passes ? (
        <p class="check pass">{t('threeSecondPass', String(check.openingWords))}</p>
      ) : (
        <div class="check fail">
          <p>{t('threeSecondFail')}</p>
          <ul>
            {check.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="row">
        <button type="button" class="secondary" onClick={copy} aria-describedby={headingId}>
          {t('scriptCopy')}
        </button>
        <button
          type="button"
          class="link"
          onClick={() =>
            onUse({ party: script.audience, channel: outreachChannelOf(script.channel), scriptId: script.id })
          }
        >
          {t('scriptLogOutreach')}
        </button>
      </div>
      <p class="copied" aria-live="polite">
        {copied === 'yes' ? t('scriptCopied') : copied === 'failed' ? t('scriptCopyFailed') : ''}
      </p>
    </article>
  );
}

/** Approved scripts for one audience and channel, in the patient's language, ready to read or copy. */
export function ScriptLibrary({
  config,
  values,
  patientLanguage,
  patientLanguageText,
  interpreterNeed,
  onUse,
}: ScriptLibraryProps) {
  const languages = [...new Set(config.scripts.map((script) => script.language))];
  // The page names a language ("es"); the organisation may write its scripts for a region ("es-MX").
  const offered = (wanted: string | undefined) =>
    wanted === undefined
      ? undefined
      : (languages.find((tag) => tag === wanted) ??
        languages.find((tag) => tag.split('-')[0] === wanted.split('-')[0]));
  const patientTag = offered(patientLanguage);
  const [audience, setAudience] = useState<ScriptAudience>('patient');
  const [channel, setChannel] = useState<ScriptChannel | ''>('');
  const [language, setLanguage] = useState(patientTag ?? offered(navigator.language) ?? 'en');
  const scripts = pickScripts(config.scripts, {
    audience,
    channel: channel || undefined,
    language,
    fallbackLanguage: 'en',
  });
  return (
    <section class="scripts" aria-labelledby="scripts-heading">
      <h2 id="scripts-heading" class="sr-only">
        {t('tabScripts')}
      </h2>
      <div class="filters">
        <label>
          {t('scriptAudience')}
          <select
            value={audience}
            onChange={(event) => setAudience(event.currentTarget.value as ScriptAudience)}
          >
            {SCRIPT_AUDIENCES.map((option) => (
              <option key={option} value={option}>
                {t(audienceKey(option))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('qvChannel')}
          <select
            value={channel}
            onChange={(event) => setChannel(event.currentTarget.value as ScriptChannel | '')}
          >
            <option value="">{t('scriptAnyChannel')}</option>
            {SCRIPT_CHANNELS.map((option) => (
              <option key={option} value={option}>
                {t(channelKey(option))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('scriptLanguage')}
          <select value={language} onChange={(event) => setLanguage(event.currentTarget.value)}>
            {languages.map((tag) => (
              <option key={tag} value={tag}>
                {languageName(tag)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {patientTag && language === patientTag && (
        <p class="note">{t('scriptPatientLanguage', languageName(patientTag))}</p>
      )}
      <InterpreterPrompt
        config={config}
        languageText={patientTag ? undefined : patientLanguageText}
        need={interpreterNeed}
      />
      {scripts.length === 0 ? (
        <p>{t('scriptNone')}</p>
      ) : (
        scripts.map((script) => (
          <ScriptCard
            key={script.id}
            script={script}
            values={values}
            budget={config.threeSecondRule.openingWordBudget}
            onUse={onUse}
          />
        ))
      )}
    </section>
  );
}

/**
 * The patient needs someone to interpret: their language has no approved script (never silently
 * English), or the EHR says they need an interpreter. Names the organisation's interpreter line.
 */
function InterpreterPrompt({
  config,
  languageText,
  need,
}: {
  config: PanelConfig;
  languageText?: string;
  need?: string;
}) {
  const line = config.organization.interpreterLine ?? t('scriptInterpreterLineUnset');
  if (!languageText && !need) return null;
  return (
    <div class="interpreter-prompt" role="note">
      {languageText && <p>{t('scriptNoLanguage', [languageText.slice(0, 60), line])}</p>}
      {need && <p>{t('scriptInterpreterNeeded', [need.slice(0, 60), line])}</p>}
    </div>
  );
}

/** "Español", "English": each language in its own name, as a bilingual coordinator reads it. */
function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}
