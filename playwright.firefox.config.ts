import { defineConfig } from '@playwright/test';

// End-to-end tests in Firefox ESR. Playwright is only the test runner here: the browser is driven
// by puppeteer-core over WebDriver BiDi (test/firefox/launch.ts), which can install the add-on.
export default defineConfig({
  testDir: 'test/e2e-firefox',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
});
