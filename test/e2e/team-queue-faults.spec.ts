import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Provenance, Task } from 'fhir/r4';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { type Fault, type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { trackInNewTab } from './demo';
import { expect, extensionWorker, launchWithExtension, test } from './fixtures';
import { removePolicy, writePolicy } from './policy';

/**
 * The team's FHIR server misbehaving under a real coordinator's browser: down, failing with 500s,
 * answering what is not JSON, refusing with markup in its text, and too slow to answer. Each time
 * the panel still tracks, the side panel still lists, the change waits in the outbox, the status
 * line says what is wrong (as text), and once the server is itself again every change arrives
 * exactly once.
 */

const EXTENSION = `chrome-extension://${CHROME_EXTENSION_ID}`;
const TEAM = 'urn:handoff:team|fault-desk';

/** Read in the repository itself: the server's HTTP side may be the very thing failing. */
async function tasksOnServer(server: FhirTestServer): Promise<Task[]> {
  const [system, code] = TEAM.split('|');
  const tasks = (await server.repo.searchResources({ resourceType: 'Task', count: 100 })) as Task[];
  return tasks.filter((task) => task.meta?.tag?.some((tag) => tag.system === system && tag.code === code));
}

/** The side panel, opened again: a queue view opening makes the background sync at once. */
async function reopen(sidePanel: Page): Promise<void> {
  await sidePanel.reload();
}

test('the FHIR server down, failing, malformed, hostile and slow: work goes on, the status says why, nothing is lost', async ({
  ehrUrl,
}) => {
  test.setTimeout(300_000);
  let fault: Fault | undefined;
  const server = await startFhirServer({ fault: () => fault });
  const profile = mkdtempSync(join(tmpdir(), 'handoff-team-faults-'));
  writePolicy({
    teamQueue: { fhirBaseUrl: server.baseUrl, team: { code: 'fault-desk' }, pollSeconds: 30 },
  });
  const context = await launchWithExtension(profile);
  try {
    await extensionWorker(context);
    const sidePanel = await context.newPage();
    await sidePanel.goto(`${EXTENSION}/sidepanel.html`);
    const status = sidePanel.getByTestId('team-queue-status');
    const list = sidePanel.getByRole('list', { name: /Referrals, page 1/ });
    await expect(status).toContainText('Every change is on the server');

    // Down: tracked all the same, listed, and the status says the server is unreachable.
    await server.stop();
    const first = await trackInNewTab(context, ehrUrl, 'R-1003');
    await reopen(sidePanel);
    await expect(list).toContainText(first);
    await expect(status).toContainText('Server unreachable');
    await expect(status.getByTestId('team-queue-waiting')).toContainText('1 change waiting');

    // Back, but failing with 500s: another referral waits beside the first.
    await server.restart();
    fault = { kind: 'status', status: 500 };
    const second = await trackInNewTab(context, ehrUrl, 'R-1001');
    await reopen(sidePanel);
    await expect(list).toContainText(second);
    await expect(status).toContainText('The server failed (server error 500)');
    await expect(status.getByTestId('team-queue-waiting')).toContainText('2 changes waiting');

    // An answer that is not JSON.
    fault = {
      kind: 'status',
      status: 200,
      body: '<html><body>maintenance</body></html>',
      contentType: 'text/html',
    };
    await reopen(sidePanel);
    await expect(status).toContainText("The server's answer could not be used (the answer is not JSON)");

    // A refusal whose text carries markup: shown as text, never run.
    const hostile = '<img src=x onerror="document.title=\'pwned\'">Refused by <b>policy</b>';
    fault = {
      kind: 'status',
      status: 422,
      body: JSON.stringify({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', diagnostics: hostile }],
      }),
    };
    await reopen(sidePanel);
    await expect(status).toContainText(`The server refused a change: ${hostile}`);
    expect(await status.locator('img, b').count()).toBe(0);
    expect(await sidePanel.title()).not.toBe('pwned');

    // Too slow: no answer within the client's time limit (20 s, a batch 60 s) is "unreachable",
    // and the queue still works meanwhile.
    fault = { kind: 'hang' };
    await reopen(sidePanel);
    await expect(list).toContainText(first);
    await expect(status).toContainText('no answer in time', { timeout: 75_000 });
    await expect(list).toContainText(first);
    await expect(list).toContainText(second);
    expect(await tasksOnServer(server)).toHaveLength(0);

    // Itself again: the outbox drains, each referral once.
    fault = undefined;
    await server.restart();
    await reopen(sidePanel);
    await expect(status).toContainText('Every change is on the server', { timeout: 30_000 });
    await expect(sidePanel.getByTestId('team-queue-errors')).toHaveCount(0);
    const tasks = await tasksOnServer(server);
    expect(tasks).toHaveLength(2);
    const keys = new Set(tasks.map((task) => task.identifier?.[0]?.value));
    expect(keys.size).toBe(2);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    removePolicy();
    await server.stop();
  }
});

test('the server stops in the middle of a burst of changes and comes back: every change arrives exactly once', async ({
  ehrUrl,
}) => {
  test.setTimeout(180_000);
  const server = await startFhirServer();
  const profile = mkdtempSync(join(tmpdir(), 'handoff-team-burst-'));
  writePolicy({
    teamQueue: { fhirBaseUrl: server.baseUrl, team: { code: 'fault-desk' }, pollSeconds: 30 },
  });
  const context = await launchWithExtension(profile);
  try {
    await extensionWorker(context);
    for (const id of ['R-1001', 'R-1003', 'R-1004']) await trackInNewTab(context, ehrUrl, id);
    const sidePanel = await context.newPage();
    await sidePanel.goto(`${EXTENSION}/sidepanel.html`);
    const status = sidePanel.getByTestId('team-queue-status');
    await expect(status).toContainText('Every change is on the server', { timeout: 30_000 });

    // Two calls logged on each referral, one after another as fast as the background takes them;
    // the server goes away after the first three.
    const referralIds = await sidePanel.evaluate(async () => {
      const reply = (await chrome.runtime.sendMessage({ type: 'query-queue', query: { limit: 10 } })) as {
        value: { referrals: { id: string }[] };
      };
      return reply.value.referrals.map((referral) => referral.id);
    });
    expect(referralIds).toHaveLength(3);
    for (const [index, id] of [...referralIds, ...referralIds].entries()) {
      if (index === 3) await server.stop();
      await sidePanel.evaluate(async (referralId) => {
        const current = (await chrome.runtime.sendMessage({ type: 'get-referral', id: referralId })) as {
          value: { referral: { version: number } };
        };
        const reply = (await chrome.runtime.sendMessage({
          type: 'log-outreach',
          id: referralId,
          version: current.value.referral.version,
          party: 'patient',
          channel: 'phone',
          outcome: 'no-answer',
        })) as { ok: boolean; error?: string };
        if (!reply.ok) throw new Error(reply.error);
      }, id);
    }
    await reopen(sidePanel);
    await expect(status).toContainText('Server unreachable', { timeout: 30_000 });
    await expect(status.getByTestId('team-queue-waiting')).not.toHaveText('');

    await server.restart();
    await reopen(sidePanel);
    await expect(status).toContainText('Every change is on the server', { timeout: 60_000 });
    // Three referrals, six calls: each once on the server, as Communications and in the Tasks.
    const tasks = await tasksOnServer(server);
    expect(tasks).toHaveLength(3);
    const communications = (await server.repo.searchResources({
      resourceType: 'Communication',
      count: 100,
    })) as { identifier?: { value?: string }[] }[];
    const attemptIds = communications.map((communication) => communication.identifier?.[0]?.value);
    expect(attemptIds).toHaveLength(6);
    expect(new Set(attemptIds).size).toBe(6);
    // Who did what: a Provenance for each of the six calls, none twice.
    const provenance = (await server.repo.searchResources({
      resourceType: 'Provenance',
      count: 100,
    })) as Provenance[];
    const calls = provenance.filter((record) => record.activity?.coding?.[0]?.code === 'outreach');
    expect(calls).toHaveLength(6);
    const made = (record: Provenance) =>
      `${record.target[0]?.reference?.split('/_history')[0]} ${record.occurredDateTime}`;
    expect(new Set(calls.map(made)).size).toBe(6);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    removePolicy();
    await server.stop();
  }
});
