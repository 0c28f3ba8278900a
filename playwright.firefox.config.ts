import { defineConfig } from '@playwright/test';
import chromium from './playwright.config';

// End-to-end tests in Firefox ESR. Playwright is only the test runner here: the browser is driven
// by puppeteer-core over WebDriver BiDi (test/firefox/launch.ts), which can install the add-on.
export default defineConfig({ ...chromium, testDir: 'test/e2e-firefox', use: {} });
