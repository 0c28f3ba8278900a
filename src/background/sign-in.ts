import { browser } from 'wxt/browser';
import type { Config } from '../config/schema';
import {
  type Attempt,
  authorizationUrl,
  codeFromRedirect,
  discoverEndpoints,
  exchangeCode,
  needsRefresh,
  REFRESH_MARGIN_MS,
  randomToken,
  refreshTokens,
  revokeTokens,
  SignInError,
  type SignInSettings,
} from '../sign-in/oauth';
import type { SignInFault, SignInStatus, SignInTokens } from '../sign-in/session';
import { itemEntry, readItem, storageItems } from '../storage-items';

export const REFRESH_ALARM = 'sign-in-refresh';
const MAX_FAULTS = 8;
/** Chrome fires an alarm no sooner than 30 seconds after it is set. */
const MIN_ALARM_MS = 30_000;

export interface SignInWiring {
  config: () => Config;
  /** Sign-out on a shared workstation: the team queue's referrals leave this computer. */
  clearTeamData: () => Promise<void>;
  /** Signed in, renewed or out: the team queue syncs now (or stops sending). */
  changed: () => Promise<void>;
  /** Everything below is the browser's own unless a test says otherwise. */
  fetch?: typeof fetch;
  launch?: (url: string) => Promise<string>;
  redirectUri?: () => string;
  now?: () => number;
}

/** The policy's sign-in, complete: a client id and the team's FHIR server. */
export function signInSettings(config: Config): SignInSettings | undefined {
  const { clientId, scopes, authorizationEndpoint, tokenEndpoint, revocationEndpoint } = config.signIn;
  const fhirBaseUrl = config.teamQueue.fhirBaseUrl;
  if (!clientId || !fhirBaseUrl) return undefined;
  return { clientId, scopes, fhirBaseUrl, authorizationEndpoint, tokenEndpoint, revocationEndpoint };
}

/**
 * The coordinator's sign-in, kept by the background: tokens in `storage.session` only (memory,
 * never on disk, never readable by content scripts, gone when the browser closes), renewed
 * silently on an alarm and on demand while the refresh token is good; when it is not, the state is
 * "sign in again" and the team queue sends nothing until the coordinator does.
 */
