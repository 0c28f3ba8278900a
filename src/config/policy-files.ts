import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../extension-identity';

type Config = Record<string, unknown>;

/**
 * Ready-made policy files that deliver one Handoff configuration, per browser and platform. The
 * admin guide explains where each goes; a unit test reads every one back and validates it.
 */
export function linuxPolicy(config: Config): string {
  return `${JSON.stringify({ '3rdparty': { extensions: { [CHROME_EXTENSION_ID]: config } } }, null, 2)}\n`;
}

export function firefoxPolicies(config: Config): string {
  return `${JSON.stringify({ policies: { '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: config } } } }, null, 2)}\n`;
}

const regString = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/**
 * One top-level setting as a `.reg` value line. Chrome and Edge convert a registry value to the
 * schema's type only from an integer or a numeric string: a boolean must be a DWORD (1 or 0), a
 * whole number a DWORD, everything else a REG_SZ (objects and lists as JSON). A boolean written
 * as the string "true" would be dropped by the browser, so no branch can produce one.
 */
function registryValue(name: string, value: unknown): string {
  const dword = (n: number) => `"${name}"=dword:${n.toString(16).padStart(8, '0')}`;
  if (typeof value === 'boolean') return dword(value ? 1 : 0);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff)
    return dword(value);
  if (value === null || value === undefined)
    throw new Error(`${name}: a policy value cannot be ${String(value)}; leave the setting out`);
  return `"${name}"=${regString(typeof value === 'string' ? value : JSON.stringify(value))}`;
}

/**
 * Windows registry: one value per top-level setting under `3rdparty\\extensions\\<id>\\policy`.
 * Objects and lists are REG_SZ values holding JSON, which Chrome and Edge parse by the schema.
 */
export function windowsRegistry(config: Config, browserKey: 'Google\\Chrome' | 'Microsoft\\Edge'): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${browserKey}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy]`,
    ...Object.entries(config).map(([name, value]) => registryValue(name, value)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Firefox on Windows (Mozilla's documented form, no ADMX needed): the whole configuration as one
 * REG_MULTI_SZ value named after the add-on id under `Mozilla\\Firefox\\3rdparty\\Extensions`,
 * its lines the configuration's JSON. A `.reg` file spells REG_MULTI_SZ as `hex(7):`, UTF-16LE
 * with each line ended by a null and the list by another.
 */
export function firefoxWindowsRegistry(config: Config): string {
  const lines = JSON.stringify(config, null, 2).split('\n');
  const text = `${lines.join('\0')}\0\0`;
  const hex: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hex.push((unit & 0xff).toString(16).padStart(2, '0'), (unit >> 8).toString(16).padStart(2, '0'));
  }
  // regedit accepts a value continued over lines ending in a backslash.
  const rows: string[] = [];
  for (let i = 0; i < hex.length; i += 25) rows.push(hex.slice(i, i + 25).join(','));
  return [
    'Windows Registry Editor Version 5.00',
    '',
    '[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox\\3rdparty\\Extensions]',
    `"${FIREFOX_EXTENSION_ID}"=hex(7):${rows.join(',\\\r\n  ')}`,
    '',
  ].join('\r\n');
}

const xml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function plist(value: unknown, indent: string): string {
  if (Array.isArray(value))
    return `${indent}<array>\n${value.map((item) => plist(item, `${indent}  `)).join('')}${indent}</array>\n`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).map(
      ([key, child]) => `${indent}  <key>${xml(key)}</key>\n${plist(child, `${indent}  `)}`,
    );
    return `${indent}<dict>\n${entries.join('')}${indent}</dict>\n`;
  }
  if (typeof value === 'boolean') return `${indent}<${value}/>\n`;
  if (typeof value === 'number')
    return Number.isInteger(value)
      ? `${indent}<integer>${value}</integer>\n`
      : `${indent}<real>${value}</real>\n`;
  return `${indent}<string>${xml(String(value))}</string>\n`;
}

/**
 * macOS configuration profile: Chrome and Edge read an extension's policy from the managed
 * preference domain `<browser bundle id>.extensions.<extension id>`, one key per setting.
 */
export function macosProfile(config: Config): string {
  const payload = (domain: string, uuid: string) => ({
    PayloadType: domain,
    PayloadIdentifier: `org.example.handoff.${domain}`,
    PayloadUUID: uuid,
    PayloadVersion: 1,
    PayloadDisplayName: `Handoff policy (${domain.split('.')[2]})`,
    ...config,
  });
  return profileXml('6F0E3A52-1E0B-4E39-9C43-4F1D6A0B7C11', [
    payload(`com.google.Chrome.extensions.${CHROME_EXTENSION_ID}`, '0B7C5E1A-9F3D-4A55-8E0C-2A6B1D4F9E21'),
    payload(`com.microsoft.Edge.extensions.${CHROME_EXTENSION_ID}`, '9C2D4E6F-1A3B-4C5D-8E7F-0A1B2C3D4E31'),
  ]);
}

/**
 * Firefox on macOS reads policy from the `org.mozilla.firefox` domain: the same `3rdparty`
 * structure as policies.json, with `EnterprisePoliciesEnabled` switched on (Mozilla's mac templates).
 */
export function firefoxMacosProfile(config: Config): string {
  return profileXml('3A1C7B9E-5D2F-4E8A-B6C4-7F0E2D1A9B53', [
    {
      PayloadType: 'org.mozilla.firefox',
      PayloadIdentifier: 'org.example.handoff.org.mozilla.firefox',
      PayloadUUID: 'D4E8F2A6-3B1C-4D5E-9F7A-2C6B8E0D1F45',
      PayloadVersion: 1,
      PayloadDisplayName: 'Handoff policy (Firefox)',
      EnterprisePoliciesEnabled: true,
      '3rdparty': { Extensions: { [FIREFOX_EXTENSION_ID]: config } },
    },
  ]);
}

/** A configuration profile around its payloads; the identifiers and UUIDs are examples to replace. */
function profileXml(uuid: string, payloads: Record<string, unknown>[]): string {
  const profile = {
    PayloadType: 'Configuration',
    PayloadIdentifier: 'org.example.handoff',
    PayloadUUID: uuid,
    PayloadVersion: 1,
    PayloadDisplayName: 'Handoff referral coordination',
    PayloadScope: 'System',
    PayloadContent: payloads,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${plist(profile, '')}</plist>\n`;
}

