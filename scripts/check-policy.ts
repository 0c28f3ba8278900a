/**
 * Checks a policy file before it is deployed: `npm run check-policy -- <file>`. Reads any of the
 * JSON forms (the Handoff configuration itself, a Chromium/Chrome/Edge managed-policy file, or a
 * Firefox policies.json), says which browsers read that form, and prints every setting Handoff
 * would refuse and every warning, by path, without values.
 */
import { readFileSync } from 'node:fs';
import { ConfigReader } from '../src/background/config-reader';
import { FORMAT_APPLIES_TO, readPolicyFile } from '../src/config/policy-files';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run check-policy -- <policy file>');
  process.exit(2);
}
const { config, format } = readPolicyFile(JSON.parse(readFileSync(file, 'utf8')));
console.log(`Format: ${FORMAT_APPLIES_TO[format]}`);
// The same reader the extension runs, over this file alone (no last good policy to fall back on).
const storage = {
  managed: { get: async () => config },
  local: { get: async () => ({}), set: async () => {} },
};
const { errors, warnings } = await new ConfigReader(storage).refresh();
for (const error of errors) console.log(`${error.path}: ${error.message}`);
// Warnings apply as written; they do not change the exit status.
for (const warning of warnings) console.log(`warning: ${warning.path}: ${warning.message}`);
console.log(errors.length === 0 ? 'OK: Handoff accepts every setting.' : `${errors.length} problem(s).`);
process.exit(errors.length === 0 ? 0 : 1);
