import { describe, expect, it } from 'vitest';
import { ConfigReader } from '../../src/background/config-reader';
import { EhrOrigin } from '../../src/config/ehr-origins';
import { runCheckPolicy } from './check-policy-run';

async function readPolicy(config: Record<string, unknown>) {
  const storage = {
    managed: { get: async () => config },
    local: { get: async () => ({}), set: async () => {} },
  };
  return new ConfigReader(storage).refresh();
}

describe('EHR sites in policy', () => {
  it('refuses a wildcard over a public suffix, which would cover every site under it', () => {
    for (const origin of [
      'https://*.com',
      'http://*.org',
      'https://*.co.uk',
      'https://*.github.io',
      'https://*.localhost',
    ]) {
      const result = EhrOrigin.safeParse(origin);
      expect(result.success, origin).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/public suffix/);
    }
  });

  it('accepts a wildcard inside one organisation, and plain sites', () => {
    for (const origin of [
      'https://*.example.org',
      'https://*.nhs-trust.example.co.uk',
      'https://*.example.co.uk',
      'https://ehr.example.org',
      'http://127.0.0.1',
      'http://localhost',
    ])
      expect(EhrOrigin.safeParse(origin).success, origin).toBe(true);
  });

  it('reports the refused wildcard by its path', async () => {
    const state = await readPolicy({ ehrOrigins: ['https://ehr.example.org', 'https://*.co.uk'] });
    expect(state.errors.map((error) => error.path)).toEqual(['ehrOrigins.1']);
  });

  it('applies plain http outside loopback but warns about it', async () => {
    const state = await readPolicy({
      ehrOrigins: [
        'http://ehr.example.org',
        'https://secure.example.org',
        'http://localhost',
        'http://127.0.0.1',
      ],
    });
    expect(state.errors).toEqual([]);
    expect(state.config.ehrOrigins).toContain('http://ehr.example.org');
    expect(state.warnings.map((warning) => warning.path)).toEqual(['ehrOrigins.0']);
    expect(state.warnings[0]?.message).toMatch(/unencrypted/);
  });

  it('`npm run check-policy` refuses the wildcard and warns about plain http', () => {
    const { output, status } = runCheckPolicy({ ehrOrigins: ['https://*.com', 'http://ehr.example.org'] });
    expect(status).toBe(1);
    expect(output).toMatch(/ehrOrigins\.0: .*public suffix/);
    expect(output).toMatch(/warning: ehrOrigins\.1: .*unencrypted/);
  }, 30_000);
});
