/**
 * `npm start`: builds the extension, serves the demo EHR on 127.0.0.1 and opens Chromium with
 * Handoff loaded. Without a display it runs the walk-through headless and saves screenshots.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { startDemoEhr } from '../test/demo-ehr/server';
import { CHROMIUM_PATH, chromiumArgs } from './chromium';
import { walkThrough } from './walk-through';

const EXTENSION_DIR = resolve('.output/chrome-mv3');
const SCREENSHOTS = resolve('screenshots');
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
const ehr = await startDemoEhr({ port: Number(process.env.DEMO_EHR_PORT ?? 8765) });
console.log(`Demo EHR (synthetic patients only): ${ehr.url}/`);

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'handoff-start-')), {
  executablePath: CHROMIUM_PATH,
  headless,
  args: chromiumArgs(EXTENSION_DIR),
  viewport: headless ? { width: 1400, height: 900 } : null,
});

if (headless) {
  console.log('No display: running the walk-through headless.');
  try {
    await walkThrough(context, ehr.url, SCREENSHOTS);
  } finally {
    await context.close();
    await ehr.close();
  }
} else {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${ehr.url}/`);
  console.log('Chromium is open with Handoff loaded. Close it (or press Ctrl+C) to stop.');
  const stop = async () => {
    await context.close().catch(() => {});
    await ehr.close();
    process.exit(0);
  };
  context.on('close', stop);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