/** Where each file goes in the repository, with its content. */
export function policyFiles(config: Config): Record<string, string> {
  return {
    'docs/policy/linux/handoff.json': linuxPolicy(config),
    'docs/policy/windows/handoff-chrome.reg': windowsRegistry(config, 'Google\\Chrome'),
    'docs/policy/windows/handoff-edge.reg': windowsRegistry(config, 'Microsoft\\Edge'),
    'docs/policy/macos/handoff.mobileconfig': macosProfile(config),
    'docs/policy/firefox/policies.json': firefoxPolicies(config),
    'docs/policy/firefox/handoff-firefox.reg': firefoxWindowsRegistry(config),
    'docs/policy/firefox/handoff-firefox.mobileconfig': firefoxMacosProfile(config),
  };
}

const get = (node: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], node);

/** Which browsers read a JSON policy file, in the words `check-policy` prints. */
export type PolicyFileFormat = 'firefox' | 'chromium' | 'configuration';

export const FORMAT_APPLIES_TO: Record<PolicyFileFormat, string> = {
  firefox:
    'Firefox policies.json: Firefox only, read at start-up (restart Firefox after a change); Firefox ignores the managed schema, so Handoff alone checks types.',
  chromium:
    'Chromium managed policy JSON: Chromium, Google Chrome and Microsoft Edge on Linux; the browser first drops a top-level setting whose type breaks the managed schema (chrome://policy names it).',
  configuration:
    'Handoff configuration itself: valid for every browser; deliver it through the browser policy form of each platform (docs/admin-guide.md).',
};

/** The Handoff configuration inside any of the JSON policy forms above, and which form it was. */
export function readPolicyFile(file: Record<string, unknown>): { config: Config; format: PolicyFileFormat } {
  const firefox = get(file, 'policies', '3rdparty', 'Extensions', FIREFOX_EXTENSION_ID);
  if (firefox !== undefined) return { config: firefox as Config, format: 'firefox' };
  const chromium = get(file, '3rdparty', 'extensions', CHROME_EXTENSION_ID);
  if (chromium !== undefined) return { config: chromium as Config, format: 'chromium' };
  return { config: file, format: 'configuration' };
}
