/// <reference types="node" />
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

/**
 * A real OpenID Connect provider for the tests: the `oidc-provider` package on a loopback port,
 * with Handoff registered as a public client (PKCE required, no secret), refresh tokens for
 * `offline_access`, revocation, and JWT access tokens whose audience is the FHIR server (resource
 * indicators). Its own sign-in and consent pages (plain HTML, no outside resources) take the two
 * test coordinators below; consent can be allowed or denied.
 */

export interface TestCoordinator {
  login: string;
  password: string;
  name: string;
  fhirUser: string;
}

/** Two coordinators of the synthetic practice; their Practitioners live on the test FHIR server. */
export const COORDINATORS = {
  dana: {
    login: 'dana',
    password: 'dana-pass',
    name: 'Dana Reyes',
    fhirUser: 'Practitioner/coordinator-dana',
  },
  lee: { login: 'lee', password: 'lee-pass', name: 'Lee Okoro', fhirUser: 'Practitioner/coordinator-lee' },
} as const satisfies Record<string, TestCoordinator>;

export const RESOURCE_SCOPES =
  'user/Task.cruds user/ServiceRequest.cruds user/Communication.cruds user/Provenance.cr';

export interface IdentityProviderOptions {
  /** The FHIR server the access tokens are for (their `aud`). */
  fhirBaseUrl: string;
  clientId?: string;
  redirectUris: string[];
  accessTokenSeconds?: number;
  refreshTokenSeconds?: number;
}

export interface TestIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  /** What the FHIR server publishes at `.well-known/smart-configuration`. */
  smartConfiguration(): Record<string, unknown>;
  /** The subject of a valid access token for the FHIR server, or why it is refused. */
  verifyAccessToken(authorization: string | undefined): Promise<{ subject: string } | { refused: string }>;
  /** RFC 7009 revocation, as an admin ending a session would. */
  revoke(token: string): Promise<void>;
  stop(): Promise<void>;
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formOf(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<TestIdentityProvider> {
  const clientId = options.clientId ?? 'handoff';
  const accounts = new Map<string, TestCoordinator>(Object.values(COORDINATORS).map((c) => [c.login, c]));
  // The port is known once listening; the issuer is built from it.
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    scopes: ['openid', 'offline_access', 'profile', 'fhirUser'],
    claims: { openid: ['sub'], profile: ['name'], fhirUser: ['fhirUser'] },
    // The ID token names the coordinator (name, fhirUser), as SMART clients expect.
    conformIdTokenClaims: false,
    findAccount: async (_ctx, id) => {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, name: account.name, fhirUser: account.fhirUser }),
      };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.fhirBaseUrl,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== options.fhirBaseUrl) throw new Error('unknown resource');
          return {
            scope: RESOURCE_SCOPES,
            audience: options.fhirBaseUrl,
            accessTokenTTL: options.accessTokenSeconds ?? 300,
            accessTokenFormat: 'jwt',
          };
        },
      },
    },
    ttl: {
      AccessToken: options.accessTokenSeconds ?? 300,
      RefreshToken: options.refreshTokenSeconds ?? 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    // The token and revocation requests come from the extension, with its origin: allowed for
    // Handoff's client as a provider's "allowed origins" of a browser-based client would.
    clientBasedCORS: (_ctx, origin) => /^(chrome-extension|moz-extension):\/\//.test(origin),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['handoff-test-provider-cookie-key'] },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  /** The provider's own pages: sign-in with a password, then consent (allow or deny). */
  const interaction = async (request: IncomingMessage, response: ServerResponse, path: string) => {
    const html = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(body);
    };
    const details = await provider.interactionDetails(request, response);
    const { uid, prompt, params, session } = details;
    const action = path.split('/')[3];
    if (request.method === 'GET') {
      if (prompt.name === 'login')
        return html(
          200,
          page(
            'Sign in to the practice',
            `<form method="post" action="/interaction/${uid}/login">
              <label>User name <input name="login" autocomplete="username" required></label>
              <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
              <button type="submit">Sign in</button></form>`,
          ),
        );
      return html(
        200,
        page(
          'Allow access',
          `<p>${escapeHtml(String(params.client_id))} asks to act as you on the team's FHIR server.</p>
          <form method="post" action="/interaction/${uid}/consent"><button type="submit">Allow</button></form>
          <form method="post" action="/interaction/${uid}/deny"><button type="submit">Deny</button></form>`,
        ),
      );
    }
    const form = await formOf(request);
    if (action === 'login') {
      const account = accounts.get(form.get('login') ?? '');
      if (!account || account.password !== form.get('password'))
        return html(401, page('Sign in to the practice', '<p role="alert">Wrong user name or password.</p>'));
      return provider.interactionFinished(
        request,
        response,
        { login: { accountId: account.login } },
        {
          mergeWithLastSubmission: false,
        },
      );
    }
    if (action === 'deny')
      return provider.interactionFinished(request, response, {
        error: 'access_denied',
        error_description: 'End-User denied access',
      });
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
    if (!grant) throw new Error('grant lost');
    const missing = prompt.details as {
      missingOIDCScope?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {}))
      grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(
      request,
      response,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) {
      interaction(request, response, path).catch((error: Error) => {
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
        response.end(`interaction failed: ${error.message}`);
      });
      return;
    }
    callback(request, response);
  });

  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  return {
    issuer,
    clientId,
    smartConfiguration: () => ({
      issuer,
      authorization_endpoint: `${issuer}/auth`,
      token_endpoint: `${issuer}/token`,
      revocation_endpoint: `${issuer}/token/revocation`,
      jwks_uri: `${issuer}/jwks`,
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'fhirUser', 'profile', 'offline_access', ...RESOURCE_SCOPES.split(' ')],
      capabilities: [
        'launch-standalone',
        'client-public',
        'sso-openid-connect',
        'permission-offline',
        'permission-user',
      ],
    }),
    async verifyAccessToken(authorization) {
      const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) return { refused: 'no bearer token' };
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, audience: options.fhirBaseUrl });
        return { subject: String(payload.sub) };
      } catch (error) {
        return { refused: (error as Error).message };
      }
    },
    async revoke(token) {
      await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, client_id: clientId }).toString(),
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
