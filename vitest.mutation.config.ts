import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The unit tests as mutation testing runs them (stryker.config.mjs): the same tests, with room for
 * the shared, busy cores Stryker runs on, where a test that takes 2 s alone can take over 5 s. A
 * mutant's endless loop is still cut off by Stryker's own timeout.
 *
 * `MUTATION_TESTS` (test files, comma-separated) narrows the tests to those: for a file that nearly
 * every test imports (`referral.ts`), whose dry run would otherwise be the whole suite. The score is
 * then a lower bound: a mutant only another test would kill counts as surviving.
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean) ?? [];

const config = mergeConfig(base, defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } }));
// Set, not merged: mergeConfig would add these files to the base's pattern instead of replacing it.
if (only.length > 0) config.test = { ...config.test, include: only };

export default config;
