import { EhrOrigin, originPattern } from '../config/ehr-origins';
import { teamQueueTarget } from '../config/team-queue';
import { effectiveUserSettings, ownSettings } from '../config/user-settings';
import { DEMO_EHR_MATCHES } from '../demo-ehr-origins';
import { t } from '../i18n';
import { SignInSection } from '../ui/SignInStatus';
import { TeamQueueSection } from '../ui/TeamQueueStatus';
import { EhrSites } from './EhrSites';
import { PolicyStatus } from './PolicyStatus';
import { ProfileTester } from './ProfileTester';
import { ScriptChecks } from './ScriptChecks';
import { UserSettingsForm } from './UserSettingsForm';
import { useStorageItems } from './use-storage-items';

const ITEMS = [
  'configStatus',
  'userSettings',
  'managedUserSettings',
  'ehrSitesStatus',
  'userEhrOrigins',
  'teamQueueStatus',
] as const;

/** Options for the coordinator, diagnostics for the admin: one page, kept current as policy changes. */
export function OptionsPage() {
  const stored = useStorageItems(ITEMS);
  if (!stored) return <p role="status">{t('optionsLoading')}</p>;
  const { configStatus: status, managedUserSettings: managed, ehrSitesStatus: sites } = stored;
  const own = ownSettings(stored.userSettings);
  const effective = effectiveUserSettings(own, managed);
  const userOrigins = stored.userEhrOrigins.flatMap((origin) => EhrOrigin.safeParse(origin).data ?? []);
  const runsOn = [
    ...DEMO_EHR_MATCHES,
    ...sites.filter((site) => site.granted).map((site) => originPattern(site.origin)),
  ];
  return (
    <>
      <header>
        <h1>{t('optionsTitle')}</h1>
      </header>
      <main>
        <UserSettingsForm effective={effective} own={own} />
        <EhrSites
          sites={sites}
          userOrigins={userOrigins}
          locked={managed?.locks.includes('userEhrOrigins') ?? false}
        />
        {status ? (
          <>
            <TeamQueueSection
              target={teamQueueTarget(status.config.teamQueue)}
              status={stored.teamQueueStatus}
            />
            <SignInSection config={status.config} />
            <PolicyStatus status={status} />
            <ScriptChecks config={status.config} />
          </>
        ) : (
          <p role="status">{t('optionsNoStatus')}</p>
        )}
        <ProfileTester patterns={runsOn} locale={status?.config.locale ?? {}} />
      </main>
    </>
  );
}
