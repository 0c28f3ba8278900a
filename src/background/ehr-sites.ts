import { type EhrOrigin, originPattern } from '../config/ehr-origins';
import type { LockableSetting } from '../config/user-settings';
import { DEMO_EHR_MATCHES } from '../demo-ehr-origins';

/** The content script WXT builds from `entrypoints/content-script.ts`; the manifest registers it for the demo EHR. */
export const CONTENT_SCRIPT_FILE = 'content-script.js';
export const EHR_SITES_SCRIPT_ID = 'handoff-ehr-sites';

export interface EhrSite {
  origin: EhrOrigin;
  enabledBy: 'policy' | 'user';
  /** False when the browser withholds access to the site: Handoff cannot run there until granted. */
  granted: boolean;
}

interface RegisteredScript {
  id: string;
  matches?: string[];
}

interface ScriptDefinition {
  id: string;
  matches: string[];
  excludeMatches: string[];
  js: string[];
  allFrames: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

export interface EhrSitesBrowser {
  scripting: {
    getRegisteredContentScripts(filter: { ids: string[] }): Promise<RegisteredScript[]>;
    registerContentScripts(scripts: ScriptDefinition[]): Promise<void>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
  };
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
}

/** Sites enabled by policy, then those the coordinator added (unless the admin locked that). */
export function enabledOrigins(
  policyOrigins: readonly EhrOrigin[],
  userOrigins: readonly EhrOrigin[],
  locks: readonly LockableSetting[],
): Pick<EhrSite, 'origin' | 'enabledBy'>[] {
  const sites: Pick<EhrSite, 'origin' | 'enabledBy'>[] = policyOrigins.map((origin) => ({
    origin,
    enabledBy: 'policy',
  }));
  if (locks.includes('userEhrOrigins')) return sites;
  for (const origin of userOrigins)
    if (!sites.some((site) => site.origin === origin)) sites.push({ origin, enabledBy: 'user' });
  return sites;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((item, i) => item === [...b].sort()[i]);

/**
 * Registers the content script on exactly the enabled sites the browser lets Handoff access, and
 * nowhere else. The demo EHR keeps its manifest registration, so it is excluded here to never
 * inject twice. Runs at every worker start and after every change of policy or user sites.
 */
export async function syncEhrSites(
  browser: EhrSitesBrowser,
  wanted: Pick<EhrSite, 'origin' | 'enabledBy'>[],
): Promise<EhrSite[]> {
  const sites = await Promise.all(
    wanted.map(async (site) => ({
      ...site,
      granted: await browser.permissions
        .contains({ origins: [originPattern(site.origin)] })
        .catch(() => false),
    })),
  );
  const matches = sites.filter((site) => site.granted).map((site) => originPattern(site.origin));
  const [registered] = await browser.scripting.getRegisteredContentScripts({ ids: [EHR_SITES_SCRIPT_ID] });
  if (registered && sameList(registered.matches ?? [], matches)) return sites;
  if (registered) await browser.scripting.unregisterContentScripts({ ids: [EHR_SITES_SCRIPT_ID] });
  if (matches.length > 0)
    await browser.scripting.registerContentScripts([
      {
        id: EHR_SITES_SCRIPT_ID,
        matches,
        excludeMatches: DEMO_EHR_MATCHES,
        js: [CONTENT_SCRIPT_FILE],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  return sites;
}
