/**
 * What the background keeps of a sign-in, in `storage.session` only (memory: never on disk, gone
 * when the browser closes, unreadable by content scripts). Types only: storage-items imports them.
 */

/** Who signed in, from the ID token's claims. */
export interface SignedInUser {
  /** `name`, else `given_name family_name`, else `preferred_username`, else the subject. */
  name: string;
  /** The `fhirUser` claim: a Practitioner or PractitionerRole reference (relative or absolute). */
  fhirUser?: string;
  subject: string;
  issuer: string;
}

/** Where the tokens come from and go back to, as found (SMART discovery) or set by policy. */
export interface SignInEndpoints {
  issuer?: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
}

/** The tokens of the signed-in coordinator. Never logged, never written to `storage.local`. */
export interface SignInTokens {
  accessToken: string;
  /** Milliseconds since the epoch, on this computer's clock. */
  expiresAt: number;
  refreshToken?: string;
  idToken?: string;
  scope?: string;
  endpoints: SignInEndpoints;
  clientId: string;
  /** The FHIR server the tokens are for (the `aud` asked for). */
  audience: string;
}

/** What a sign-in fault is about, so that the message can name who fixes it. */
export type SignInFaultKind =
  | 'not-configured'
  | 'client-id'
  | 'issuer-unreachable'
  | 'discovery'
  | 'consent-denied'
  | 'cancelled'
  | 'state-mismatch'
  | 'pkce-mismatch'
  | 'wrong-audience'
  | 'clock-skew'
  | 'refresh-expired'
  | 'token-refused'
  | 'malformed';

export interface SignInFault {
  kind: SignInFaultKind;
  /** Our words, plus the provider's own (bounded, plain text) where it gave any. */
  detail: string;
  at: number;
}

/** The sign-in as the panel, side panel and options show it; no secrets. */
export interface SignInStatus {
  state: 'signed-out' | 'signed-in' | 'sign-in-again';
  user?: SignedInUser;
  /** When the access token runs out; a refresh is tried before. */
  expiresAt?: number;
  /** The last faults, newest first, for options diagnostics. */
  faults: SignInFault[];
}
