import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSignIn } from '../../src/background/sign-in';
import { type Config, ConfigSchema } from '../../src/config/schema';
import { challengeOf, SignInError } from '../../src/sign-in/oauth';
import type { SignInFaultKind } from '../../src/sign-in/session';
import { storageItems } from '../../src/storage-items';

/**
 * Every refusal of the sign-in, against a stand-in identity provider answering as OpenID Connect
 * providers do (oidc-provider's own error codes and texts). The real provider is in the e2e run.
 */

const FHIR = 'https://fhir.example.org/fhir/R4';
const ISSUER = 'https://id.example.org';
const CLIENT = 'handoff';
const REDIRECT = 'https://ndimacjpppfhbgfmakondeabgjjokgaj.chromiumapp.org/';
const NOW = Date.UTC(2026, 11, 1, 9, 0);

const b64 = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256' })}.${b64(claims)}.c2ln`;

interface ProviderOptions {
  smart?: 'ok' | 'missing' | 'down';
  /** What the token endpoint answers for a code, given the form it got. */
  code?: (form: URLSearchParams) => { status: number; body: unknown };
  refresh?: (form: URLSearchParams) => { status: number; body: unknown };
  /** What the sign-in window comes back with, given the authorization URL. */
  window?: (url: URL) => string;
}

function provider(options: ProviderOptions = {}) {
  const seen = {
    authorize: undefined as URL | undefined,
    forms: [] as URLSearchParams[],
    revoked: [] as string[],
  };
  const idClaims = (nonce: string | undefined, extra: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    sub: 'dana',
    aud: CLIENT,
    iat: NOW / 1000,
    exp: NOW / 1000 + 600,
    nonce,
    name: 'Dana Reyes',
    fhirUser: `${FHIR}/Practitioner/coordinator-dana`,
    ...extra,
  });
  const tokens = (
    nonce?: string,
    access: Record<string, unknown> = {},
    id: Record<string, unknown> = {},
  ) => ({
    status: 200,
    body: {
      access_token: jwt({ aud: FHIR, iat: NOW / 1000, ...access }),
      token_type: 'Bearer',
      expires_in: 300,
      refresh_token: 'refresh-1',
      id_token: jwt(idClaims(nonce, id)),
      scope: 'openid fhirUser offline_access',
    },
  });
  const fetcher: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/.well-known/smart-configuration')) {
      if (options.smart === 'down') throw new TypeError('Failed to fetch');
      if (options.smart === 'missing') return new Response('{}', { status: 404 });
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        revocation_endpoint: `${ISSUER}/token/revocation`,
        code_challenge_methods_supported: ['S256'],
      });
    }
    const form = new URLSearchParams(String(init?.body ?? ''));
    seen.forms.push(form);
    if (url.pathname === '/token/revocation') {
      seen.revoked.push(form.get('token') ?? '');
      return new Response(null, { status: 200 });
    }
    if (form.get('grant_type') === 'refresh_token') {
      const answer = options.refresh?.(form) ?? tokens(undefined);
      return Response.json(answer.body, { status: answer.status });
    }
    const nonce = seen.authorize?.searchParams.get('nonce') ?? undefined;
    const answer = options.code?.(form) ?? tokens(nonce);
    return Response.json(answer.body, { status: answer.status });
  };
  const launch = async (address: string) => {
    const url = new URL(address);
    seen.authorize = url;
    return (
      options.window?.(url) ??
      `${REDIRECT}?code=the-code&state=${url.searchParams.get('state')}&iss=${encodeURIComponent(ISSUER)}`
    );
  };
  return { fetcher, launch, seen, tokens, idClaims };
}

const policy = (signIn: Record<string, unknown> = { clientId: CLIENT }): Config =>
  ConfigSchema.parse({ teamQueue: { fhirBaseUrl: FHIR, team: { code: 'desk-a' } }, signIn });

function signInWith(stand: ReturnType<typeof provider>, config = policy(), now = () => NOW) {
  const cleared: number[] = [];
  const signIn = createSignIn({
    config: () => config,
    clearTeamData: async () => {
      cleared.push(now());
    },
    changed: async () => {},
    fetch: stand.fetcher,
    launch: stand.launch,
    redirectUri: () => REDIRECT,
    now,
  });
  return { signIn, cleared };
}

async function faultOf(
  stand: ReturnType<typeof provider>,
  config?: Config,
): Promise<SignInFaultKind | undefined> {
  const { signIn } = signInWith(stand, config);
  const status = await signIn.signIn();
  expect(status.state).not.toBe('signed-in');
  expect(await signIn.accessToken()).toBeUndefined();
  return status.faults[0]?.kind;
}

const sessionHolds = async () =>
  JSON.stringify(await fakeBrowser.storage.session.get(null as unknown as string[]));
