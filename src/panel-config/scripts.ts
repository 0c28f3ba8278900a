import { escapeRegex } from '../escape-regex';
import type { OUTREACH_CHANNELS } from '../referral/referral';
import { PLACEHOLDER_PATTERN } from './placeholders';
import type { Script, ScriptAudience, ScriptChannel, ScriptPlaceholder } from './schema';

export type ScriptValues = Partial<Record<ScriptPlaceholder, string | undefined>>;

export interface FilledScript {
  title: string;
  text: string;
  /** Placeholders that had no value, in order of first use; each shows as "[patient first name]". */
  gaps: string[];
}

export interface ThreeSecondCheck {
  passes: boolean;
  openingWords: number;
  problems: string[];
}

function primarySubtag(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? '';
}

function inLanguage(scripts: readonly Script[], language: string): Script[] {
  const exact = scripts.filter((s) => s.language.toLowerCase() === language.toLowerCase());
  if (exact.length > 0) return exact;
  // "es-MX" on the page and "es" scripts (or the reverse) are the same language to a patient.
  return scripts.filter((s) => primarySubtag(s.language) === primarySubtag(language));
}

/**
 * The organisation's scripts for one audience (and channel, when given) in the patient's
 * language, or in the fallback language when there are none in theirs. Organisation order is kept.
 */
export function pickScripts(
  scripts: readonly Script[],
  wanted: { audience: ScriptAudience; channel?: ScriptChannel; language?: string; fallbackLanguage?: string },
): Script[] {
  const candidates = scripts.filter(
    (s) => s.audience === wanted.audience && (wanted.channel === undefined || s.channel === wanted.channel),
  );
  const inTheirs = wanted.language ? inLanguage(candidates, wanted.language) : [];
  return inTheirs.length > 0 ? inTheirs : inLanguage(candidates, wanted.fallbackLanguage ?? 'en');
}

/** How outreach records the channel a script is written for. */
export function outreachChannelOf(channel: ScriptChannel): (typeof OUTREACH_CHANNELS)[number] {
  if (channel === 'call') return 'phone';
  if (channel === 'text') return 'sms';
  return channel;
}

/** Text compared without case or accents: EHRs print "ESPAÑOL", "Espanol", "español". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Languages US referral desks commonly see, with the names and codes EHRs print for them. */
const LANGUAGES: { code: string; names: string[]; codes: string[] }[] = [
  { code: 'en', names: ['english', 'ingles'], codes: ['en', 'eng'] },
  { code: 'es', names: ['spanish', 'espanol', 'castellano'], codes: ['es', 'spa'] },
  {
    code: 'zh',
    names: ['chinese', 'mandarin', 'cantonese', '中文', '普通话', '廣東話'],
    codes: ['zh', 'zho', 'chi', 'cmn', 'yue'],
  },
  { code: 'vi', names: ['vietnamese', 'tieng viet'], codes: ['vi', 'vie'] },
  { code: 'ko', names: ['korean', '한국어'], codes: ['ko', 'kor'] },
  { code: 'tl', names: ['tagalog', 'filipino'], codes: ['tl', 'tgl', 'fil'] },
  { code: 'ar', names: ['arabic', 'العربية'], codes: ['ar', 'ara'] },
  { code: 'fr', names: ['french', 'francais'], codes: ['fr', 'fra', 'fre'] },
  { code: 'ht', names: ['haitian creole', 'kreyol', 'creole'], codes: ['ht', 'hat'] },
  { code: 'pt', names: ['portuguese', 'portugues'], codes: ['pt', 'por'] },
  { code: 'ru', names: ['russian', 'русский'], codes: ['ru', 'rus'] },
];

/** Each language name, with the language it names. */
const LANGUAGE_OF_NAME = new Map(LANGUAGES.flatMap(({ code, names }) => names.map((name) => [name, code])));

/**
 * Every language name in one pattern, built on first use: a Unicode pattern is costly to compile,
 * and one per name on every call cost the panel's first showing 10 to 20 ms (1.5 ms now). The
 * leftmost name found wins, and at one position the first listed. Han script has no spaces
 * between words, so only alphabetic names need word edges.
 */
