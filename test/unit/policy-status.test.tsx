// @vitest-environment jsdom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { ConfigReader } from '../../src/background/config-reader';
import { PolicyStatus } from '../../src/options/PolicyStatus';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

describe('options page policy status', () => {
  it('lists a plain http EHR site as a warning, by path, while it applies', async () => {
    const storage = {
      managed: { get: async () => ({ ehrOrigins: ['https://ehr.example.org', 'http://ehr2.example.org'] }) },
      local: { get: async () => ({}), set: async () => {} },
    };
    const status = await new ConfigReader(storage).refresh();
    const root = document.createElement('div');
    render(<PolicyStatus status={status} />, root);
    expect(root.querySelector('[data-testid="policy-ok"]')).not.toBeNull();
    const rows = [...root.querySelectorAll('[data-testid="policy-warnings"] tbody tr')].map(
      (row) => row.textContent,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^ehrOrigins\.1.*unencrypted/);
    // The value itself is never shown in a diagnostic row.
    expect(rows[0]).not.toContain('ehr2.example.org');
  });
});
