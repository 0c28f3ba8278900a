/** Edit distance, small strings only: enough to suggest the key an admin meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(
        (row[j] ?? 0) + 1,
        (next[j - 1] ?? 0) + 1,
        (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    row = next;
  }
  return row[b.length] ?? 0;
}

/** Every key a profile can hold, at any level: a misspelt one is most likely one of these. */
const PROFILE_KEYS = [
  'id',
  'name',
  'matches',
  'detect',
  'fields',
  'locale',
  'labelFallback',
  'requiredHeading',
  'required',
  'forbidden',
  'cues',
  'threshold',
  'heading',
  'label',
  'text',
  'selector',
  'weight',
  'inputName',
  'labels',
  'section',
  'pattern',
  'groups',
  'normalise',
  'dateOrder',
  'phoneCountry',
  'dateFormat',
  'value',
  'hasText',
  'columns',
  'column',
  'combine',
  'list',
  'rows',
  'where',
  'pageFields',
];

/**
 * A key Handoff does not know is an error, never ignored: `requireHeading` for `requiredHeading`
 * would otherwise silently remove a requirement. The message names the key meant, when one is close.
 */
export type UnknownKeysIssue = { code?: string; keys?: string[] };

export function unknownKeys(issue: UnknownKeysIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  return (issue.keys ?? [])
    .map((key) => {
      // The closest known key, the earlier one on a tie ("colums" is "columns" and "column" alike).
      let meant: string | undefined;
      let best = 3;
      for (const known of PROFILE_KEYS) {
        const apart = distance(key.toLowerCase(), known.toLowerCase());
        if (apart < best) [meant, best] = [known, apart];
      }
      return `unknown key "${key.slice(0, 40)}"${meant ? ` (did you mean "${meant}"?)` : ''}`;
    })
    .join('; ');
}
