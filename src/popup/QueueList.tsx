import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Send } from '../messages';
import { canOpenSidePanel, openDashboard, openMetrics, openSidePanel } from '../queue-view/open-views';
import { TodayView } from '../queue-view/TodayView';

/**
 * The popup opens on the coordinator's day (overdue, due today, new, escalations open), most
 * urgent first; the first referral has the focus, and Enter opens its details and actions.
 */
export function QueueList({ send }: { send: Send }) {
  return (
    <main class="queue">
      <h1>{t('queueTitle')}</h1>
      <TodayView
        send={send}
        autoFocus
        onOpen={(referral) =>
          void openDashboard(`?id=${encodeURIComponent(referral.id)}`).then(() => window.close())
        }
      />
      <QueueViewLinks />
    </main>
  );
}

/** The fuller queue views: the dashboard in a tab, and (Chrome) the side panel of this window. */
function QueueViewLinks() {
  const [windowId, setWindowId] = useState<number | undefined>(undefined);
  useEffect(() => {
    // Looked up beforehand: Chrome opens the side panel only straight from the click.
    if (canOpenSidePanel()) void browser.windows.getCurrent().then((current) => setWindowId(current.id));
  }, []);
  return (
    <p class="views">
      <button type="button" onClick={() => void openDashboard().then(() => window.close())}>
        {t('qvOpenDashboard')}
      </button>
      {windowId !== undefined && (
        <button type="button" onClick={() => void openSidePanel(windowId).then(() => window.close())}>
          {t('qvOpenSidePanel')}
        </button>
      )}
      <button type="button" onClick={() => void openMetrics().then(() => window.close())}>
        {t('openMetrics')}
      </button>
    </p>
  );
}
