import { t } from '../../src/i18n';
import { mountQueueView } from '../../src/queue-view/mount';

// The queue full-page, in a tab: the wide table. Notifications open it as `dashboard.html?overdue=1`.
mountQueueView(
  'wide',
  <a class="qv-button" href="/audit.html">
    {t('auditOpen')}
  </a>,
);
