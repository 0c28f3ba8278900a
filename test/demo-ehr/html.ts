// Tiny HTML templating: interpolated values are escaped unless they are already SafeHtml,
// so a page cannot forget to escape a data field.

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** `false`, null and undefined render nothing, so `cond && html\`...\`` works inline. */
export type HtmlValue = SafeHtml | string | number | false | null | undefined | readonly HtmlValue[];

function renderValue(value: HtmlValue): string {
  if (value === false || value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** For trusted, static markup such as inline CSS. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** `selected` / `checked` style boolean attributes. */
export function attrIf(condition: boolean, name: string): SafeHtml {
  return new SafeHtml(condition ? ` ${name}` : '');
}
