import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createAdminConfig } from '../src/background/admin-config';
import { installPanelCommands } from '../src/background/panel-commands';
import { installPanelPairing } from '../src/background/panel-pairing';
import {
  armReminders,
  FOLLOW_UP_ALARM,
  OVERDUE_NOTIFICATION,
  openOverdue,
  SWEEP_ALARM,
  sweepOverdue,
} from '../src/background/reminders';
import { createRequestHandler } from '../src/background/request-handler';
import { readUserSettings } from '../src/config/user-settings';
import { t } from '../src/i18n';
import { recordAudit } from '../src/queue/audit-log';
import { openHandoffDatabase } from '../src/queue/database';
import { DismissedPages } from '../src/queue/dismissed-pages';
import { QUEUE_CHANGED_KEY } from '../src/queue/queue-changed';
import { ReferralQueue } from '../src/queue/referral-queue';
import { applyRetention } from '../src/queue/retention';

export default defineBackground({
  type: 'module',
  main() {
    // Policy is read, validated, published to storage.local and turned into the EHR sites here.
    const adminConfig = createAdminConfig();
    const refreshConfig = adminConfig.refresh;
    const stores = openHandoffDatabase().then(async (db) => {
      await refreshConfig();
      return { queue: new ReferralQueue(db), dismissedPages: new DismissedPages(db) };
    });

    const readInitials = async () => (await readUserSettings(browser.storage.local)).initials;
    const queueChanged = async () => {
      const { queue } = await stores;
      // Open queue views (the side panel beside an EHR tab) refresh on this.
      await browser.storage.session.set({ [QUEUE_CHANGED_KEY]: Date.now() });
      await sweepOverdue(queue, (await readUserSettings(browser.storage.local)).quietHours);
      await armReminders(queue, adminConfig.current().config);
    };
    // Closed referrals past retention lose their patient details; cheap when there is nothing to do.
    const retain = async () => {
      const { queue } = await stores;
      await applyRetention(
        queue.database,
        Date.now(),
        adminConfig.current().config.retention.closedReferralDays,
      );
    };
    const handleRequest = stores.then((ready) =>
      createRequestHandler({
        ...ready,
        config: () => adminConfig.current().config,
        initials: readInitials,
        queueChanged,
      }),
    );

    // Listeners are registered synchronously so that the event which woke the worker is delivered.
    browser.runtime.onMessage.addListener((message, sender) => {
      // Only the extension's own pages and content scripts; never another extension or a web page.
      if (sender.id !== browser.runtime.id) return undefined;
      return handleRequest
        .then((handle) => handle(message))
        .catch(() => ({ ok: false, error: t('refusalCouldNotSave') }));
    });
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SWEEP_ALARM)
        void retain()
          .catch(() => {})
          .then(queueChanged);
      if (alarm.name === FOLLOW_UP_ALARM) void queueChanged();
    });
    browser.notifications.onClicked.addListener((id) => {
      if (id === OVERDUE_NOTIFICATION) void stores.then(({ queue }) => openOverdue(queue));
    });
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area !== 'managed') return;
      void refreshConfig()
        .then(async (state) => {
          const { queue } = await stores;
          const valid = state.errors.length === 0;
          await recordAudit(queue.database, { at: Date.now(), by: '', kind: 'policy-applied', valid });
        })
        .then(queueChanged);
    });
    // Listening for start-up makes Chrome wake the worker when the browser starts, so reminders
    // are re-armed even if the browser dropped its alarms while closed.
    browser.runtime.onStartup.addListener(() => void queueChanged());
    installPanelCommands();
    installPanelPairing();
    adminConfig.listen();
    // Every start of the worker (install, update, browser start, wake-up) re-checks and re-arms.
    void retain()
      .catch(() => {})
      .then(queueChanged);
  },
});
