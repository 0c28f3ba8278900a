import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkThrough } from '../../scripts/walk-through';
import { expect, launchWithExtension, test } from './fixtures';

/**
 * `npm start` without a display runs this walk-through: it must get through on a fresh profile,
 * where nobody has said yet who is working (it stopped at the first Track once, unnoticed).
 */
test('the npm start walk-through gets through on a fresh profile and saves every screenshot', async ({
  ehrUrl,
}) => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'handoff-walk-'));
  const shots = mkdtempSync(join(tmpdir(), 'handoff-walk-shots-'));
  const context = await launchWithExtension(profile, undefined, { coordinator: false });
  try {
    await walkThrough(context, ehrUrl, shots);
    for (const name of ['2-tracked-openemr', '2e-history', '3-day-view', '4-dashboard', '5-metrics'])
      expect(existsSync(join(shots, `${name}.png`)), name).toBe(true);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(shots, { recursive: true, force: true });
  }
});
