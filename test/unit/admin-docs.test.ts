// @vitest-environment jsdom
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../src/background/config-reader';
import { managedSchema, toChromeDialect } from '../../src/config/managed-schema';
import {
  firefoxWindowsRegistry,
  macosProfile,
  policyFiles,
  readPolicyFile,
  windowsRegistry,
} from '../../src/config/policy-files';
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

/** A `.reg` REG_MULTI_SZ value (`hex(7):` UTF-16LE, null-separated lines) read back as its lines. */
function multiStringLines(text: string, name: string): string[] {
  const start = text.indexOf(`"${name}"=hex(7):`);
  const body =
    text
      .slice(start)
      .split('=hex(7):')[1]
      ?.split(/\r\n(?!\s)/)[0] ?? '';
  const bytes = body
    .replace(/\\\r\n\s*/g, '')
    .split(',')
    .map((byte) => Number.parseInt(byte, 16));
  let decoded = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    decoded += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  return decoded.replace(/\0\0$/, '').split('\0');
}

function parsePlist(path: string): Record<string, unknown> {
  return plistOf(read(path));
}

function plistOf(text: string): Record<string, unknown> {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  expect(doc.querySelector('parsererror')).toBeNull();
  return fromPlist(doc.documentElement.firstElementChild as Element) as Record<string, unknown>;
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

  it('keeps each setting on one table row of six cells, whatever the example holds', () => {
    const organization = { ...example.organization, name: 'Riverbend | Lakeside\nHeart' };
    const rows = settingsMarkdown({ ...example, organization })
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(settingRows().length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(8);
    expect(rows.find((row) => row.startsWith('| `organization.name`'))).toContain(
      '`"Riverbend \\| Lakeside\\nHeart"`',
    );
  });

  it('ships policy files generated from the example configuration', () => {
    for (const [path, content] of Object.entries(policyFiles(example)))
      expect(read(path), path).toBe(content);
  });

  it('generates every policy file it ships, one per browser and platform', () => {
    const shipped = readdirSync('docs/policy', { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name !== 'handoff-config.json')
      .map((entry) => `${entry.parentPath}/${entry.name}`);
    expect(Object.keys(policyFiles(example)).sort()).toEqual(shipped.sort());
    expect(shipped).toHaveLength(7);
  });
});

describe('example policy files', () => {
  it('the example configuration is accepted whole', async () => {
    expect(await errorsOf(example)).toEqual([]);
  });

  it('Linux (Chromium, Chrome, Edge) JSON delivers it to the pinned extension id', async () => {
    const file = JSON.parse(read('docs/policy/linux/handoff.json'));
    expect(Object.keys(file['3rdparty'].extensions)).toEqual([CHROME_EXTENSION_ID]);
    expect(readPolicyFile(file).config).toEqual(example);
  });

  it('Firefox policies.json delivers it under 3rdparty.Extensions to the add-on id', () => {
    const file = JSON.parse(read('docs/policy/firefox/policies.json'));
    expect(Object.keys(file.policies['3rdparty'].Extensions)).toEqual([FIREFOX_EXTENSION_ID]);
    expect(readPolicyFile(file).config).toEqual(example);
  });

  it('gives the sign-in redirect URI of each browser as the browser computes it from the extension id', () => {
    // Firefox: https://<SHA-1 of the add-on id, hex>.extensions.allizom.org/ (the Firefox sign-in
    // scenario checks that the browser gives the add-on this URI).
    const firefox = createHash('sha1').update(FIREFOX_EXTENSION_ID).digest('hex');
    const guide = read('docs/admin-guide.md');
    expect(guide).toContain(`| \`https://${firefox}.extensions.allizom.org/\``);
    expect(guide).toContain(`| \`https://${CHROME_EXTENSION_ID}.chromiumapp.org/\``);
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
    const profile = parsePlist('docs/policy/macos/handoff.mobileconfig') as {
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

  it('macOS configuration profile carries fractions, nested lists and markup characters as written', () => {
    const config = {
      organization: { name: 'Riverbend & Lakeside <Referrals> "North"' },
      ehrProfiles: [{ detect: { cues: [{ label: 'Referral', weight: 0.5 }], threshold: 2 } }],
    };
    const profile = plistOf(macosProfile(config)) as { PayloadContent: Record<string, unknown>[] };
    const [chrome] = profile.PayloadContent;
    expect(
      Object.fromEntries(Object.entries(chrome ?? {}).filter(([key]) => !key.startsWith('Payload'))),
    ).toEqual(config);
  });
});

describe('Firefox on Windows and macOS', () => {
  it('the registry file holds the configuration as Mozilla documents it: REG_MULTI_SZ JSON named after the add-on id', async () => {
    const text = read('docs/policy/firefox/handoff-firefox.reg');
    expect([...text].every((char) => char.charCodeAt(0) < 128)).toBe(true);
    expect(text).toContain(
      '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox\\3rdparty\\Extensions]\r\n',
    );
    // Firefox joins the lines of a REG_MULTI_SZ value and parses them as JSON.
    const config = JSON.parse(multiStringLines(text, FIREFOX_EXTENSION_ID).join('\n'));
    expect(config).toEqual(example);
    expect(await errorsOf(config)).toEqual([]);
  });

  it('the registry value is well formed for a configuration of any length (rows of 25 bytes)', () => {
    for (let length = 0; length < 25; length++) {
      const config = { organization: { name: `Riverbend${'e'.repeat(length)}` } };
      const text = firefoxWindowsRegistry(config);
      const value = text.split(`"${FIREFOX_EXTENSION_ID}"=hex(7):`)[1]?.split(/\r\n(?!\s)/)[0] ?? '';
      // regedit refuses a byte list with an empty entry, as a trailing comma would make.
      expect(value.replace(/\\\r\n {2}/g, ''), `length ${length}`).toMatch(/^[0-9a-f]{2}(,[0-9a-f]{2})*$/);
      expect(JSON.parse(multiStringLines(text, FIREFOX_EXTENSION_ID).join('\n'))).toEqual(config);
    }
  });

  it('the macOS profile carries it in the org.mozilla.firefox domain with policies enabled', async () => {
    const profile = parsePlist('docs/policy/firefox/handoff-firefox.mobileconfig') as {
      PayloadContent: Record<string, unknown>[];
    };
    const [payload] = profile.PayloadContent;
    expect(payload?.PayloadType).toBe('org.mozilla.firefox');
    expect(payload?.EnterprisePoliciesEnabled).toBe(true);
    const thirdParty = payload?.['3rdparty'] as { Extensions?: Record<string, unknown> } | undefined;
    const config = thirdParty?.Extensions?.[FIREFOX_EXTENSION_ID] as Record<string, unknown>;
    expect(config).toEqual(example);
    expect(await errorsOf(config)).toEqual([]);
  });
});

describe('policy file generators cannot write what a browser would silently drop', () => {
  it('the Windows generator writes a top-level boolean as a DWORD, never as the string "true"', () => {
    const text = windowsRegistry({ flag: true, other: false, count: 3 }, 'Google\\Chrome');
    const { values } = parseRegistry(text);
    expect(values).toEqual({ flag: 1, other: 0, count: 3 });
    expect(text).not.toMatch(/"(true|false)"/);
  });

  it('the Windows generator writes a text setting as the text itself, not as JSON in quotes', () => {
    const name = 'Riverbend "North" \\ Lakeside';
    expect(parseRegistry(windowsRegistry({ name }, 'Google\\Chrome')).values).toEqual({ name });
  });

  it('the Windows generator writes a number a DWORD cannot hold as a numeric string, and refuses an empty value', () => {
    const text = windowsRegistry(
      { below: -1, fraction: 2.5, above: 0x1_0000_0000, top: 0xffff_ffff, zero: 0 },
      'Microsoft\\Edge',
    );
    expect(parseRegistry(text).values).toEqual({
      below: '-1',
      fraction: '2.5',
      above: '4294967296',
      top: 0xffff_ffff,
      zero: 0,
    });
    expect(() => windowsRegistry({ flag: null }, 'Google\\Chrome')).toThrow(
      'flag: a policy value cannot be null; leave the setting out',
    );
    expect(() => windowsRegistry({ flag: undefined }, 'Google\\Chrome')).toThrow(/flag: .* undefined/);
  });

  it('the managed-schema generator refuses "null" and lists of types, and drops additionalProperties: false', () => {
    expect(() => toChromeDialect({ type: 'object', properties: { a: { type: 'null' } } })).toThrow(
      /a: .*"null"/,
    );
    expect(() => toChromeDialect({ type: ['string', 'null'] })).toThrow(/^\(root\): .*no type/);
    expect(
      toChromeDialect({ type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }),
    ).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('the managed-schema generator names the path of a keyword Chrome does not know, and keeps what zod checks out', () => {
    const list = (items: Record<string, unknown>) => ({
      type: 'object',
      properties: { reasons: { type: 'object', properties: { close: { type: 'array', items } } } },
    });
    expect(() => toChromeDialect({ type: 'string', format: 'email' })).toThrow(
      '(root): Chrome\'s policy schema has no "format"',
    );
    expect(() => toChromeDialect(list({ type: 'string', format: 'email' }))).toThrow(
      'reasons.close[]: Chrome\'s policy schema has no "format"',
    );
    expect(() => toChromeDialect(list({ type: 'integer', not: {} }))).toThrow(/^reasons\.close\[\]: .*"not"/);
    const map = (values: unknown) => ({
      type: 'object',
      properties: { handOffLine: { type: 'object', additionalProperties: values } },
    });
    expect(() => toChromeDialect(map(true))).toThrow(
      "handOffLine: Chrome's additionalProperties must be a schema",
    );
    expect(() => toChromeDialect(map(null))).toThrow(
      "handOffLine: Chrome's additionalProperties must be a schema",
    );
    expect(() => toChromeDialect({ type: 'object', additionalProperties: true })).toThrow(
      "(root): Chrome's additionalProperties must be a schema",
    );
    // Only additionalProperties may be switched off; another keyword set to false is still unknown.
    expect(() => toChromeDialect({ type: 'array', items: { type: 'string' }, uniqueItems: false })).toThrow(
      '(root): Chrome\'s policy schema has no "uniqueItems"',
    );
    expect(() => toChromeDialect(map({ type: ['string', 'null'] }))).toThrow(/^handOffLine\.\*: /);
    expect(
      toChromeDialect(
        map({ type: 'string', minLength: 1, maxLength: 500, pattern: '^\\S', description: 'Wording' }),
      ),
    ).toEqual({
      type: 'object',
      properties: {
        handOffLine: { type: 'object', additionalProperties: { type: 'string', description: 'Wording' } },
      },
    });
  });

  it('`check-policy` names the browsers that read each format', () => {
    expect(readPolicyFile(JSON.parse(read('docs/policy/firefox/policies.json'))).format).toBe('firefox');
    expect(readPolicyFile(JSON.parse(read('docs/policy/linux/handoff.json'))).format).toBe('chromium');
    expect(readPolicyFile(example).format).toBe('configuration');
  });
});
