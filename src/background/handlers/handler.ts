import type { SettingsStorage } from '../../backup/backup';
import type { Config } from '../../config/schema';
import type { Coordinator } from '../../identity/coordinator';
import type { HandoffRequest } from '../../message-schema';
import type { HandoffResponses } from '../../messages';
import type { DismissedPages } from '../../queue/dismissed-pages';
import type { ReferralQueue } from '../../queue/referral-queue';
import type { SignInStatus } from '../../sign-in/session';

export type RequestType = HandoffRequest['type'];
export type RequestOf<T extends RequestType> = Extract<HandoffRequest, { type: T }>;

/**
 * The answer to each request type of a group, checked against `HandoffResponses`: a handler that
 * answers the wrong shape, or a request type nobody answers, does not compile.
 */
export type Handlers<K extends RequestType> = {
  [T in K]: (request: RequestOf<T>) => Promise<HandoffResponses[T]>;
};

/** What the handlers work with: the queue's stores, the config in force, and the background's hooks. */
export interface HandlerContext {
  queue: ReferralQueue;
  dismissedPages: DismissedPages;
  config: () => Config;
  /** Who is working (signed in, or named in options), for the history: who changed what. */
  coordinator: () => Promise<Coordinator | undefined>;
  /** Called after every change to the queue, so views, badge and alarms follow it. */
  queueChanged: () => Promise<void>;
  now: () => number;
  newId: () => string;
  /** The coordinator's sign-in with the identity provider (the background's own; absent in tests). */
  signIn?: {
    status(): Promise<SignInStatus>;
    signIn(): Promise<SignInStatus>;
    signOut(): Promise<SignInStatus>;
  };
  /**
   * On a team queue: whether a colleague tracks the referral under this dedupe key, read from the
   * team's server into the queue; true when it was brought in. Absent while the queue is local.
   */
  teamLookUp?: (dedupeKey: string) => Promise<boolean>;
  /** Where the coordinator's settings live, for backups. */
  settings: SettingsStorage;
}
