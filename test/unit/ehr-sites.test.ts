import { describe, expect, it } from 'vitest';
import {
  CONTENT_SCRIPT_FILE,
  EHR_SITES_SCRIPT_ID,
  type EhrSitesBrowser,
  enabledOrigins,
  syncEhrSites,
} from '../../src/background/ehr-sites';
import { EhrOrigin, originFromInput, originPattern, originWarning } from '../../src/config/ehr-origins';
import { DEMO_EHR_MATCHES } from '../../src/demo-ehr-origins';

function fakeScripting(granted: (origin: string) => boolean = () => true) {
  let registered: { id: string; matches: string[] }[] = [];
  const calls: string[] = [];
  const api: EhrSitesBrowser = {
    scripting: {
      getRegisteredContentScripts: async ({ ids }) => registered.filter((s) => ids.includes(s.id)),
      registerContentScripts: async (scripts) => {
        calls.push('register');
        for (const script of scripts) {
          if (registered.some((s) => s.id === script.id))
            throw new Error(`Duplicate script ID '${script.id}'`);
          expect(script.js).toEqual([CONTENT_SCRIPT_FILE]);
          expect(script.excludeMatches).toEqual(DEMO_EHR_MATCHES);
        }
        registered = [...registered, ...scripts];
      },
      unregisterContentScripts: async ({ ids }) => {
        calls.push('unregister');
        registered = registered.filter((s) => !ids.includes(s.id));
      },
    },
    permissions: { contains: async ({ origins }) => origins.every(granted) },
  };
  return { api, calls, registered: () => registered };
}

describe('EHR sites', () => {
  it('accept origins as admins write them, and refuse paths, ports and other schemes', () => {
    expect(EhrOrigin.parse('HTTPS://EHR.Example.org/')).toBe('https://ehr.example.org');
    expect(EhrOrigin.parse('https://*.example.org')).toBe('https://*.example.org');
    for (const bad of [
      'https://ehr.example.org/app',
      'https://ehr.example.org:8443',
      'ftp://x.org',
      '*',
      'https://*',
    ])
      expect(EhrOrigin.safeParse(bad).success, bad).toBe(false);
    expect(originFromInput('ehr.example.org/openemr/index.php')).toBe('https://ehr.example.org');
    expect(originFromInput('http://127.0.0.2:8765/x')).toBe('http://127.0.0.2');
    expect(originFromInput('not a site')).toBeUndefined();
  });

  it('take a pasted address as its site, spaces and links in it included', () => {
    expect(originFromInput('  https://ehr.example.org/chart  ')).toBe('https://ehr.example.org');
    expect(originFromInput('ehr.example.org/login?next=https://ehr.example.org/home')).toBe(
      'https://ehr.example.org',
    );
  });

  it('warn about plain http outside this computer only, wildcards included', () => {
    expect(originWarning(EhrOrigin.parse('http://ehr.example.org'))).toMatch(/unencrypted/);
    expect(originWarning(EhrOrigin.parse('http://*.example.org'))).toMatch(/unencrypted/);
    for (const safe of [
      'https://ehr.example.org',
      'https://*.example.org',
      'http://localhost',
      'http://127.0.0.1',
      'http://*.ehr.localhost',
    ])
      expect(originWarning(EhrOrigin.parse(safe)), safe).toBeUndefined();
    expect(originPattern(EhrOrigin.parse('https://*.example.org'))).toBe('https://*.example.org/*');
  });

  it('come from policy and the coordinator, unless the admin locked the coordinator’s', () => {
    const policy = ['https://a.example.org'];
    const user = ['https://a.example.org', 'https://b.example.org'];
    expect(enabledOrigins(policy, user, [])).toEqual([
      { origin: 'https://a.example.org', enabledBy: 'policy' },
      { origin: 'https://b.example.org', enabledBy: 'user' },
    ]);
    expect(enabledOrigins(policy, user, ['userEhrOrigins'])).toHaveLength(1);
  });

  it('register the content script on exactly the granted sites, once, and nowhere when none', async () => {
    const fake = fakeScripting((origin) => !origin.includes('withheld'));
    const wanted = enabledOrigins(['https://a.example.org', 'https://withheld.example.org'], [], []);
    const sites = await syncEhrSites(fake.api, wanted);
    expect(sites.map((s) => s.granted)).toEqual([true, false]);
    expect(fake.registered()).toMatchObject([
      { id: EHR_SITES_SCRIPT_ID, matches: ['https://a.example.org/*'] },
    ]);
    await syncEhrSites(fake.api, wanted);
    expect(fake.calls).toEqual(['register']);
    await syncEhrSites(fake.api, [{ origin: 'https://c.example.org', enabledBy: 'user' }]);
    expect(fake.registered()).toMatchObject([{ matches: ['https://c.example.org/*'] }]);
    await syncEhrSites(fake.api, []);
    expect(fake.registered()).toEqual([]);
  });
});
