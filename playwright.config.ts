import { defineConfig } from '@playwright/test';
import type { ScenarioOptions } from './test/scenarios/fixtures';

// Each test gets its own browser profile with the built extension loaded; two cores run one
// browser at a time well, so tests run serially and each keeps its own profile.
// The shared scenarios (test/scenarios) run once per browser through a driver for each; the
// Chromium-only specs (test/e2e) reach into what only Chromium exposes (DevTools, chrome://policy).
export default defineConfig<ScenarioOptions>({
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // No retries, in CI or anywhere: a flaky test is fixed, never passed on its second try.
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', testDir: 'test/e2e' },
    { name: 'chromium-scenarios', testDir: 'test/scenarios', use: { engine: 'chromium' } },
    { name: 'firefox', testDir: 'test/scenarios', use: { engine: 'firefox' } },
  ],
});
