import { browser } from 'wxt/browser';
import { z } from 'zod';
import { BackupRefused, exportBackup, restoreBackup, type SettingsStorage } from '../backup/backup';
import type { Config } from '../config/schema';
import { runExport } from '../export/run-export';
import { t } from '../i18n';
import { HandoffRequest } from '../message-schema';
import type { HandoffReply } from '../messages';
import { computeMetrics } from '../metrics/compute-metrics';
import { newestAudit, recordAudit } from '../queue/audit-log';
import type { DismissedPages } from '../queue/dismissed-pages';
import { queryQueue } from '../queue/queue-query';
import {
  OtherPatient,
  ReferralNotFound,
  type ReferralQueue,
  ReferralReduced,
  StaleWrite,
} from '../queue/referral-queue';
import {
  acknowledge,
  callBackAt,
  changeStatus,
  escalate,
  logOutreach,
  recordPacket,
  snooze,
  trackRecord,
} from '../referral/operations';
import { ReferralDraft } from '../referral/referral';
import { TransitionRefused } from '../referral/state-machine';
import { type Caller, mayAsk } from './callers';

interface Dependencies {
  queue: ReferralQueue;
  dismissedPages: DismissedPages;
  config: () => Config;
  /** The coordinator's initials, for the history: who changed what. */
  initials: () => Promise<string>;
  /** Called after every change to the queue, so badge and alarms follow it. */
  queueChanged: () => Promise<void>;
  now?: () => number;
  newId?: () => string;
  /** Where the coordinator's settings live, for backups: storage.local unless a test says otherwise. */
  settings?: SettingsStorage;
}

/** Refusals a coordinator can act on; anything else is reported without internals. */
const EXPLAINED = [
  TransitionRefused,
  StaleWrite,
  ReferralNotFound,
  ReferralReduced,
  OtherPatient,
  BackupRefused,
];

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

/** Answers the extension's own pages and content scripts; the only path into the queue. */
export function createRequestHandler(deps: Dependencies) {
  const { queue, dismissedPages, config, queueChanged } = deps;
  const now = deps.now ?? (() => Date.now());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const settings = deps.settings ?? browser.storage.local;

  const answer = async (request: HandoffRequest): Promise<unknown> => {
    switch (request.type) {
      case 'track-referral': {
        const by = await deps.initials();
        const result = await queue.track(request.draft, config(), by, request.separately);
        // Tracking a page by hand overrides an earlier "not a referral".
        await dismissedPages.set(request.draft.source.pageUrl, false);
        if (!result.created) return result;
        const { referral } = result;
        const tracked = request.packet
          ? await queue.update(
              referral.id,
              referral.version,
              recordPacket(request.packet, now(), by),
              config(),
            )
          : referral;
        await queueChanged();
        return { ...result, referral: tracked };
      }
      case 'page-status': {
        const draft = ReferralDraft.safeParse(request.draft);
        const found = draft.success ? await queue.findForPage(draft.data) : { match: 'none' as const };
        const dismissed = await dismissedPages.isDismissed(request.pageUrl);
        // The answer goes into the EHR's process: whether, and under which id, never the referral.
        return found.match === 'tracked'
          ? { match: found.match, id: found.referral.id, dismissed }
          : { match: found.match, dismissed };
      }
      case 'set-page-dismissed':
        await dismissedPages.set(request.pageUrl, request.dismissed);
        return { dismissed: request.dismissed };
      case 'list-referrals':
        return { referrals: await queue.newest(request.limit) };
      case 'query-queue':
        return queryQueue(queue.database, request.query, now(), config());
      case 'get-referral':
        return { referral: (await queue.get(request.id)) ?? null };
      case 'compute-metrics':
        return { metrics: await computeMetrics(queue.database, request, now(), config()) };
      case 'export': {
        const file = await runExport(queue.database, request, now(), config(), t);
        // Every export is on the record: what, when, by whom, how many referrals; never their content.
        const count = file.count ?? 0;
        await recordAudit(queue.database, {
          at: now(),
          by: await deps.initials(),
          kind: 'export',
          what: request.what,
          count,
        });
        return file;
      }
      case 'list-audit':
        return { entries: await newestAudit(queue.database, request.limit) };
      case 'get-reasons':
        return config().reasons;
      case 'backup-export': {
        const file = await exportBackup(queue.database, settings, now());
        await recordAudit(queue.database, {
          at: now(),
          by: await deps.initials(),
          kind: 'backup-export',
          count: file.count ?? 0,
        });
        return file;
      }
      case 'backup-restore': {
        const restored = await restoreBackup(queue.database, settings, request.text);
        await recordAudit(queue.database, {
          at: now(),
          by: await deps.initials(),
          kind: 'backup-restore',
          count: restored.referrals,
        });
        await queueChanged();
        return restored;
      }
    }
    const by = await deps.initials();
    const at = now();
    const change = (() => {
      switch (request.type) {
        case 'change-status':
          return changeStatus(
            {
              to: request.to,
              at,
              by,
              reason: request.reason,
              note: request.note,
              appointmentAt: request.appointmentAt,
              packetOverride: request.packetOverride,
            },
            config(),
          );
        case 'log-outreach': {
          const { party, channel, outcome, barriers, scriptId, note, appointmentAt } = request;
          const attempt = { id: newId(), at, by, party, channel, outcome, barriers, scriptId, note };
          const scheduled =
            outcome === 'scheduled' ? { to: 'scheduled' as const, at, by, appointmentAt, note } : undefined;
          return logOutreach(attempt, config(), scheduled);
        }
        case 'snooze':
          return snooze(request.until, at, by);
        case 'call-back-at':
          return callBackAt(request.at, at, by);
        case 'acknowledge':
          return acknowledge(at, by, request.note);
        case 'record-packet':
          return recordPacket(request, at, by);
        case 'escalate': {
          const { name, reach, responseTime } = config().clinicalBoundary.contact;
          const { trigger, redFlag, matched } = request;
          return escalate({ at, by, trigger, redFlag, matched, contact: { name, reach, responseTime } });
        }
        case 'track-record':
          return trackRecord({ ...request.record, id: request.record.id ?? newId() }, request.event, at, by);
      }
    })();
    const referral = await queue.update(request.id, request.version, change, config(), request.onScreen);
    await queueChanged();
    return { referral };
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
      return { ok: true, value: (await answer(parsed.data)) as never };
    } catch (error) {
      if (EXPLAINED.some((kind) => error instanceof kind))
        return { ok: false, error: (error as Error).message };
      const storage = storageRefusal(error);
      if (storage) return { ok: false, error: storage };
      throw error;
    }
  };
}
