import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { type FhirTestServer, startFhirServer } from '../fhir-server/server';
import { startIdentityProvider, type TestIdentityProvider } from '../identity-provider/provider';

/** Where the provider sends the browser back: launchWebAuthFlow's address for the extension. */
export const SIGN_IN_REDIRECT = `https://${CHROME_EXTENSION_ID}.chromiumapp.org/`;

export interface SignedInFhir {
  fhir: FhirTestServer;
  idp: TestIdentityProvider;
  /** The policy naming both: the team queue on that server, sign-in with that provider. */
  policy: { teamQueue: Record<string, unknown>; signIn: Record<string, unknown> };
  stop(): Promise<void>;
}

/**
 * A FHIR test server that takes only the test identity provider's access tokens for its own base
 * URL (and publishes the provider in its SMART configuration), with that provider beside it.
 */
export async function startSignedInFhir(
  options: { accessTokenSeconds?: number } = {},
): Promise<SignedInFhir> {
  let idp: TestIdentityProvider | undefined;
  const fhir = await startFhirServer({
    authorize: async (authorization) =>
      idp?.verifyAccessToken(authorization) ?? { refused: 'no provider yet' },
    smartConfiguration: () => idp?.smartConfiguration() ?? {},
  });
  const provider = await startIdentityProvider({
    fhirBaseUrl: fhir.baseUrl,
    redirectUris: [SIGN_IN_REDIRECT],
    ...(options.accessTokenSeconds && { accessTokenSeconds: options.accessTokenSeconds }),
  });
  idp = provider;
  return {
    fhir,
    idp: provider,
    policy: {
      teamQueue: { fhirBaseUrl: fhir.baseUrl, team: { code: 'north-desk' }, pollSeconds: 30 },
      signIn: { clientId: provider.clientId },
    },
    async stop() {
      await provider.stop();
      await fhir.stop();
    },
  };
}
