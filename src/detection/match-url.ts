import { MatchPattern } from 'wxt/utils/match-patterns';

const compiled = new Map<string, MatchPattern | null>();

function pattern(source: string): MatchPattern | null {
  let found = compiled.get(source);
  if (found === undefined) {
    try {
      found = new MatchPattern(source);
    } catch {
      found = null;
    }
    compiled.set(source, found);
  }
  return found;
}

export function isValidMatchPattern(source: string): boolean {
  return pattern(source) !== null;
}

/** Browser match-pattern semantics (`*://*.example.org/*`); ports are ignored, as Chrome does. */
export function matchesUrl(patterns: readonly string[], url: string): boolean {
  return patterns.some((source) => {
    try {
      return pattern(source)?.includes(url) ?? false;
    } catch {
      return false;
    }
  });
}