const localHolds = async () =>
  JSON.stringify(await fakeBrowser.storage.local.get(null as unknown as string[]));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('sign-in', () => {
  it('signs in with PKCE (S256), the FHIR server as audience, and names who signed in', async () => {
    const stand = provider();
    const { signIn } = signInWith(stand);
    const status = await signIn.signIn();
    expect(status.state).toBe('signed-in');
    expect(status.user).toEqual({
      name: 'Dana Reyes',
      fhirUser: `${FHIR}/Practitioner/coordinator-dana`,
      subject: 'dana',
      issuer: ISSUER,
    });
    const asked = stand.seen.authorize?.searchParams;
    expect(asked?.get('client_id')).toBe(CLIENT);
    expect(asked?.get('aud')).toBe(FHIR);
    expect(asked?.get('redirect_uri')).toBe(REDIRECT);
    expect(asked?.get('code_challenge_method')).toBe('S256');
    const verifier = stand.seen.forms[0]?.get('code_verifier') ?? '';
    expect(verifier.length).toBeGreaterThanOrEqual(43);
    expect(asked?.get('code_challenge')).toBe(await challengeOf(verifier));
    expect(await signIn.accessToken()).toMatch(/^ey/);
  });

  it('keeps tokens in session storage only, never in local storage', async () => {
    const stand = provider();
    const { signIn } = signInWith(stand);
    await signIn.signIn();
    const token = await signIn.accessToken();
    expect(token).toBeTruthy();
    expect(await sessionHolds()).toContain(String(token));
    expect(await localHolds()).not.toContain('refresh-1');
    expect(await localHolds()).not.toContain(String(token));
    // The status the pages read carries no secret.
    const status = (await fakeBrowser.storage.session.get(storageItems.signInStatus.key))[
      storageItems.signInStatus.key
    ];
    expect(JSON.stringify(status)).not.toContain('refresh-1');
    expect(JSON.stringify(status)).not.toContain(String(token));
  });
});

