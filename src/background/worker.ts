import { browser } from 'wxt/browser';
import { readUserSettings } from '../config/read-user-settings';
import { t } from '../i18n';
import { readCurrentCoordinator } from '../identity/coordinator';
import { recordAudit } from '../queue/audit-log';
import { openHandoffDatabase } from '../queue/database';
import { DismissedPages } from '../queue/dismissed-pages';
import { ReferralQueue } from '../queue/referral-queue';
import { applyRetention } from '../queue/retention';
import { concernsMe } from '../referral/ownership';
import { itemEntry, storageItems, touches } from '../storage-items';
import { clearTeamData } from '../team-queue/clear-local';
import { SyncError } from '../team-queue/fhir-client';
import { createAdminConfig } from './admin-config';
import { callerOf } from './callers';
import { installPanelCommands } from './panel-commands';
import { installPanelPairing } from './panel-pairing';
import {
  announceHandOffs,
  armReminders,
  FOLLOW_UP_ALARM,
  HAND_OFF_NOTIFICATION,
  OVERDUE_NOTIFICATION,
  openHandedOver,
  openOverdue,
  SWEEP_ALARM,
  sweepOverdue,
} from './reminder-alarms';
import { createRequestHandler } from './request-handler';
import { createSignIn } from './sign-in';
import { createTeamQueue } from './team-queue';

/**
 * The background's wiring: the queue, the request handler, reminders, retention and policy,
 * and the browser events that drive them. Listeners are registered synchronously, so that the
 * event which woke the worker is delivered.
 */
export function startBackground(): void {
  // Policy is read, validated, published to storage.local and turned into the EHR sites here.
  const adminConfig = createAdminConfig();
  const config = () => adminConfig.current().config;
  const database = openHandoffDatabase();
  const configKnown = adminConfig.start();
  const stores = database.then(async (db) => {
    await configKnown;
    const queue = new ReferralQueue(db, undefined, undefined, teamQueue.sharing);
    return { queue, dismissedPages: new DismissedPages(db) };
  });

  /** Badge, notification and alarms follow the queue as it is now; the views are not told. */
  const remind = async () => {
    const { queue } = await stores;
    const concerns = teamQueue.sharing() ? concernsMe(await readCurrentCoordinator()) : undefined;
    await sweepOverdue(queue, (await readUserSettings(browser.storage.local)).quietHours, concerns);
    await armReminders(queue, config());
  };
  /** Open queue views (the side panel) refetch, and reminders follow. */
  const viewsChanged = async () => {
    await browser.storage.session.set(itemEntry(storageItems.queueChangedAt, Date.now()));
    await remind();
  };
  // The coordinator's sign-in; with one configured, nothing is sent to the team's server without it.
  const signIn = createSignIn({
    config,
    clearTeamData: async () => {
      if ((await clearTeamData(await database)) > 0) await viewsChanged();
    },
    changed: async () => teamQueue.sync(true),
  });
  /** The signed-in coordinator's token; without one the outbox keeps every change and waits. */
  const accessToken = async () => {
    if (!signIn.required()) return undefined;
    const token = await signIn.accessToken();
    if (!token) throw new SyncError('sign-in', 'not signed in: changes wait on this computer');
    return token;
  };
  // The team's shared queue, when policy configures one; otherwise nothing leaves the device.
  const teamQueue = createTeamQueue({
    database,
    config,
    viewsChanged,
    accessToken,
    reassigned: async (referrals) => announceHandOffs(referrals, await readCurrentCoordinator()),
  });
  /** After a change to the queue here: views and reminders follow, and the team is told. */
  const queueChanged = async () => {
    await viewsChanged();
    void teamQueue.sync(true);
  };
  /**
   * Closed referrals past retention lose their patient details; cheap when there is nothing to
   * do. The views refetch only when a referral was reduced.
   */
  const retainThenRemind = async () => {
    const { queue } = await stores;
    const reduced = await applyRetention(
      queue.database,
      Date.now(),
      config().retention.closedReferralDays,
    ).catch(() => 0);
    await (reduced > 0 ? queueChanged() : remind());
  };
  const handleRequest = stores.then((ready) =>
    createRequestHandler({
      ...ready,
      config,
      coordinator: () => readCurrentCoordinator(),
      queueChanged,
      signIn,
      teamLookUp: teamQueue.lookUp,
    }),
  );

  browser.runtime.onMessage.addListener((message, sender) => {
    // Only the extension's own pages and content scripts; never another extension or a web page.
    const caller = callerOf(sender, browser.runtime.id, browser.runtime.getURL('/'));
    if (!caller) return undefined;
    return handleRequest
      .then((handle) => handle(message, caller))
      .catch(() => ({ ok: false, error: t('refusalCouldNotSave') }));
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SWEEP_ALARM) void retainThenRemind();
    if (alarm.name === FOLLOW_UP_ALARM) void remind();
    if (teamQueue.isPollAlarm(alarm.name)) void stores.then(() => teamQueue.sync());
    if (signIn.isRefreshAlarm(alarm.name)) void signIn.onAlarm();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (id === OVERDUE_NOTIFICATION) void stores.then(({ queue }) => openOverdue(queue));
    if (id.startsWith(HAND_OFF_NOTIFICATION)) void openHandedOver(id);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (touches(changes, area, storageItems.queueViewOpenedAt)) void stores.then(() => teamQueue.sync(true));
    if (area !== 'managed') return;
    // A new policy changes what the views show (reasons, calendar, service levels): they refetch.
    void adminConfig
      .refresh()
      .then(async (state) => {
        const { queue } = await stores;
        const valid = state.errors.length === 0;
        await recordAudit(queue.database, { at: Date.now(), by: '', kind: 'policy-applied', valid });
      })
      .then(queueChanged);
  });
  // Listening for start-up makes Chrome wake the worker when the browser starts, so reminders
  // are re-armed even if the browser dropped its alarms while closed.
  browser.runtime.onStartup.addListener(() => void remind());
  installPanelCommands();
  installPanelPairing();
  adminConfig.listen();
  // Every start of the worker (install, update, browser start, wake-up) re-checks and re-arms.
  void retainThenRemind();
  void stores.then(() => teamQueue.sync());
}
