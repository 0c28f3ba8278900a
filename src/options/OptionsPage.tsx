import { EHR_SITES_STATUS_KEY, type EhrSite, USER_EHR_ORIGINS_KEY } from '../background/ehr-sites';
import { CONFIG_STATUS_KEY, type ConfigStatus } from '../config/effective-config';
import { EhrOrigin, originPattern } from '../config/ehr-origins';
import { teamQueueTarget } from '../config/team-queue';
import {
  effectiveUserSettings,
  MANAGED_USER_SETTINGS_KEY,
  type ManagedUserSettings,
  ownSettings,
  USER_SETTINGS_KEY,
} from '../config/user-settings';
import { DEMO_EHR_MATCHES } from '../demo-ehr-origins';
import { t } from '../i18n';
import { type SyncStatus, TEAM_QUEUE_STATUS_KEY } from '../team-queue/sync-status';
import { TeamQueueSection } from '../ui/TeamQueueStatus';
import { EhrSites } from './EhrSites';
import { PolicyStatus } from './PolicyStatus';
import { ProfileTester } from './ProfileTester';
import { ScriptChecks } from './ScriptChecks';
import { UserSettingsForm } from './UserSettingsForm';
import { useLocalStorage } from './use-local-storage';

const KEYS = [
  CONFIG_STATUS_KEY,
  USER_SETTINGS_KEY,
  MANAGED_USER_SETTINGS_KEY,
  EHR_SITES_STATUS_KEY,
  USER_EHR_ORIGINS_KEY,
  TEAM_QUEUE_STATUS_KEY,
] as const;

/** Options for the coordinator, diagnostics for the admin: one page, kept current as policy changes. */
export function OptionsPage() {
  const stored = useLocalStorage(KEYS);
  if (!stored) return <p role="status">{t('optionsLoading')}</p>;
  const status = stored[CONFIG_STATUS_KEY] as ConfigStatus | undefined;
  const managed = stored[MANAGED_USER_SETTINGS_KEY] as ManagedUserSettings | undefined;
  const own = ownSettings(stored[USER_SETTINGS_KEY]);
  const effective = effectiveUserSettings(own, managed);
  const sites = (stored[EHR_SITES_STATUS_KEY] as EhrSite[] | undefined) ?? [];
  const userOrigins = ((stored[USER_EHR_ORIGINS_KEY] as unknown[] | undefined) ?? []).flatMap(
    (origin) => EhrOrigin.safeParse(origin).data ?? [],
  );
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
              status={stored[TEAM_QUEUE_STATUS_KEY] as SyncStatus | undefined}
            />
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
