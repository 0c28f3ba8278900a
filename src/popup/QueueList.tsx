import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { Send } from '../messages';
import { canOpenSidePanel, openDashboard, openMetrics, openSidePanel } from '../queue-view/open-views';
import { isOverdue } from '../referral/overdue';
import { isOpen, type Referral } from '../referral/referral';
import { followUpLabel, statusLabel } from '../ui/labels';

const SHOWN = 50;

export function QueueList({ send }: { send: Send }) {
  const [referrals, setReferrals] = useState<Referral[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    send({ type: 'list-referrals', limit: SHOWN })
      .then(({ referrals }) => setReferrals(referrals))
      .catch((failure: Error) => setError(failure.message));
  }, [send]);

  return (
    <main class="queue">
      <h1>{t('queueTitle')}</h1>
      {error && <p role="alert">{t('errorPrefix', error)}</p>}
      {referrals?.length === 0 && <p>{t('queueEmpty')}</p>}
      {referrals && referrals.length > 0 && (
        <ul aria-label={t('queueTitle')}>
          {referrals.map((referral) => (
            <QueueRow key={referral.id} referral={referral} />
          ))}
        </ul>
      )}
      <QueueViewLinks />
    </main>
  );
}

function QueueRow({ referral }: { referral: Referral }) {
  const overdue = isOpen(referral.status) && isOverdue(referral, Date.now());
  return (
    <li class={overdue ? 'referral overdue' : 'referral'} data-referral-id={referral.id}>
      <div class="who">
        <strong>{referral.patient.name}</strong>
        <span class="status">{statusLabel(referral.status)}</span>
      </div>
      <div class="what">{referral.receiving.specialty ?? t('referralGeneric')}</div>
      <div class="when">
        {overdue && <span class="badge">{t('queueOverdue')}</span>} {followUpLabel(referral)}
      </div>
      <a href={referral.source.pageUrl} target="_blank" rel="noreferrer">
        {t('queueOpenInEhr')}
      </a>
    </li>
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
