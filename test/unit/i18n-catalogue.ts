type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** `browser.i18n.getMessage` over one locale's messages, as Chrome resolves them: named placeholders whose content is `$1`, `$2`, … */
export function getMessageFrom(catalogue: object) {
  return (key: string, substitutions?: string | string[]): string => {
    const entry = (catalogue as Catalogue)[key];
    if (!entry) return '';
    const values = typeof substitutions === 'string' ? [substitutions] : (substitutions ?? []);
    return entry.message.replace(/\$([A-Z_]+)\$/gi, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (__, index: string) => values[Number(index) - 1] ?? '');
    });
  };
}
