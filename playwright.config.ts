import { defineConfig } from '@playwright/test';

// Each test gets its own browser profile with the built extension loaded; two cores run one
// browser at a time well, so tests run serially and each keeps its own profile.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // No retries, in CI or anywhere: a flaky test is fixed, never passed on its second try.
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: { trace: 'retain-on-failure' },
});
