import { browser } from 'wxt/browser';
import { BackupRefused } from '../backup/backup';
import { t } from '../i18n';
import { HandoffRequest } from '../message-schema';
import type { HandoffReply, HandoffResponses } from '../messages';
import { OtherPatient, ReferralNotFound, ReferralReduced, StaleWrite } from '../queue/referral-queue';
import { TransitionRefused } from '../referral/state-machine';
import { refusalText } from '../ui/refusal-text';
import { z } from '../zod';
import { type Caller, mayAsk } from './callers';
import { exportHandlers } from './handlers/exports';
import type { HandlerContext, Handlers, RequestOf, RequestType } from './handlers/handler';
import { readHandlers } from './handlers/reads';
import { signInHandlers } from './handlers/sign-in';
import { teamHandlers } from './handlers/team';
import { writeHandlers } from './handlers/writes';

/** What the background passes in; clock, ids and settings storage may be replaced by tests. */
type Dependencies = Omit<HandlerContext, 'now' | 'newId' | 'settings'> &
  Partial<Pick<HandlerContext, 'now' | 'newId' | 'settings'>>;

/** Refusals a coordinator can act on; anything else is reported without internals. */
const EXPLAINED = [StaleWrite, ReferralNotFound, ReferralReduced, OtherPatient, BackupRefused];

/**
 * Storage failures the browser reports by name: a full disk or quota aborts the whole transaction,
 * so nothing was written, and the coordinator is told what to do about it.
 */
function storageRefusal(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return t('refusalStorageFull');
  if (name === 'AbortError') return t('refusalCouldNotSave');
  return undefined;
}

/** The handler of the request's own type: its answer is the type `HandoffResponses` names for it. */
function answer<T extends RequestType>(
  handlers: Handlers<RequestType>,
  type: T,
  request: RequestOf<T>,
): Promise<HandoffResponses[T]> {
  return handlers[type](request);
}

/** Answers the extension's own pages and content scripts; the only path into the queue. */
export function createRequestHandler(deps: Dependencies) {
  const context: HandlerContext = {
    ...deps,
    now: deps.now ?? (() => Date.now()),
    newId: deps.newId ?? (() => crypto.randomUUID()),
    settings: deps.settings ?? browser.storage.local,
  };
  const handlers: Handlers<RequestType> = {
    ...readHandlers(context),
    ...writeHandlers(context),
    ...exportHandlers(context),
    ...teamHandlers(context),
    ...signInHandlers(context),
  };

  /** `caller`: who the browser says sent it (see `callerOf`); the background entrypoint always says. */
  return async (
    message: unknown,
    caller: Caller = 'extension-page',
  ): Promise<HandoffReply<HandoffRequest['type']>> => {
    const parsed = HandoffRequest.safeParse(message);
    if (!parsed.success) {
      return { ok: false, error: t('refusalMalformed', z.prettifyError(parsed.error)) };
    }
    if (!mayAsk(caller, parsed.data)) return { ok: false, error: t('refusalNotAllowed') };
    try {
      return { ok: true, value: await answer(handlers, parsed.data.type, parsed.data) };
    } catch (error) {
      if (error instanceof TransitionRefused) return { ok: false, error: refusalText(error.refusal) };
      if (EXPLAINED.some((kind) => error instanceof kind))
        return { ok: false, error: (error as Error).message };
      const storage = storageRefusal(error);
      if (storage) return { ok: false, error: storage };
      throw error;
    }
  };
}
