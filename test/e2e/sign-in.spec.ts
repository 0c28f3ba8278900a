import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { Provenance } from 'fhir/r4';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { storageItems } from '../../src/storage-items';
import type { FhirTestServer } from '../fhir-server/server';
import { COORDINATORS, type TestIdentityProvider } from '../identity-provider/provider';
import { answerSignInWindow } from '../identity-provider/sign-in-window';
import { trackInNewTab } from './demo';
import { expect, extensionWorker, launchWithExtension, TEST_COORDINATOR, test } from './fixtures';
import { removePolicy, writePolicy } from './policy';
import { type SignedInFhir, startSignedInFhir } from './signed-in-fhir';

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider, test/identity-provider) to a FHIR
 * server that takes only its tokens (audience = the server's base URL). Chromium's own sign-in
 * window (launchWebAuthFlow) shows the provider's pages; the redirect URI is the extension's
 * https://<id>.chromiumapp.org/.
 */

const EXTENSION = `chrome-extension://${CHROME_EXTENSION_ID}`;

interface World {
  fhir: FhirTestServer;
  idp: TestIdentityProvider;
  context: BrowserContext;
  worker: Worker;
}

const signedIn = test.extend<World & { servers: SignedInFhir }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  servers: async ({}, use) => {
    // Access tokens live 75 s: the refresh alarm (60 s before expiry, at least 30 s) renews at 30 s.
    const servers = await startSignedInFhir({ accessTokenSeconds: 75 });
    try {
      writePolicy(servers.policy);
      await use(servers);
    } finally {
      removePolicy();
      await servers.stop();
    }
  },
  fhir: async ({ servers }, use) => {
    await use(servers.fhir);
  },
  idp: async ({ servers }, use) => {
    await use(servers.idp);
  },
  context: async ({ fhir }, use) => {
    void fhir;
    const profile = mkdtempSync(join(tmpdir(), 'handoff-sign-in-'));
    const context = await launchWithExtension(profile);
    try {
      await use(context);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  },
  worker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
});