describe('sign-in refusals, each named for whoever fixes it', () => {
  it('a missing client id: not configured, and nothing opened', async () => {
    const stand = provider();
    expect(await faultOf(stand, policy({}))).toBe('not-configured');
    expect(stand.seen.authorize).toBeUndefined();
  });

  it('a wrong client id: the provider’s invalid_client', async () => {
    const stand = provider({
      code: () => ({
        status: 401,
        body: { error: 'invalid_client', error_description: 'client authentication failed' },
      }),
    });
    expect(await faultOf(stand)).toBe('client-id');
  });

  it('an issuer that does not answer, and a server without SMART configuration', async () => {
    expect(await faultOf(provider({ smart: 'down' }))).toBe('issuer-unreachable');
    expect(await faultOf(provider({ smart: 'missing' }))).toBe('discovery');
    // Endpoints set by policy need no discovery.
    const stand = provider({ smart: 'down' });
    const { signIn } = signInWith(
      stand,
      policy({ clientId: CLIENT, authorizationEndpoint: `${ISSUER}/auth`, tokenEndpoint: `${ISSUER}/token` }),
    );
    expect((await signIn.signIn()).state).toBe('signed-in');
  });

  it('a denied consent', async () => {
    const stand = provider({
      window: (url) =>
        `${REDIRECT}?error=access_denied&error_description=End-User+aborted+interaction&state=${url.searchParams.get('state')}`,
    });
    expect(await faultOf(stand)).toBe('consent-denied');
    expect(stand.seen.forms).toEqual([]);
  });

  it('a closed sign-in window names the redirect URI to check', async () => {
    const stand = provider();
    const closing = createSignIn({
      config: () => policy(),
      clearTeamData: async () => {},
      changed: async () => {},
      fetch: stand.fetcher,
      launch: async () => {
        throw new Error('The user did not approve access.');
      },
      redirectUri: () => REDIRECT,
      now: () => NOW,
    });
    const status = await closing.signIn();
    expect(status.faults[0]?.kind).toBe('cancelled');
    expect(status.faults[0]?.detail).toContain(REDIRECT);
  });

  it('a state mismatch: the answer is ignored, no code is exchanged', async () => {
    const stand = provider({ window: () => `${REDIRECT}?code=stolen&state=another` });
    expect(await faultOf(stand)).toBe('state-mismatch');
    expect(stand.seen.forms).toEqual([]);
  });

  it('a nonce mismatch in the ID token', async () => {
    const stand = provider();
    const mismatched = provider({ code: () => stand.tokens('another-nonce') });
    expect(await faultOf(mismatched)).toBe('state-mismatch');
  });

  it('a PKCE mismatch: the provider’s invalid_grant on the verifier', async () => {
    const stand = provider({
      code: () => ({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'PKCE verification failed' },
      }),
    });
    expect(await faultOf(stand)).toBe('pkce-mismatch');
  });

  it('a token for the wrong audience: access token for another server, or ID token for another client', async () => {
    const other = provider();
    const wrongServer = provider({
      code: () => other.tokens(undefined, { aud: 'https://other.example.org/fhir' }),
    });
    expect(await faultOf(wrongServer)).toBe('wrong-audience');
    const wrongClient = provider({ code: () => other.tokens(undefined, {}, { aud: 'someone-else' }) });
    expect(await faultOf(wrongClient)).toBe('wrong-audience');
    const refused = provider({
      code: () => ({
        status: 400,
        body: { error: 'invalid_target', error_description: 'resource indicator is missing, or unknown' },
      }),
    });
    expect(await faultOf(refused)).toBe('wrong-audience');
  });

  it('a clock skew of more than five minutes, either way', async () => {
    for (const minutes of [10, -20]) {
      const stand = provider();
      const skewed = provider({
        code: (form) => {
          void form;
          const nonce = skewed.seen.authorize?.searchParams.get('nonce') ?? undefined;
          const at = NOW / 1000 + minutes * 60;
          return stand.tokens(nonce, { iat: at }, { iat: at, exp: at + 600 });
        },
      });
      expect(await faultOf(skewed)).toBe('clock-skew');
    }
  });

  it('an expired refresh token: "sign in again", nothing sent until then', async () => {
    let now = NOW;
    const stand = provider({
      refresh: () => ({
        status: 400,
        body: { error: 'invalid_grant', error_description: 'grant request is invalid' },
      }),
    });
    const { signIn } = signInWith(stand, policy(), () => now);
    expect((await signIn.signIn()).state).toBe('signed-in');
    now += 290_000;
    expect(await signIn.accessToken()).toBeUndefined();
    const status = await signIn.status();
    expect(status.state).toBe('sign-in-again');
    expect(status.faults[0]?.kind).toBe('refresh-expired');
    expect(status.user?.name).toBe('Dana Reyes');
    expect(await fakeBrowser.storage.session.get(storageItems.signInTokens.key)).toEqual({});
  });

  it('refreshes silently before the access token runs out', async () => {
    let now = NOW;
    const stand = provider({
      refresh: (form) => {
        expect(form.get('refresh_token')).toBe('refresh-1');
        return stand.tokens(undefined, { jti: 'renewed' });
      },
    });
    const { signIn } = signInWith(stand, policy(), () => now);
    await signIn.signIn();
    const first = await signIn.accessToken();
    now += 250_000;
    const renewed = await signIn.accessToken();
    expect(renewed).not.toBe(first);
    expect((await signIn.status()).state).toBe('signed-in');
    const alarm = await fakeBrowser.alarms.get('sign-in-refresh');
    expect(alarm?.scheduledTime).toBe(now + 240_000);
  });

  it('a provider away at refresh time is asked again later; the sign-in stands', async () => {
    let now = NOW;
    let away = false;
    const stand = provider();
    const flaky = provider({
      refresh: () => {
        if (away) throw new TypeError('Failed to fetch');
        return stand.tokens();
      },
    });
    const wrapped: typeof fetch = async (input, init) => {
      if (away && String(input).endsWith('/token')) throw new TypeError('Failed to fetch');
      return flaky.fetcher(input, init);
    };
    const signIn = createSignIn({
      config: () => policy(),
      clearTeamData: async () => {},
      changed: async () => {},
      fetch: wrapped,
      launch: flaky.launch,
      redirectUri: () => REDIRECT,
      now: () => now,
    });
    await signIn.signIn();
    away = true;
    now += 290_000;
    expect(await signIn.accessToken()).toBeUndefined();
    expect((await signIn.status()).state).toBe('signed-in');
    expect((await signIn.status()).faults[0]?.kind).toBe('issuer-unreachable');
  });
});

describe('sign-out', () => {
  it('revokes the tokens, forgets them, and by policy clears the team data', async () => {
    const stand = provider();
    const { signIn, cleared } = signInWith(stand);
    await signIn.signIn();
    const token = await signIn.accessToken();
    const status = await signIn.signOut();
    expect(status.state).toBe('signed-out');
    expect(stand.seen.revoked).toEqual(['refresh-1', token]);
    expect(await signIn.accessToken()).toBeUndefined();
    expect(await sessionHolds()).not.toContain('refresh-1');
    expect(cleared).toHaveLength(1);
  });

  it('keeps the team data when the policy says so', async () => {
    const { signIn, cleared } = signInWith(
      provider(),
      policy({ clientId: CLIENT, clearTeamDataOnSignOut: false }),
    );
    await signIn.signIn();
    await signIn.signOut();
    expect(cleared).toEqual([]);
  });
});

it('SignInError carries its kind', () => {
  expect(new SignInError('clock-skew', 'x').kind).toBe('clock-skew');
});