let languageNames: RegExp | undefined;
function languageNamesPattern(): RegExp {
  if (languageNames) return languageNames;
  const names = [...LANGUAGE_OF_NAME.keys()];
  const unbounded = (name: string) => !/\p{L}/u.test(name) || /\p{Script=Han}/u.test(name);
  const words = names.filter((name) => !unbounded(name)).map(escapeRegex);
  const others = names.filter(unbounded).map(escapeRegex);
  languageNames = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${words.join('|')})(?![\\p{L}\\p{N}])|${others.join('|')}`,
    'u',
  );
  return languageNames;
}

/**
 * The script language for what an EHR prints as the patient's language: a name in English or in
 * the language itself ("Spanish", "Español"), or a code ("es", "es-MX", "spa"). Undefined when it
 * names no known language ("Declined", "Unknown"): the caller falls back.
 */
/**
 * Whether the page says the patient needs an interpreter: an interpreter field that answers yes,
 * or a language written with the need ("Vietnamese (Interpreter needed)"). Returns what the page
 * says, for the coordinator to see, or undefined.
 */
export function interpreterNeed(fields: {
  interpreterNeeded?: string;
  preferredLanguage?: string;
}): string | undefined {
  const answer = fields.interpreterNeeded?.trim();
  if (answer && /^(y|yes|s[ií]|true|needed|required|requerido|necesario)\b/iu.test(fold(answer)))
    return answer;
  const language = fields.preferredLanguage?.trim();
  return language && /\binterpret/i.test(language) ? language : undefined;
}

export function preferredLanguage(pageLanguageText: string | undefined): string | undefined {
  if (!pageLanguageText) return undefined;
  const text = fold(pageLanguageText).trim();
  if (/^[a-z]{2,3}([-_][a-z0-9]{2,8})*$/.test(text)) {
    const primary = primarySubtag(text);
    return LANGUAGES.find((language) => language.codes.includes(primary))?.code;
  }
  const found = languageNamesPattern().exec(text)?.[0];
  return found === undefined ? undefined : LANGUAGE_OF_NAME.get(found);
}

const TITLES = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sr', 'sra', 'srta', 'don', 'dona']);
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'md', 'do', 'phd', 'rn', 'np']);

const bare = (token: string) => fold(token).replace(/[.,]/g, '');

function tidyCase(name: string): string {
  if (name !== name.toUpperCase() && name !== name.toLowerCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_, edge: string, letter: string) => edge + letter.toUpperCase());
}

/**
 * The name to greet the patient by, from the ways EHRs print names: "Lopez, Maria A",
 * "MARIA LOPEZ", "Ms. Maria Lopez", "J. Robert Smith". Nicknames in quotes or brackets are left
 * out: the greeting uses the name on the chart.
 */
export function firstName(fullName: string | undefined): string | undefined {
  if (!fullName) return undefined;
  const cleaned = fullName
    .replace(/\([^)]*\)|\[[^\]]*\]|"[^"]*"|“[^”]*”/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const [before = '', ...afterParts] = cleaned.split(',');
  const after = afterParts.join(' ').trim();
  const afterIsSuffix = after.split(' ').every((t) => !t || SUFFIXES.has(bare(t)));
  // "Lopez, Maria" puts the given name after the comma; "Maria Lopez, Jr." does not.
  const given = after && !afterIsSuffix ? after : before;
  const tokens = given
    .split(' ')
    .filter((t) => /\p{L}/u.test(t))
    .filter((t, i) => !(i === 0 && TITLES.has(bare(t))));
  const name = tokens.find((t) => bare(t).length > 1) ?? tokens[0];
  return name ? tidyCase(name.replace(/[.,]+$/, '')) : undefined;
}

/** How a placeholder without a value shows: "[patient first name]", a gap the coordinator sees and fills. */
export function gapText(placeholder: string): string {
  return `[${placeholder.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)}]`;
}

/** Emails and letters read as paragraphs; spoken scripts and texts run on. */
const PARAGRAPH_CHANNELS: readonly ScriptChannel[] = ['email', 'letter'];

/**
 * The script with the referral's values in place. A value that is missing shows as a visible gap
 * the coordinator fills in by hand, never as "undefined" or a raw placeholder.
 */
export function fillScript(script: Script, values: ScriptValues): FilledScript {
  const gaps: string[] = [];
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_PATTERN, (_, name: string) => {
      const value = (values as Record<string, string | undefined>)[name]?.replace(/\s+/g, ' ').trim();
      if (value) return value;
      if (!gaps.includes(name)) gaps.push(name);
      return gapText(name);
    });
  const title = fill(script.title);
  const parts = [script.why, script.step, script.help, script.closing]
    .filter((part): part is string => Boolean(part?.trim()))
    .map(fill);
  const separator = PARAGRAPH_CHANNELS.includes(script.channel) ? '\n\n' : ' ';
  return { title, text: parts.join(separator), gaps };
}

/** Words as a listener hears them: a placeholder is one word, punctuation alone is none. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]|\{[^}]+\}/u.test(token)).length;
}

/** A way to reach someone: the practice phone, a phone number or an email address. */
const REACH = /\{practicePhone\}|\d[\d\s().-]{5,}\d|[^\s@]+@[^\s@]+\.[a-z]{2,}/i;

/** How the 3-second check words its problems: English here, the coordinator's language in the UI. */
export interface ThreeSecondWords {
  emptyOpening: string;
  longOpening: (words: number, budget: number) => string;
  emptyStep: string;
  emptyHelp: string;
  noReach: string;
}

export const ENGLISH_THREE_SECOND: ThreeSecondWords = {
  emptyOpening: 'The opening is empty: say why we are contacting them.',
  longOpening: (words, budget) => `The opening has ${words} words; keep it to ${budget} or fewer.`,
  emptyStep: 'The step to take is empty.',
  emptyHelp: 'Who can help is empty.',
  noReach: 'Who can help gives no way to reach us: add {practicePhone}.',
};

/**
 * The 3-second rule: the opening says why we are contacting them within the word budget, and the
 * script also says what step to take and who can help, with a way to reach them.
 */
export function threeSecondCheck(
  script: Partial<Pick<Script, 'why' | 'step' | 'help'>>,
  budget: number,
  words: ThreeSecondWords = ENGLISH_THREE_SECOND,
): ThreeSecondCheck {
  const why = script.why?.trim() ?? '';
  const step = script.step?.trim() ?? '';
  const help = script.help?.trim() ?? '';
  const openingWords = countWords(why);
  const problems: string[] = [];
  if (!why) problems.push(words.emptyOpening);
  else if (openingWords > budget) problems.push(words.longOpening(openingWords, budget));
  if (!step) problems.push(words.emptyStep);
  if (!help) problems.push(words.emptyHelp);
  else if (!REACH.test(help)) problems.push(words.noReach);
  return { passes: problems.length === 0, openingWords, problems };
}
