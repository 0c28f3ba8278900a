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
 * Windows registry: one value per top-level setting under `3rdparty\extensions\<id>\policy`.
 * Objects and lists are REG_SZ values holding JSON, which Chrome and Edge parse by the schema.
 */
export function windowsRegistry(config: Config, browserKey: 'Google\\Chrome' | 'Microsoft\\Edge'): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\${browserKey}\\3rdparty\\extensions\\${CHROME_EXTENSION_ID}\\policy]`,
  ];
  for (const [name, value] of Object.entries(config)) {
    lines.push(
      typeof value === 'number' && Number.isInteger(value) && value >= 0
        ? `"${name}"=dword:${value.toString(16).padStart(8, '0')}`
        : `"${name}"=${regString(typeof value === 'string' ? value : JSON.stringify(value))}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
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
  const profile = {
    PayloadType: 'Configuration',
    PayloadIdentifier: 'org.example.handoff',
    PayloadUUID: '6F0E3A52-1E0B-4E39-9C43-4F1D6A0B7C11',
    PayloadVersion: 1,
    PayloadDisplayName: 'Handoff referral coordination',
    PayloadScope: 'System',
    PayloadContent: [
      payload(`com.google.Chrome.extensions.${CHROME_EXTENSION_ID}`, '0B7C5E1A-9F3D-4A55-8E0C-2A6B1D4F9E21'),
      payload(`com.microsoft.Edge.extensions.${CHROME_EXTENSION_ID}`, '9C2D4E6F-1A3B-4C5D-8E7F-0A1B2C3D4E31'),
    ],
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
  };
}

/** The Handoff configuration inside any of the JSON policy forms above, or the configuration itself. */
export function configFromPolicyFile(file: Record<string, unknown>): Config {
  const get = (node: unknown, ...keys: string[]): unknown =>
    keys.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], node);
  return (get(file, 'policies', '3rdparty', 'Extensions', FIREFOX_EXTENSION_ID) ??
    get(file, '3rdparty', 'extensions', CHROME_EXTENSION_ID) ??
    file) as Config;
}
