import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * The built packages, as the browsers load them (this runs after `npm run build`, which the
 * end-to-end tests need anyway; no browser is started). Each permission below is needed by a
 * feature named beside it; docs/security.md gives the reasons at length.
 */
const PACKAGES = {
  chrome: {
    dir: '.output/chrome-mv3',
    permissions: ['alarms', 'contextMenus', 'identity', 'notifications', 'scripting', 'sidePanel', 'storage'],
  },
  firefox: {
    dir: '.output/firefox-mv3',
    permissions: ['alarms', 'contextMenus', 'identity', 'notifications', 'scripting', 'storage'],
  },
} as const;

interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string; sandbox?: string } | string;
  externally_connectable?: unknown;
  sandbox?: unknown;
  web_accessible_resources?: { resources: string[]; matches: string[] }[];
  content_scripts?: { matches: string[] }[];
}

/** A CSP's sources for one directive. */
function sources(policy: string, directive: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([name]) => name === directive);
  return found ? found.slice(1) : [];
}

for (const [browser, { dir, permissions }] of Object.entries(PACKAGES)) {
  test.describe(`the ${browser} package`, () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

    test('asks for exactly the permissions its features use, and nothing optional', () => {
      expect([...(manifest.permissions ?? [])].sort()).toEqual([...permissions]);
      expect(manifest.optional_permissions ?? []).toEqual([]);
      expect(manifest.optional_host_permissions ?? []).toEqual([]);
      // Policy-enabled EHR sites must work without a prompt (docs/security.md): web origins only.
      expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*']);
      // The manifest's own content script runs only on the local demo EHR; other sites are
      // registered at run time from policy or the coordinator's approval.
      expect(manifest.content_scripts?.flatMap((script) => script.matches)).toEqual([
        'http://127.0.0.1/*',
        'http://localhost/*',
      ]);
      // Pages may frame the panel (it stays empty unless Handoff's own content script feeds it);
      // nothing else of the extension is reachable from the web.
      expect(manifest.web_accessible_resources?.flatMap((entry) => entry.resources)).toEqual(['panel.html']);
    });

    test('is unreachable from web pages and other extensions, and runs no remote code', () => {
      expect(manifest.externally_connectable).toBeUndefined();
      expect(manifest.sandbox).toBeUndefined();
      // No CSP key keeps the MV3 default (script-src 'self'), which admits no remote script; a
      // CSP, if one is ever added, must not loosen it.
      const csp = manifest.content_security_policy;
      expect(typeof csp === 'string' ? csp : undefined).toBeUndefined();
      const pages = typeof csp === 'object' ? (csp.extension_pages ?? '') : '';
      for (const directive of ['script-src', 'object-src', 'default-src', 'connect-src'])
        for (const source of sources(pages, directive))
          expect(["'self'", "'none'", "'wasm-unsafe-eval'"], `${directive} ${source}`).toContain(source);
      expect(typeof csp === 'object' ? csp.sandbox : undefined).toBeUndefined();
    });

    test('loads every script and stylesheet of its pages from the package itself', () => {
      const pages = readdirSync(dir).filter((file) => file.endsWith('.html'));
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        const html = readFileSync(join(dir, page), 'utf8');
        const references = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map(
          (m) => m[1] ?? '',
        );
        expect(
          references.filter((ref) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(ref)),
          page,
        ).toEqual([]);
      }
    });
  });
}
