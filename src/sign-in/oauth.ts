import { z } from '../zod';
import type { SignedInUser, SignInEndpoints, SignInFaultKind, SignInTokens } from './session';

/**
 * SMART on FHIR standalone launch, the client's half: OAuth 2.0 authorization code with PKCE
 * (S256), endpoints from the FHIR server's `.well-known/smart-configuration` or from policy, and
 * every answer checked before use. Pure: the network comes in as `fetch`, the clock as `now`.
 * Tokens come straight from the token endpoint over TLS, so the ID token's claims are checked
 * (issuer, audience, times, nonce) but its signature is not (OpenID Connect Core 3.1.3.7).
 */

/** How far this computer's clock may differ from the provider's before sign-in refuses. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A refresh is tried this long before the access token runs out. */
export const REFRESH_MARGIN_MS = 60_000;
export const SIGN_IN_TIMEOUT_MS = 15_000;
const MAX_DETAIL = 300;

export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly kind: SignInFaultKind,
    /** Plain, bounded text: ours, with the provider's own words where it gave any. */
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
  }
}

const bounded = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  text.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, MAX_DETAIL);

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Tokens travel to these addresses: https only, plain http on this computer alone. */
const Url = z
  .string()
  .max(2048)
  .refine((text) => URL.canParse(text))
  .refine((text) => {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  });

/** What Handoff reads of `.well-known/smart-configuration`. */
const SmartConfiguration = z.object({
  issuer: Url.optional(),
  authorization_endpoint: Url,
  token_endpoint: Url,
  revocation_endpoint: Url.optional(),
  code_challenge_methods_supported: z.array(z.string().max(20)).max(20).optional(),
});

/** The sign-in part of the policy that this module needs. */
export interface SignInSettings {
  clientId: string;
  scopes: string;
  /** The FHIR server the tokens are for: `aud` of the authorization request. */
  fhirBaseUrl: string;
  authorizationEndpoint?: string;
  tokenEndpoint?: string;
  revocationEndpoint?: string;
}

type Fetch = typeof fetch;