async function openExtension(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${EXTENSION}/${path}`);
  return page;
}

/** The Tasks on the server (this test's alone), read from its repository, not over HTTP. */
async function teamTasks(fhir: FhirTestServer): Promise<unknown[]> {
  const bundle = await fhir.repo.search({ resourceType: 'Task' });
  return bundle.entry ?? [];
}

/** Each Provenance on the server as [what was done, who did it: their reference, else their initials]. */
async function authors(fhir: FhirTestServer): Promise<string[][]> {
  const bundle = await fhir.repo.search({ resourceType: 'Provenance' });
  return (bundle.entry ?? [])
    .map(({ resource }) => {
      const { activity, agent } = resource as Provenance;
      return [activity?.coding?.[0]?.code ?? '', agent[0]?.who.reference ?? agent[0]?.who.display ?? ''];
    })
    .sort((a, b) => a.join().localeCompare(b.join()));
}

const sessionTokens = (worker: Worker) =>
  worker.evaluate(
    async (key) =>
      (await chrome.storage.session.get(key))[key] as { accessToken: string; refreshToken?: string },
    storageItems.signInTokens.key,
  );

signedIn(
  'sign in on the provider’s page, sync as that user, refresh silently, sign in again after a revoked refresh token, sign out clears the team data',
  async ({ fhir, idp, context, worker, ehrUrl }) => {
    signedIn.setTimeout(240_000);

    // Before sign-in: a referral tracked here waits on this computer; the server hears nothing.
    await trackInNewTab(context, ehrUrl, 'R-1003');
    const options = await openExtension(context, 'options.html');
    const section = options.getByTestId('sign-in');
    await expect(section).toContainText('Not signed in');
    const sidePanel = await openExtension(context, 'sidepanel.html');
    await expect(sidePanel.getByTestId('sign-in-notice')).toContainText('Not signed in');
    await expect(sidePanel.getByTestId('team-queue-waiting')).toContainText('1');
    expect(fhir.requests.filter((request) => !request.url.includes('.well-known'))).toEqual([]);

    // Sign in through the provider's own pages, in the browser's sign-in window.
    const answered = answerSignInWindow(context, idp.issuer, COORDINATORS.dana);
    await section.getByRole('button', { name: 'Sign in' }).click();
    await answered;
    await expect(section.getByTestId('signed-in-as')).toHaveText(
      'Signed in as Dana Reyes (Practitioner/coordinator-dana).',
    );
    await expect(sidePanel.getByTestId('sign-in-notice')).toHaveCount(0);

    // The outbox drains as Dana: every request the FHIR server took carried her token.
    await expect.poll(async () => (await teamTasks(fhir)).length, { timeout: 30_000 }).toBe(1);
    // (SMART discovery is public: every FHIR request proper carried Dana's token.)
    const served = fhir.requests.filter(
      (request) => request.status < 400 && !request.url.includes('.well-known'),
    );
    expect(served.length).toBeGreaterThan(0);
    expect(new Set(served.map((request) => request.subject))).toEqual(new Set(['dana']));
    await expect(sidePanel.getByTestId('team-queue-waiting')).toContainText('Every change is on the server');

    // An attempt Dana logs reaches the server with her Practitioner as its sender.
    await sidePanel.evaluate(async () => {
      const listed = await chrome.runtime.sendMessage({ type: 'list-referrals', limit: 5 });
      const { id, version } = listed.value.referrals[0];
      const logged = await chrome.runtime.sendMessage({
        type: 'log-outreach',
        id,
        version,
        party: 'patient',
        channel: 'phone',
        outcome: 'no-answer',
      });
      if (!logged.ok) throw new Error(logged.error);
    });
    await expect
      .poll(async () => (await fhir.repo.search({ resourceType: 'Communication' })).entry?.[0]?.resource, {
        timeout: 30_000,
      })
      .toMatchObject({ sender: { reference: 'Practitioner/coordinator-dana' } });
    // Who did what, on the server: the referral tracked before sign-in under the initials given in
    // options alone, the attempt under Dana's Practitioner.
    await expect
      .poll(() => authors(fhir), { timeout: 30_000 })
      .toEqual([
        ['created', TEST_COORDINATOR.initials],
        ['outreach', 'Practitioner/coordinator-dana'],
      ]);

    // The access token runs out after 75 s; the refresh alarm renews it before, silently.
    const first = await sessionTokens(worker);
    await expect
      .poll(async () => (await sessionTokens(worker))?.accessToken, { timeout: 70_000, intervals: [2_000] })
      .not.toBe(first.accessToken);
    await expect(section.getByTestId('signed-in-as')).toContainText('Dana Reyes');
    const renewed = await sessionTokens(worker);
    expect(await idp.verifyAccessToken(`Bearer ${renewed.accessToken}`)).toEqual({ subject: 'dana' });

    // An admin revokes the refresh token: at the next renewal Dana is asked to sign in again.
    await idp.revoke(String(renewed.refreshToken));
    await expect(sidePanel.getByTestId('sign-in-notice')).toContainText('sign in again', {
      timeout: 70_000,
    });
    await expect(section.getByTestId('sign-in-faults')).toContainText('Your sign-in has ended');

    // A change made meanwhile stays in the outbox; nothing reaches the server.
    const before = fhir.requests.length;
    await trackInNewTab(context, ehrUrl, 'R-1001');
    await expect(sidePanel.getByTestId('team-queue-waiting')).toContainText('1');
    expect(fhir.requests.slice(before).filter((request) => request.status < 400)).toEqual([]);
    expect(await teamTasks(fhir)).toHaveLength(1);

    // Signing in again from the side panel sends it.
    const again = answerSignInWindow(context, idp.issuer, COORDINATORS.dana);
    await sidePanel.getByRole('button', { name: 'Sign in again' }).click();
    await again;
    await expect.poll(async () => (await teamTasks(fhir)).length, { timeout: 30_000 }).toBe(2);
    // Tracked while her sign-in needed renewing: still Dana's change, and so named on the server.
    await expect
      .poll(() => authors(fhir), { timeout: 30_000 })
      .toContainEqual(['created', 'Practitioner/coordinator-dana']);
    await expect(sidePanel.getByTestId('team-queue-waiting')).toContainText('Every change is on the server');

    // Sign-out on a shared workstation: the team's referrals leave this computer.
    await section.getByRole('button', { name: 'Sign out' }).click();
    await expect(section).toContainText('Not signed in');
    await expect(sidePanel.getByText('No referrals tracked yet')).toBeVisible({ timeout: 15_000 });
    const left = await worker.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('handoff');
          open.onsuccess = () => {
            const count = open.result.transaction('referrals').objectStore('referrals').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(left).toBe(0);
    // The tokens are gone from the browser, and revoked at the provider.
    expect(await sessionTokens(worker)).toBeUndefined();
  },
);

signedIn('a denied consent is named, and nothing is sent', async ({ fhir, idp, context }) => {
  const options = await openExtension(context, 'options.html');
  const section = options.getByTestId('sign-in');
  const answered = answerSignInWindow(context, idp.issuer, COORDINATORS.lee, 'Deny');
  await section.getByRole('button', { name: 'Sign in' }).click();
  await answered;
  await expect(section.getByTestId('sign-in-faults')).toContainText('Access was not granted');
  await expect(section).toContainText('Not signed in');
  expect(
    fhir.requests.filter((request) => request.status < 400 && !request.url.includes('.well-known')),
  ).toEqual([]);
});