export function createSignIn(wiring: SignInWiring) {
  const now = wiring.now ?? (() => Date.now());
  const fetcher: typeof fetch = wiring.fetch ?? ((input, init) => fetch(input, init));
  const launch =
    wiring.launch ??
    (async (url: string) => {
      const answer = await browser.identity.launchWebAuthFlow({ url, interactive: true });
      if (!answer) throw new SignInError('cancelled', 'the sign-in window gave no answer');
      return answer;
    });
  const redirectUri = wiring.redirectUri ?? (() => browser.identity.getRedirectURL());
  let refreshing: Promise<string | undefined> | undefined;

  const status = () => readItem(browser.storage.session, storageItems.signInStatus);
  const tokens = () => readItem(browser.storage.session, storageItems.signInTokens);
  const setStatus = (next: SignInStatus) =>
    browser.storage.session.set(itemEntry(storageItems.signInStatus, next));

  const withFault = async (error: unknown, state?: SignInStatus['state']): Promise<SignInStatus> => {
    const fault: SignInFault =
      error instanceof SignInError
        ? { kind: error.kind, detail: error.detail, at: now() }
        : { kind: 'malformed', detail: 'sign-in stopped on an unexpected answer', at: now() };
    const before = await status();
    const next: SignInStatus = {
      ...before,
      state: state ?? before.state,
      faults: [fault, ...before.faults].slice(0, MAX_FAULTS),
    };
    await setStatus(next);
    return next;
  };

  const armRefresh = async (kept: SignInTokens) => {
    const due = Math.max(kept.expiresAt - REFRESH_MARGIN_MS - now(), MIN_ALARM_MS);
    await browser.alarms.create(REFRESH_ALARM, { when: now() + due });
  };

  const keep = async (kept: SignInTokens, next: SignInStatus) => {
    // One write: the tokens and the status that names them never disagree.
    const entries = {
      ...itemEntry(storageItems.signInTokens, kept),
      ...itemEntry(storageItems.signInStatus, next),
    };
    await browser.storage.session.set(entries);
    await armRefresh(kept);
  };

  /** Renews the access token; a refresh token no longer taken means "sign in again". */
  const refresh = async (): Promise<string | undefined> => {
    const [held, before] = await Promise.all([tokens(), status()]);
    if (!held || !before.user || before.state === 'signed-out') return undefined;
    try {
      const renewed = await refreshTokens(held, before.user, fetcher, now);
      await keep(renewed.tokens, { ...before, state: 'signed-in', expiresAt: renewed.tokens.expiresAt });
      return renewed.tokens.accessToken;
    } catch (error) {
      // Only a refusal ends the sign-in; a provider that is away is asked again later.
      const ended = error instanceof SignInError && error.kind !== 'issuer-unreachable';
      if (ended) await browser.storage.session.remove(storageItems.signInTokens.key);
      await withFault(error, ended ? 'sign-in-again' : undefined);
      if (!ended) await browser.alarms.create(REFRESH_ALARM, { when: now() + MIN_ALARM_MS });
      return undefined;
    }
  };

  return {
    /** Whether the policy asks for sign-in: then nothing is sent to the team's server without it. */
    required: () => signInSettings(wiring.config()) !== undefined,
    status,

    /** Through the provider's own page in the browser's sign-in window. */
    async signIn(): Promise<SignInStatus> {
      const settings = signInSettings(wiring.config());
      if (!settings)
        return withFault(
          new SignInError(
            'not-configured',
            wiring.config().signIn.clientId ? 'no teamQueue.fhirBaseUrl' : 'no signIn.clientId',
          ),
        );
      try {
        const endpoints = await discoverEndpoints(settings, fetcher);
        const attempt: Attempt = {
          state: randomToken(),
          nonce: randomToken(),
          verifier: randomToken(),
          redirectUri: redirectUri(),
        };
        let redirectedTo: string;
        try {
          redirectedTo = await launch(await authorizationUrl(settings, endpoints, attempt));
        } catch (error) {
          if (error instanceof SignInError) throw error;
          throw new SignInError(
            'cancelled',
            `the sign-in window closed without an answer (${String((error as Error)?.message ?? error).slice(0, 120)}); redirect URI ${attempt.redirectUri}`,
          );
        }
        const code = codeFromRedirect(redirectedTo, attempt);
        const signedIn = await exchangeCode(code, attempt, settings, endpoints, fetcher, now);
        const next: SignInStatus = {
          state: 'signed-in',
          user: signedIn.user,
          expiresAt: signedIn.tokens.expiresAt,
          faults: (await status()).faults,
        };
        await keep(signedIn.tokens, next);
        await wiring.changed();
        return next;
      } catch (error) {
        return withFault(error);
      }
    },

    /**
     * Revokes the tokens at the provider, forgets them here and, by policy, removes the team
     * queue's referrals from this computer. The team queue is told first, so changes made while
     * signed in are sent while the token still works.
     */
    async signOut(): Promise<SignInStatus> {
      await wiring.changed().catch(() => {});
      const held = await tokens();
      if (held) await revokeTokens(held, fetcher).catch(() => false);
      await browser.alarms.clear(REFRESH_ALARM);
      await browser.storage.session.remove(storageItems.signInTokens.key);
      const next: SignInStatus = { state: 'signed-out', faults: (await status()).faults };
      await setStatus(next);
      if (wiring.config().signIn.clearTeamDataOnSignOut) await wiring.clearTeamData();
      return next;
    },

    /** A current access token, renewed first when it is about to run out; none when signed out. */
    async accessToken(): Promise<string | undefined> {
      const [held, current] = await Promise.all([tokens(), status()]);
      if (!held || current.state !== 'signed-in') return undefined;
      if (!needsRefresh(held, now())) return held.accessToken;
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },

    isRefreshAlarm: (name: string) => name === REFRESH_ALARM,
    /** The alarm: renew ahead of expiry, so a coordinator never waits on it. */
    async onAlarm(): Promise<void> {
      refreshing ??= refresh().finally(() => {
        refreshing = undefined;
      });
      if ((await refreshing) !== undefined) await wiring.changed();
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;
