import { createRequire } from 'node:module';
import preact from '@preact/preset-vite';
import type { Alias } from 'vite';
import { defineConfig } from 'wxt';
import { PANEL_ENTRYPOINT, panelChunks } from './scripts/panel-chunks';
import { CONTENT_SCRIPT_FILE } from './src/background/ehr-sites';
import { DEMO_EHR_MATCHES } from './src/demo-ehr-origins';
import { CHROME_MANIFEST_KEY, FIREFOX_EXTENSION_ID } from './src/extension-identity';

/**
 * The content script runs on every EHR page load, so it takes the browser's own promise-based API
 * (`browser` in Firefox, `chrome` in Chromium's Manifest V3) instead of webextension-polyfill:
 * 10 kB fewer for each page to parse and no wrapper objects made on each call. The calls it makes
 * (storage, runtime messages and ports, i18n, getURL) return promises natively in both browsers,
 * and it answers no message with a promise. Extension pages keep the polyfill.
 */
const CONTENT_SCRIPT_ENTRYPOINT = CONTENT_SCRIPT_FILE.replace(/\.js$/, '');
const NATIVE_BROWSER: Alias = {
  find: /^wxt\/browser$/,
  replacement: createRequire(import.meta.url).resolve('wxt/browser'),
};

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      // The panel starts with three script files (see panelChunks); the rest of WXT's output as it is.
      const output = config.build?.rollupOptions?.output;
      if (
        entrypoints.some((entrypoint) => entrypoint.name === PANEL_ENTRYPOINT) &&
        output &&
        !Array.isArray(output)
      )
        output.manualChunks = panelChunks();
      if (!entrypoints.some((entrypoint) => entrypoint.name === CONTENT_SCRIPT_ENTRYPOINT)) return;
      config.resolve ??= {};
      const aliases = config.resolve.alias ?? [];
      // The first matching alias wins: this one before the polyfill's.
      config.resolve.alias = [
        NATIVE_BROWSER,
        ...(Array.isArray(aliases)
          ? aliases
          : Object.entries(aliases).map(([find, replacement]) => ({ find, replacement }))),
      ];
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extensionName__',
    description: '__MSG_extensionDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      'notifications',
      'contextMenus',
      // Registers the content script on the EHR sites policy or the coordinator enables.
      'scripting',
      // Sign-in with the organisation's identity provider (launchWebAuthFlow), for the team queue.
      'identity',
      // The queue in Chrome's side panel; Firefox shows the same page as a sidebar_action.
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Able to reach any site, but the content script is registered only on the demo EHR and the
    // sites policy or the coordinator enables. Policy-enabled sites must work without a prompt on
    // every coordinator's browser, and browsers have no policy that grants optional permissions.
    host_permissions: ['http://*/*', 'https://*/*'],
    // Declared here, not through WXT's content-script entrypoint (see entrypoints/content-script.ts).
    content_scripts: [
      { matches: DEMO_EHR_MATCHES, js: [CONTENT_SCRIPT_FILE], all_frames: true, run_at: 'document_idle' },
    ],
    commands: {
      'toggle-panel': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandTogglePanel__',
      },
    },
    storage: { managed_schema: 'managed_schema.json' },
    // The panel is framed on EHR screens; which origins are EHRs is decided at run time (policy),
    // so any web page may load it. Framed by anything but Handoff's own content script it stays
    // empty: it shows only what that script sends over its private port.
    web_accessible_resources: [{ resources: ['panel.html'], matches: ['http://*/*', 'https://*/*'] }],
    action: { default_title: 'Handoff referral queue' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_EXTENSION_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { key: CHROME_MANIFEST_KEY }),
  }),
});
