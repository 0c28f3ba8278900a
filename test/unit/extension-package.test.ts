import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import es from '../../public/_locales/es/messages.json';
import { managedSchema } from '../../src/config/managed-schema';
import { BUILTIN_PROFILES } from '../../src/detection/builtin-profiles';
import { EhrProfile } from '../../src/detection/ehr-profile';
import { CHROME_EXTENSION_ID, CHROME_MANIFEST_KEY } from '../../src/extension-identity';
import { REFERRAL_STATUSES } from '../../src/referral/referral';

describe('extension package', () => {
  it('pins the Chrome extension id the README and policy files use', () => {
    const digest = createHash('sha256').update(Buffer.from(CHROME_MANIFEST_KEY, 'base64')).digest('hex');
    const id = [...digest.slice(0, 32)]
      .map((hex) => String.fromCharCode(97 + Number.parseInt(hex, 16)))
      .join('');
    expect(id).toBe(CHROME_EXTENSION_ID);
  });

  it('has every English string in Spanish, with the same placeholders', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      const spanish = (es as Record<string, { placeholders?: object }>)[key];
      expect(Object.keys(spanish?.placeholders ?? {}), key).toEqual(
        Object.keys('placeholders' in entry ? entry.placeholders : {}),
      );
    }
  });

  it('names every referral state', () => {
    for (const status of REFERRAL_STATUSES)
      expect(en).toHaveProperty(`status_${status.replaceAll('-', '_')}`);
  });

  it('ships built-in EHR profiles that the profile schema accepts unchanged', () => {
    for (const profile of BUILTIN_PROFILES) expect(EhrProfile.parse(profile)).toEqual(profile);
  });
});

describe('managed policy schema', () => {
  it('is generated from the config schema (run `npm run schema` after changing it)', () => {
    expect(JSON.parse(readFileSync('public/managed_schema.json', 'utf8'))).toEqual(managedSchema());
  });
});

describe('managed policy schema in the dialect Chrome loads', () => {
  // Found in the real browser: Chrome silently refuses to load the whole extension when a
  // "number" carries minimum/maximum.
  it('bounds only integers', () => {
    const bounded: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (('minimum' in schema || 'maximum' in schema) && schema.type !== 'integer') bounded.push(path);
      for (const [key, child] of Object.entries(schema)) walk(child, `${path}/${key}`);
    };
    walk(managedSchema(), '');
    expect(bounded).toEqual([]);
  });
});
