import { escapeRegex } from '../escape-regex';
import type { ClinicalBoundary } from './schema';

export interface NoteScan {
  /** Route to licensed staff: set for any clinical cue, and always when there is a red flag. */
  clinicalQuestion: boolean;
  /** Possible emergency: show the approved emergency instruction, nothing more. */
  redFlag: boolean;
  /**
   * The configured phrases that matched, red flags first. Never excerpts of the note: the note is
   * patient data, the phrases are the organisation's.
   */
  matched: string[];
}

/** Notes are short; a pasted document is scanned only as far as a note would go. */
const NOTE_MAX = 10_000;

/**
 * Lower case, no accents, no apostrophes: "¿Es urgente?", "ES URGENTE", "can’t" and "cant" all read
 * the same. Letters are decomposed one to one, so the text's shape does not change.
 */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`´]/g, '');
}

const compiled = new Map<string, RegExp | null>();

/**
 * Whole words only ("pain" never matches "Spain" or "paint"), any spacing or punctuation between
 * words, an optional plural ending on each word (dolor/dolores, side effect/side effects), and a
 * trailing `*` for any ending (suicid* covers suicide, suicidal, suicidio).
 */
function phraseRegex(phrase: string): RegExp | null {
  let regex = compiled.get(phrase);
  if (regex !== undefined) return regex;
  const words = fold(phrase)
    .split(/[^\p{L}\p{N}*]+/u)
    .filter(Boolean);
  if (words.length === 0) {
    regex = null;
  } else {
    const body = words
      .map((word, i) => {
        const stem = escapeRegex(word.replace(/\*+$/, ''));
        if (!stem) return '';
        return i === words.length - 1 && word.endsWith('*') ? `${stem}[\\p{L}\\p{N}]*` : `${stem}(?:e?s)?`;
      })
      .filter(Boolean)
      .join('[^\\p{L}\\p{N}]+');
    regex = body ? new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u') : null;
  }
  compiled.set(phrase, regex);
  return regex;
}

function matches(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((phrase) => phraseRegex(phrase)?.test(text));
}

function languagesInOrder(lists: Record<string, readonly string[]>, language: string | undefined): string[] {
  const primary = language?.toLowerCase().split('-')[0];
  const tags = Object.keys(lists);
  return [
    ...tags.filter((t) => t.split('-')[0] === primary),
    ...tags.filter((t) => t.split('-')[0] !== primary),
  ];
}

function phrasesOf(lists: Record<string, readonly string[]>, tags: readonly string[]): string[] {
  return [...new Set(tags.flatMap((tag) => lists[tag] ?? []))];
}

/**
 * Whether a coordinator's note suggests a clinical question or a possible emergency. Every
 * configured language is scanned, whatever the patient's: notes mix languages (an English note
 * quoting "me duele el pecho"), and a missed red flag costs far more than a needless hand-off.
 * The patient's language only puts its phrases first.
 */
export function scanNote(note: string, boundary: ClinicalBoundary, language?: string): NoteScan {
  const text = fold(note.slice(0, NOTE_MAX));
  const redFlags = matches(text, phrasesOf(boundary.redFlags, languagesInOrder(boundary.redFlags, language)));
  let questionText = text;
  for (const phrase of phrasesOf(boundary.notQuestions, Object.keys(boundary.notQuestions))) {
    const regex = phraseRegex(phrase);
    if (regex) questionText = questionText.replace(new RegExp(regex.source, 'gu'), ' ');
  }
  const cues = matches(
    questionText,
    phrasesOf(boundary.questionCues, languagesInOrder(boundary.questionCues, language)),
  );
  const matched = [...new Set([...redFlags, ...cues])];
  return { clinicalQuestion: matched.length > 0, redFlag: redFlags.length > 0, matched };
}

/** The key of the wording for a language: its own tag, its primary language's, or English's. */
function wordingKey(byLanguage: Record<string, string>, language: string | undefined): string | undefined {
  const keys = Object.keys(byLanguage);
  const tag = language?.toLowerCase() ?? 'en';
  const primary = tag.split('-')[0];
  return (
    keys.find((k) => k.toLowerCase() === tag) ??
    keys.find((k) => k.toLowerCase() === primary) ??
    keys.find((k) => k.toLowerCase() === 'en') ??
    keys[0]
  );
}

/** The approved deflection, with the clinical contact filled in, in the patient's language. */
export function handOffLine(boundary: ClinicalBoundary, language?: string): string {
  const key = wordingKey(boundary.handOffLine, language);
  if (key === undefined) return '';
  const { contact } = boundary;
  // English is the contact's own wording; other languages use its translation where one exists.
  const translated = contact.translations[key] ?? contact.translations[key.split('-')[0] ?? ''] ?? {};
  const values: Record<string, string> = {
    contactName: translated.name ?? contact.name,
    contactReach: translated.reach ?? contact.reach,
    responseTime: translated.responseTime ?? contact.responseTime,
  };
  return (boundary.handOffLine[key] ?? '').replace(
    /\{(contactName|contactReach|responseTime)\}/g,
    (_, name: string) => values[name] ?? '',
  );
}

/** The approved emergency wording in the patient's language (English when there is none). */
export function emergencyInstruction(boundary: ClinicalBoundary, language?: string): string {
  const key = wordingKey(boundary.emergencyInstruction, language);
  return key === undefined ? '' : (boundary.emergencyInstruction[key] ?? '');
}
