// Mutation testing of the domain core: `npm run mutation` (not part of `npm test`; it takes long).
// One area at a time: `MUTATION_AREA=queue npm run mutation` (areas below); its reports and its
// incremental file go under reports/mutation/<area>/, so areas can be measured separately and a
// re-run tests only what changed. One mutant at a time: the machine's cores are shared.
const AREAS = {
  referral: ['src/referral/**/*.ts'],
  queue: ['src/queue/**/*.ts'],
  detection: ['src/detection/**/*.ts'],
  config: ['src/config/**/*.ts'],
  'request-handler': ['src/background/request-handler.ts', 'src/background/handlers/*.ts'],
};
const area = process.env.MUTATION_AREA;
if (area !== undefined && !(area in AREAS))
  throw new Error(`MUTATION_AREA must be one of ${Object.keys(AREAS).join(', ')}`);
const reports = area ? `reports/mutation/${area}` : 'reports/mutation';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // Only the test files that import the mutated code run, and per test coverage picks the tests.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: area ? AREAS[area] : Object.values(AREAS).flat(),
  // A mutant reached only while modules load would re-run the whole suite for each one.
  ignoreStatic: true,
  concurrency: 1,
  incremental: true,
  incrementalFile: `${reports}/stryker-incremental.json`,
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `${reports}/index.html` },
  jsonReporter: { fileName: `${reports}/mutation.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Generous: on shared, busy cores a slow test must not pass for a mutant's endless loop.
  timeoutMS: 10000,
  dryRunTimeoutMinutes: 20,
};
