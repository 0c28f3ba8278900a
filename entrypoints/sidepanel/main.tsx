import { t } from '../../src/i18n';
import { mountQueueView } from '../../src/queue-view/mount';
import { openDashboard } from '../../src/queue-view/open-views';
import { SignInNotice } from '../../src/ui/SignInStatus';
import { TeamQueueLine } from '../../src/ui/TeamQueueStatus';

// Chrome's side panel and Firefox's sidebar: the queue in a narrow column beside the EHR.
mountQueueView(
  'narrow',
  <>
    <button type="button" class="qv-button qv-quiet" onClick={() => void openDashboard(location.search)}>
      {t('qvOpenDashboard')}
    </button>
    <SignInNotice class="qv-team-status" />
    <TeamQueueLine />
  </>,
);
