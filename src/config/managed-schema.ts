import { z } from 'zod';
import { ConfigSchema } from './schema';

type JsonSchema = { [keyword: string]: unknown };

/**
 * Keywords Chrome's policy schema understands. Chrome refuses to load an extension whose
 * managed schema uses anything else, and drops policy values that do not fit the schema.
 */
const KEPT = new Set([
  'type',
  'properties',
  'items',
  'additionalProperties',
  'enum',
  'minimum',
  'maximum',
  'pattern',
  'description',
  'title',
]);
/** Keywords zod emits that only narrow what zod itself checks again; safe to leave to zod. */
const LEFT_TO_ZOD = new Set([
  '$schema',
  'default',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'propertyNames',
  'required',
]);

function toChromeDialect(schema: JsonSchema, path: string): JsonSchema {
  const chrome: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (LEFT_TO_ZOD.has(keyword)) continue;
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
    } else if (keyword === 'additionalProperties' && typeof value === 'object') {
      chrome.additionalProperties = toChromeDialect(value as JsonSchema, `${path}.*`);
    } else if ((keyword === 'minimum' || keyword === 'maximum') && schema.type !== 'integer') {
      // Chrome refuses to load an extension whose schema bounds a non-integer; zod still checks.
    } else {
      chrome[keyword] = value;
    }
  }
  return chrome;
}

/** `public/managed_schema.json`, derived from the one zod schema (a unit test keeps the file in step). */
export function managedSchema(): JsonSchema {
  return toChromeDialect(z.toJSONSchema(ConfigSchema, { io: 'input' }) as JsonSchema, '');
}
