import { z } from '../zod';
import { ConfigSchema } from './schema';
import { SETTING_DESCRIPTIONS } from './setting-descriptions';

type Json = { [keyword: string]: unknown };

export interface SettingRow {
  path: string;
  type: string;
  constraints: string;
  default: unknown;
  description: string | undefined;
}

function typeOf(node: Json): string {
  if (node.type === 'array') {
    const items = (node.items ?? {}) as Json;
    return items.type === 'object' ? 'list of objects' : `list of ${typeOf(items)}`;
  }
  if (node.type === 'object' && node.additionalProperties && !node.properties) {
    return `map of ${typeOf(node.additionalProperties as Json)}`;
  }
  if (Array.isArray(node.anyOf)) return (node.anyOf as Json[]).map(typeOf).join(' or ');
  return String(node.type ?? 'any');
}

function constraintsOf(node: Json): string {
  const parts: string[] = [];
  if (Array.isArray(node.enum)) parts.push(`one of ${node.enum.map((v) => `\`${v}\``).join(', ')}`);
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.minItems !== undefined) parts.push(`at least ${node.minItems} items`);
  if (node.maxItems !== undefined) parts.push(`at most ${node.maxItems} items`);
  if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  const items = node.items as Json | undefined;
  if (items && Array.isArray(items.enum))
    parts.push(`items one of ${items.enum.map((v) => `\`${v}\``).join(', ')}`);
  return parts.join('; ');
}

/** Every setting of the schema, parents before children, as the admin guide's table lists them. */
export function settingRows(): SettingRow[] {
  const rows: SettingRow[] = [];
  const walk = (node: Json, path: string) => {
    if (path)
      rows.push({
        path,
        type: typeOf(node),
        constraints: constraintsOf(node),
        default: node.default,
        description: SETTING_DESCRIPTIONS[path],
      });
    const properties = node.properties as Record<string, Json> | undefined;
    for (const [name, child] of Object.entries(properties ?? {}))
      walk(child, path ? `${path}.${name}` : name);
    const items = node.items as Json | undefined;
    if (node.type === 'array' && items?.properties) walk({ properties: items.properties }, `${path}[]`);
    const values = node.additionalProperties as Json | undefined;
    if (values && typeof values === 'object') {
      if (values.properties) walk({ properties: values.properties }, `${path}.<key>`);
      const valueItems = values.items as Json | undefined;
      if (values.type === 'array' && valueItems?.properties)
        walk({ properties: valueItems.properties }, `${path}.<key>[]`);
    }
  };
  walk(z.toJSONSchema(ConfigSchema, { io: 'input' }) as Json, '');
  // Item rows (`x[]`, `x.<key>`) without their own type add nothing a reader needs.
  return rows.filter((row) => row.type !== 'any');
}

function shortJson(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 60
    ? `built-in (${Array.isArray(value) ? `${value.length} items` : 'see the schema'})`
    : `\`${text}\``;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** `docs/admin-settings.md`: generated from the zod schema by `npm run admin-docs`. */
export function settingsMarkdown(example: Record<string, unknown>): string {
  const exampleAt = (path: string): unknown => {
    if (path.includes('[]') || path.includes('<key>')) return undefined;
    return path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], example);
  };
  const lines = [
    '# Handoff settings reference',
    '',
    '<!-- Generated from src/config/schema.ts by `npm run admin-docs`; a unit test keeps it current. -->',
    '',
    'Every setting an organisation can deliver through managed policy (see [the admin guide](admin-guide.md)).',
    '`[]` stands for each item of a list, `<key>` for any key of a map (a language tag, a referral field).',
    'Defaults apply to whatever the policy leaves out; a list in policy replaces the default list whole.',
    'Examples come from [`policy/handoff-config.json`](policy/handoff-config.json).',
    '',
    '| Setting | Type | Allowed | Default | Example | Meaning |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of settingRows()) {
    lines.push(
      `| \`${row.path}\` | ${row.type} | ${cell(row.constraints)} | ${cell(shortJson(row.type === 'object' ? undefined : row.default))} | ${cell(
        shortJson(exampleAt(row.path)),
      )} | ${cell(row.description ?? '')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
