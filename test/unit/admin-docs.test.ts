// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../src/background/config-reader';
import { managedSchema } from '../../src/config/managed-schema';
import { configFromPolicyFile, policyFiles } from '../../src/config/policy-files';
import { SETTING_DESCRIPTIONS } from '../../src/config/setting-descriptions';
import { settingRows, settingsMarkdown } from '../../src/config/settings-doc';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../src/extension-identity';

const example = JSON.parse(readFileSync('docs/policy/handoff-config.json', 'utf8'));
const read = (path: string) => readFileSync(path, 'utf8');

async function errorsOf(config: Record<string, unknown>) {
  const storage = {
    managed: { get: async () => config },
    local: { get: async () => ({}), set: async () => {} },
  };
  return (await new ConfigReader(storage).refresh()).errors;
}

/** A .reg file read back the way regedit imports it: REG_SZ strings and REG_DWORD numbers. */
function parseRegistry(text: string): { key: string; values: Record<string, unknown> } {
  const key = /^\[(.+)\]$/m.exec(text)?.[1] ?? '';
  const values: Record<string, unknown> = {};
  for (const match of text.matchAll(/^"([^"]+)"=(?:dword:([0-9a-f]{8})|"((?:[^"\\]|\\.)*)")\r$/gm)) {
    const [, name = '', dword, string] = match;
    values[name] = dword !== undefined ? Number.parseInt(dword, 16) : string?.replace(/\\(.)/g, '$1');
  }
  return { key, values };
}

/** Chrome's registry loader parses a string as JSON where the schema expects an object or a list. */
function asChromeReadsRegistry(values: Record<string, unknown>): Record<string, unknown> {
  const properties = managedSchema().properties as Record<string, { type: string }>;
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      ['object', 'array'].includes(properties[name]?.type ?? '') ? JSON.parse(String(value)) : value,
    ]),
  );
}

function fromPlist(node: Element): unknown {
  const children = [...node.children];
  switch (node.tagName) {
    case 'dict': {
      const entries: [string, unknown][] = [];
      for (let i = 0; i < children.length; i += 2)
        entries.push([children[i]?.textContent ?? '', fromPlist(children[i + 1] as Element)]);
      return Object.fromEntries(entries);
    }
    case 'array':
      return children.map(fromPlist);
    case 'integer':
    case 'real':
      return Number(node.textContent);
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      return node.textContent;
  }
}

describe('admin guide', () => {
  it('describes every setting of the schema', () => {
    const undocumented = settingRows()
      .filter((row) => !row.description)
      .map((row) => row.path);
    expect(undocumented).toEqual([]);
    const known = new Set(settingRows().map((row) => row.path));
    expect(Object.keys(SETTING_DESCRIPTIONS).filter((path) => !known.has(path))).toEqual([]);
  });

  it('has a settings reference generated from the current schema (run `npm run admin-docs`)', () => {
    expect(read('docs/admin-settings.md')).toBe(settingsMarkdown(example));
  });

  it('ships policy files generated from the example configuration', () => {
    for (const [path, content] of Object.entries(policyFiles(example)))
      expect(read(path), path).toBe(content);
  });
});

describe('example policy files', () => {
  it('the example configuration is accepted whole', async () => {
    expect(await errorsOf(example)).toEqual([]);
  });

  it('Linux (Chromium, Chrome, Edge) JSON delivers it to the pinned extension id', async () => {
    const file = JSON.parse(read('docs/policy/linux/handoff.json'));
    expect(Object.keys(file['3rdparty'].extensions)).toEqual([CHROME_EXTENSION_ID]);
    expect(configFromPolicyFile(file)).toEqual(example);
  });

  it('Firefox policies.json delivers it under 3rdparty.Extensions to the add-on id', () => {
    const file = JSON.parse(read('docs/policy/firefox/policies.json'));
    expect(Object.keys(file.policies['3rdparty'].Extensions)).toEqual([FIREFOX_EXTENSION_ID]);
    expect(configFromPolicyFile(file)).toEqual(example);
  });

  for (const [browser, vendorKey] of [
    ['chrome', 'Google\\Chrome'],
    ['edge', 'Microsoft\\Edge'],
  ] as const) {
    it(`Windows registry file for ${browser} reads back as the configuration`, async () => {
      const text = read(`docs/policy/windows/handoff-${browser}.reg`);
      // regedit reads files without a byte-order mark as ANSI: anything beyond ASCII would be mangled.
      expect([...text].every((char) => char.charCodeAt(0) < 128)).toBe(true);
      const { key, values } = parseRegistry(text);
      expect(key).toBe(
        `HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${vendorKey}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy`,
      );
      const config = asChromeReadsRegistry(values);
      expect(config).toEqual(example);
      expect(await errorsOf(config)).toEqual([]);
    });
  }

  it('macOS configuration profile carries it for Chrome and Edge', async () => {
    const doc = new DOMParser().parseFromString(
      read('docs/policy/macos/handoff.mobileconfig'),
      'application/xml',
    );
    expect(doc.querySelector('parsererror')).toBeNull();
    const profile = fromPlist(doc.documentElement.firstElementChild as Element) as {
      PayloadContent: Record<string, unknown>[];
    };
    expect(profile.PayloadContent.map((payload) => payload.PayloadType)).toEqual([
      `com.google.Chrome.extensions.${CHROME_EXTENSION_ID}`,
      `com.microsoft.Edge.extensions.${CHROME_EXTENSION_ID}`,
    ]);
    for (const payload of profile.PayloadContent) {
      const config = Object.fromEntries(
        Object.entries(payload).filter(([key]) => !key.startsWith('Payload')),
      );
      expect(config).toEqual(example);
      expect(await errorsOf(config)).toEqual([]);
    }
  });
});
