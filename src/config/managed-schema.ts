import { z } from '../zod';
import { ConfigSchema } from './schema';

type JsonSchema = { [keyword: string]: unknown };

/**
 * Keywords kept for Chrome: structure and types only. Chrome refuses to load an extension whose
 * managed schema uses a keyword it does not know, and it silently drops a whole top-level setting
 * whose value breaks any constraint, so Handoff could neither report the mistake nor keep the last
 * good value. Value constraints are therefore left to zod, which reports every failing path.
 */
const KEPT = new Set(['type', 'properties', 'items', 'additionalProperties', 'description', 'title']);
/** Keywords zod emits that it checks again itself, with an error a diagnostics page can show. */
const LEFT_TO_ZOD = new Set([
  '$schema',
  'default',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'propertyNames',
  'required',
]);

/** The types Chrome's schema knows; no "null", and one type per schema, never a list. */
const CHROME_TYPES = new Set(['boolean', 'integer', 'number', 'string', 'array', 'object']);

/**
 * A JSON schema in Chrome's dialect, or an error naming the path. Chrome rejects the WHOLE schema
 * (so every policy value) over one keyword or type it does not know, so nothing it cannot read
 * may pass through: `additionalProperties: false` is dropped (zod refuses unknown keys itself and
 * reports them), a "null" type or a list of types stops the build.
 */
export function toChromeDialect(schema: JsonSchema, path = ''): JsonSchema {
  const chrome: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (LEFT_TO_ZOD.has(keyword)) continue;
    if (keyword === 'type' && !(typeof value === 'string' && CHROME_TYPES.has(value)))
      throw new Error(`${path || '(root)'}: Chrome's policy schema has no type ${JSON.stringify(value)}`);
    if (keyword === 'additionalProperties' && value === false) continue;
    if (!KEPT.has(keyword))
      throw new Error(`${path || '(root)'}: Chrome's policy schema has no "${keyword}"`);
    if (keyword === 'properties') {
      chrome.properties = Object.fromEntries(
        Object.entries(value as Record<string, JsonSchema>).map(([name, child]) => [
          name,
          toChromeDialect(child, path ? `${path}.${name}` : name),
        ]),
      );
    } else if (keyword === 'items') {
      chrome.items = toChromeDialect(value as JsonSchema, `${path}[]`);
    } else if (keyword === 'additionalProperties') {
      if (typeof value !== 'object' || value === null)
        throw new Error(`${path || '(root)'}: Chrome's additionalProperties must be a schema`);
      chrome.additionalProperties = toChromeDialect(value as JsonSchema, `${path}.*`);
    } else {
      chrome[keyword] = value;
    }
  }
  return chrome;
}

/** `public/managed_schema.json`, derived from the one zod schema (a unit test keeps the file in step). */
export function managedSchema(): JsonSchema {
  return toChromeDialect(z.toJSONSchema(ConfigSchema, { io: 'input' }) as JsonSchema);
}
