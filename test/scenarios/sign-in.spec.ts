import { createHash } from 'node:crypto';
import type { Provenance } from 'fhir/r4';
import { CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID } from '../../src/extension-identity';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';
import {
  COORDINATORS,
  startIdentityProvider,
  type TestIdentityProvider,
} from '../identity-provider/provider';
import { firstReferral, seedQueue } from './demo';
import { expect, test } from './fixtures';

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider, test/identity-provider) in every
 * browser: the browser's own sign-in window (launchWebAuthFlow) shows the provider's pages, and
 * the team queue then syncs as the coordinator who signed in. Each browser has its own redirect
 * URI (docs/admin-guide.md): Chromium's `https://<extension id>.chromiumapp.org/`, Firefox's
 * `https://<SHA-1 of the add-on id>.extensions.allizom.org/`.
 */

const REDIRECT = {
  chromium: `https://${CHROME_EXTENSION_ID}.chromiumapp.org/`,
  firefox: `https://${createHash('sha1').update(FIREFOX_EXTENSION_ID).digest('hex')}.extensions.allizom.org/`,
};

interface Servers {
  fhir: FhirTestServer;
  idp: TestIdentityProvider;
}

const signIn = test.extend<{ servers: Servers }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  servers: async ({}, use) => {
    let idp: TestIdentityProvider | undefined;
    const fhir = await startFhirServer({
      authorize: async (authorization) =>
        idp?.verifyAccessToken(authorization) ?? { refused: 'no provider yet' },
      smartConfiguration: () => idp?.smartConfiguration() ?? {},
    });
    idp = await startIdentityProvider({
      fhirBaseUrl: fhir.baseUrl,
      redirectUris: [REDIRECT.chromium, REDIRECT.firefox],
    });
    try {
      await use({ fhir, idp });
    } finally {
      await idp.stop();
      await fhir.stop();
    }
  },
  // The browser starts with the team queue and sign-in in its managed policy (the fixture writes it).
  policy: async ({ servers }, use) => {
    await use({
      teamQueue: { fhirBaseUrl: servers.fhir.baseUrl, team: { code: 'north-desk' }, pollSeconds: 30 },
      signIn: { clientId: 'handoff' },
    });
  },
});

signIn(
  'signs in on the provider’s own page in the browser’s sign-in window, then syncs as that coordinator',
  async ({ driver, servers }) => {
    signIn.setTimeout(120_000);
    const { fhir, idp } = servers;
    // The redirect URI the admin registers is the one this browser gives the extension.
    expect(await driver.inExtension((ext) => ext.identity.getRedirectURL())).toBe(
      REDIRECT[driver.browserName],
    );

    const options = await driver.openExtensionPage('options.html');
    await expect.poll(() => options.text({ testId: 'sign-in' })).toContain('Not signed in');
    const opened = driver.signInWindow(idp.issuer);
    await options.click({ role: 'button', name: 'Sign in' });
    const window = await opened;
    await expect.poll(() => window.count({ label: 'User name' })).toBe(1);
    await window.fill({ label: 'User name' }, COORDINATORS.dana.login);
    await window.fill({ label: 'Password' }, COORDINATORS.dana.password);
    await window.click({ role: 'button', name: 'Sign in' });
    const allow = { role: 'button', name: 'Allow' };
    await expect.poll(() => window.count(allow).catch(() => 0)).toBe(1);
    await window.click(allow);
    await expect
      .poll(() => options.text({ testId: 'signed-in-as' }), { timeout: 30_000 })
      .toBe('Signed in as Dana Reyes (Practitioner/coordinator-dana).');

    // A referral tracked now reaches the server as Dana's: her token on every request, her
    // Practitioner as the author of its creation.
    await seedQueue(driver, [firstReferral('openemr')]);
    await expect
      .poll(async () => (await fhir.repo.search({ resourceType: 'Task' })).entry?.length ?? 0, {
        timeout: 30_000,
      })
      .toBe(1);
    const served = fhir.requests.filter(
      (request) => request.status < 400 && !request.url.includes('.well-known'),
    );
    expect(served.length).toBeGreaterThan(0);
    expect(new Set(served.map((request) => request.subject))).toEqual(new Set(['dana']));
    await expect
      .poll(
        async () =>
          ((await fhir.repo.search({ resourceType: 'Provenance' })).entry ?? []).map(({ resource }) => {
            const { activity, agent } = resource as Provenance;
            return [activity?.coding?.[0]?.code, agent[0]?.who.reference];
          }),
        { timeout: 30_000 },
      )
      .toEqual([['created', COORDINATORS.dana.fhirUser]]);
  },
);
