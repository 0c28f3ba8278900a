/** Regenerates the settings reference and the ready policy files from the schema and the example config. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { policyFiles } from '../src/config/policy-files';
import { settingsMarkdown } from '../src/config/settings-doc';

const example = JSON.parse(readFileSync('docs/policy/handoff-config.json', 'utf8'));
const files = { 'docs/admin-settings.md': settingsMarkdown(example), ...policyFiles(example) };
for (const [path, content] of Object.entries(files)) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
