import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `npm run check-policy` over a policy written to a temporary file: what it prints and its exit status. */
export function runCheckPolicy(policy: unknown): { output: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'handoff-check-policy-'));
  try {
    const file = join(dir, 'handoff.json');
    writeFileSync(file, JSON.stringify(policy));
    try {
      return {
        output: execFileSync('npx', ['tsx', 'scripts/check-policy.ts', file], { encoding: 'utf8' }),
        status: 0,
      };
    } catch (error) {
      const { stdout, status } = error as { stdout: string; status: number };
      return { output: stdout, status };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
