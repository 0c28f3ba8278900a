import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The unit tests as mutation testing runs them (stryker.config.mjs): the same tests, with room for
 * the shared, busy cores Stryker runs on, where a test that takes 2 s alone can take over 5 s. A
 * mutant's endless loop is still cut off by Stryker's own timeout.
 */
export default mergeConfig(base, defineConfig({ test: { testTimeout: 30_000, hookTimeout: 30_000 } }));
