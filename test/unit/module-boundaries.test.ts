import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map(
    (match) => match[1],
  );

describe('module boundaries', () => {
  // The referral domain decides; the views word. A refusal leaves the state machine as a code.
  it('the referral domain imports no UI, wording or panel configuration', () => {
    const domain = readdirSync(join(root, 'src/referral')).map((name) => `src/referral/${name}`);
    expect(domain.length).toBeGreaterThan(5);
    for (const file of domain) {
      for (const source of importsOf(file)) {
        expect(source, file).not.toMatch(/\/(ui|panel|panel-config|queue-view)\/|\/i18n$|^wxt/);
      }
    }
  });
});