async function call(fetcher: Fetch, url: string, init: RequestInit, what: string): Promise<Response> {
  try {
    return await fetcher(url, {
      ...init,
      signal: AbortSignal.timeout(SIGN_IN_TIMEOUT_MS),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (error) {
    const timedOut = (error as { name?: string } | null)?.name === 'TimeoutError';
    throw new SignInError(
      'issuer-unreachable',
      `${what} ${new URL(url).origin}: ${timedOut ? 'no answer in time' : 'could not connect'}`,
    );
  }
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (text.length > 1_000_000) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The endpoints: the policy's where it names both, else the FHIR server's SMART configuration
 * (the policy may still name the revocation endpoint).
 */
export async function discoverEndpoints(settings: SignInSettings, fetcher: Fetch): Promise<SignInEndpoints> {
  const { authorizationEndpoint, tokenEndpoint, revocationEndpoint } = settings;
  if (authorizationEndpoint && tokenEndpoint)
    return { authorizationEndpoint, tokenEndpoint, revocationEndpoint };
  const url = `${settings.fhirBaseUrl}/.well-known/smart-configuration`;
  const response = await call(fetcher, url, { headers: { accept: 'application/json' } }, 'the FHIR server');
  const parsed = SmartConfiguration.safeParse(response.ok ? await jsonOf(response) : undefined);
  if (!parsed.success)
    throw new SignInError(
      'discovery',
      response.ok
        ? `${url} is not a SMART configuration`
        : `${url} answered ${response.status}: no SMART configuration`,
    );
  const found = parsed.data;
  const methods = found.code_challenge_methods_supported;
  if (methods && !methods.includes('S256'))
    throw new SignInError('discovery', 'the provider does not offer PKCE with S256');
  return {
    issuer: found.issuer,
    authorizationEndpoint: authorizationEndpoint ?? found.authorization_endpoint,
    tokenEndpoint: tokenEndpoint ?? found.token_endpoint,
    revocationEndpoint: revocationEndpoint ?? found.revocation_endpoint,
  };
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** 32 random bytes as base64url: a PKCE verifier, a state or a nonce. */
export const randomToken = (random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)) =>
  base64url(random(new Uint8Array(32)));

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** One sign-in attempt: what goes out in the authorization request and must come back. */
export interface Attempt {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
}

export async function authorizationUrl(
  settings: SignInSettings,
  endpoints: SignInEndpoints,
  attempt: Attempt,
): Promise<string> {
  const url = new URL(endpoints.authorizationEndpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: attempt.redirectUri,
    scope: settings.scopes,
    state: attempt.state,
    nonce: attempt.nonce,
    code_challenge: await challengeOf(attempt.verifier),
    code_challenge_method: 'S256',
    // SMART's audience, and RFC 8707's resource indicator for providers that use it instead.
    aud: settings.fhirBaseUrl,
    resource: settings.fhirBaseUrl,
    // A refresh token needs consent in most providers; `offline_access` in scopes asks for one.
    prompt: 'consent',
  };
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * The code out of the address the provider sent the browser back to. The state must be the one
 * sent (a mismatch is an answer to another sign-in, or forged); an `error` names what the
 * provider refused.
 */
export function codeFromRedirect(redirectedTo: string, attempt: Attempt): string {
  const url = new URL(redirectedTo);
  const params = url.searchParams;
  if (!redirectedTo.startsWith(attempt.redirectUri.replace(/\/+$/, '')))
    throw new SignInError('malformed', 'the sign-in came back to another address');
  const error = params.get('error');
  if (params.get('state') !== attempt.state)
    throw new SignInError('state-mismatch', 'the answer carries another state than the one sent');
  if (error) throw oauthError(error, params.get('error_description') ?? '', 'authorize');
  const code = params.get('code');
  if (!code) throw new SignInError('malformed', 'the sign-in came back without a code');
  return code;
}

/** An OAuth error code as a fault: what the coordinator or the admin has to fix. */
export function oauthError(code: string, description: string, step: 'authorize' | 'code' | 'refresh') {
  const detail = bounded(description ? `${code}: ${description}` : code);
  if (code === 'access_denied' || code === 'consent_required' || code === 'interaction_required')
    return new SignInError('consent-denied', detail);
  if (code === 'invalid_client' || code === 'unauthorized_client' || code === 'unknown_client')
    return new SignInError('client-id', detail);
  if (code === 'invalid_request' && /client/i.test(description)) return new SignInError('client-id', detail);
  if (code === 'invalid_grant') {
    if (step === 'refresh') return new SignInError('refresh-expired', detail);
    if (/verifier|pkce|challenge/i.test(description)) return new SignInError('pkce-mismatch', detail);
  }
  if (code === 'invalid_target' || code === 'invalid_resource')
    return new SignInError('wrong-audience', detail);
  return new SignInError('token-refused', detail);
}

const TokenResponse = z.object({
  access_token: z.string().min(1).max(20_000),
  token_type: z.string().refine((type) => type.toLowerCase() === 'bearer', 'a Bearer token'),
  expires_in: z
    .number()
    .positive()
    .max(366 * 24 * 3600)
    .optional(),
  refresh_token: z.string().min(1).max(20_000).optional(),
  id_token: z.string().max(20_000).optional(),
  scope: z.string().max(4000).optional(),
});

const Claims = z.object({
  iss: z.string().max(2048),
  sub: z.string().min(1).max(255),
  aud: z.union([z.string().max(2048), z.array(z.string().max(2048)).max(20)]),
  exp: z.number(),
  iat: z.number(),
  nonce: z.string().max(200).optional(),
  name: z.string().max(200).optional(),
  given_name: z.string().max(100).optional(),
  family_name: z.string().max(100).optional(),
  preferred_username: z.string().max(200).optional(),
  fhirUser: z.string().max(2048).optional(),
});

/** The payload of a JWT, undecoded signature and all; undefined when it is not a JWT (opaque token). */
export function jwtPayload(token: string): unknown {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}

const audiences = (aud: string | string[] | undefined) => (aud === undefined ? [] : [aud].flat());
const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Who the ID token names, after checking it is for Handoff, from this provider, and current. */
function userOf(idToken: string, expect: Expectations, now: number): SignedInUser {
  const parsed = Claims.safeParse(jwtPayload(idToken));
  if (!parsed.success) throw new SignInError('malformed', 'the ID token could not be read');
  const claims = parsed.data;
  if (expect.issuer && !sameUrl(claims.iss, expect.issuer))
    throw new SignInError(
      'malformed',
      `the ID token comes from ${bounded(claims.iss)}, not ${expect.issuer}`,
    );
  if (!audiences(claims.aud).includes(expect.clientId))
    throw new SignInError(
      'wrong-audience',
      `the ID token is for ${bounded(audiences(claims.aud).join(', '))}`,
    );
  if (expect.nonce !== undefined && claims.nonce !== expect.nonce)
    throw new SignInError('state-mismatch', 'the ID token carries another nonce than the one sent');
  const issuedAt = claims.iat * 1000;
  if (issuedAt - now > CLOCK_SKEW_MS || now - claims.exp * 1000 > CLOCK_SKEW_MS)
    throw new SignInError('clock-skew', clockSkewText(issuedAt, now));
  const name =
    claims.name ??
    ([claims.given_name, claims.family_name].filter(Boolean).join(' ') ||
      claims.preferred_username ||
      claims.sub);
  return {
    name: bounded(name),
    subject: claims.sub,
    issuer: claims.iss,
    ...(claims.fhirUser ? { fhirUser: claims.fhirUser } : {}),
  };
}

const clockSkewText = (providerNow: number, now: number) =>
  `this computer's clock is ${Math.round(Math.abs(now - providerNow) / 60_000)} minutes ${now < providerNow ? 'behind' : 'ahead of'} the identity provider's`;

export interface Expectations {
  clientId: string;
  /** The FHIR server: a JWT access token must name it in `aud`. */
  audience: string;
  issuer?: string;
  nonce?: string;
}

/** A token answer, checked: a Bearer token for the FHIR server, and who signed in. */
export function tokensFrom(
  answer: unknown,
  expect: Expectations,
  endpoints: SignInEndpoints,
  now: number,
  before?: { user: SignedInUser; refreshToken?: string; idToken?: string },
): { tokens: SignInTokens; user: SignedInUser } {
  const parsed = TokenResponse.safeParse(answer);
  if (!parsed.success) throw new SignInError('malformed', 'the token answer could not be read');
  const token = parsed.data;
  // A JWT access token says whom it is for; an opaque one is judged by the FHIR server.
  const access = z
    .object({ aud: z.union([z.string(), z.array(z.string())]).optional(), iat: z.number().optional() })
    .safeParse(jwtPayload(token.access_token));
  if (access.success && access.data.aud !== undefined) {
    const aud = audiences(access.data.aud);
    if (!aud.some((one) => sameUrl(one, expect.audience)))
      throw new SignInError(
        'wrong-audience',
        `the access token is for ${bounded(aud.join(', '))}, not the team's FHIR server ${expect.audience}`,
      );
  }
  if (access.success && access.data.iat !== undefined && access.data.iat * 1000 - now > CLOCK_SKEW_MS)
    throw new SignInError('clock-skew', clockSkewText(access.data.iat * 1000, now));
  const idToken = token.id_token ?? before?.idToken;
  const user = token.id_token ? userOf(token.id_token, expect, now) : before?.user;
  if (!user) throw new SignInError('malformed', 'no ID token: is "openid" in the scopes?');
  if (before && (user.subject !== before.user.subject || user.issuer !== before.user.issuer))
    throw new SignInError('malformed', 'the refreshed sign-in names another person');
  return {
    user,
    tokens: {
      accessToken: token.access_token,
      expiresAt: now + (token.expires_in ?? 300) * 1000,
      refreshToken: token.refresh_token ?? before?.refreshToken,
      idToken,
      scope: token.scope,
      endpoints,
      clientId: expect.clientId,
      audience: expect.audience,
    },
  };
}

async function tokenCall(
  fetcher: Fetch,
  endpoint: string,
  form: Record<string, string>,
  step: 'code' | 'refresh',
): Promise<unknown> {
  const response = await call(
    fetcher,
    endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
    },
    'the identity provider',
  );
  const body = await jsonOf(response);
  if (response.ok) return body;
  const error = z
    .object({ error: z.string().max(100), error_description: z.string().optional() })
    .safeParse(body);
  if (error.success) throw oauthError(error.data.error, error.data.error_description ?? '', step);
  if (response.status >= 500)
    throw new SignInError('issuer-unreachable', `the identity provider answered ${response.status}`);
  throw new SignInError('token-refused', `the token endpoint answered ${response.status}`);
}

/** The authorization code for tokens, with the PKCE verifier. */
export async function exchangeCode(
  code: string,
  attempt: Attempt,
  settings: SignInSettings,
  endpoints: SignInEndpoints,
  fetcher: Fetch,
  now: () => number,
) {
  const answer = await tokenCall(
    fetcher,
    endpoints.tokenEndpoint,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: attempt.redirectUri,
      client_id: settings.clientId,
      code_verifier: attempt.verifier,
    },
    'code',
  );
  return tokensFrom(
    answer,
    {
      clientId: settings.clientId,
      audience: settings.fhirBaseUrl,
      issuer: endpoints.issuer,
      nonce: attempt.nonce,
    },
    endpoints,
    now(),
  );
}

/** New tokens for the refresh token; `refresh-expired` when the provider no longer takes it. */
export async function refreshTokens(
  tokens: SignInTokens,
  user: SignedInUser,
  fetcher: Fetch,
  now: () => number,
) {
  if (!tokens.refreshToken) throw new SignInError('refresh-expired', 'the sign-in gave no refresh token');
  const answer = await tokenCall(
    fetcher,
    tokens.endpoints.tokenEndpoint,
    { grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: tokens.clientId },
    'refresh',
  );
  return tokensFrom(
    answer,
    { clientId: tokens.clientId, audience: tokens.audience, issuer: tokens.endpoints.issuer },
    tokens.endpoints,
    now(),
    { user, refreshToken: tokens.refreshToken, idToken: tokens.idToken },
  );
}

/** RFC 7009: the refresh token (which ends the grant) and the access token, best effort. */
export async function revokeTokens(tokens: SignInTokens, fetcher: Fetch): Promise<boolean> {
  const endpoint = tokens.endpoints.revocationEndpoint;
  if (!endpoint) return false;
  const revoke = async (token: string, hint: string) => {
    const response = await call(
      fetcher,
      endpoint,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: hint, client_id: tokens.clientId }).toString(),
      },
      'the identity provider',
    );
    return response.ok;
  };
  const results = await Promise.all([
    tokens.refreshToken ? revoke(tokens.refreshToken, 'refresh_token') : true,
    revoke(tokens.accessToken, 'access_token'),
  ]).catch(() => [false]);
  return results.every(Boolean);
}

/** Whether the access token should be renewed now. */
export const needsRefresh = (tokens: SignInTokens, now: number) =>
  tokens.expiresAt - now <= REFRESH_MARGIN_MS;
