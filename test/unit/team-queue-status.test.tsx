// @vitest-environment jsdom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { TeamQueueSection } from '../../src/ui/TeamQueueStatus';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const TARGET = {
  fhirBaseUrl: 'https://fhir.example.org/fhir/R4',
  team: { system: 'urn:handoff:team', code: 'north-desk' },
  pollSeconds: 60,
};

const rendered = (props: Parameters<typeof TeamQueueSection>[0]) => {
  const root = document.createElement('div');
  render(<TeamQueueSection {...props} />, root);
  return root;
};

describe('options: team queue status', () => {
  it('says the queue stays on this computer when no server is configured', () => {
    expect(rendered({ target: undefined, status: undefined }).textContent).toContain(
      'Off: the queue stays on this computer',
    );
  });

  it('names in plain words what the server lacks', () => {
    const root = rendered({
      target: TARGET,
      status: { waiting: 2, errors: [], lacks: ['conditional-create', 'last-updated-search'], conflicts: 0 },
    });
    const items = [...root.querySelectorAll('[data-testid="team-queue-lacks"] li')].map(
      (li) => li.textContent,
    );
    expect(items).toEqual([
      expect.stringContaining('conditional create (If-None-Exist)'),
      expect.stringContaining('search by _lastUpdated'),
    ]);
    expect(root.textContent).toContain('2 changes waiting');
  });

  it('shows errors by kind with the server text as text, never as markup', () => {
    const root = rendered({
      target: TARGET,
      status: {
        waiting: 1,
        errors: [
          { kind: 'refused', detail: '<img src=x onerror=alert(1)>', at: 0, count: 1 },
          { kind: 'unreachable', detail: 'no answer in time', at: 0, count: 3 },
        ],
        lacks: [],
        conflicts: 1,
        lastSyncedAt: Date.UTC(2026, 10, 3, 9),
      },
    });
    const errors = root.querySelector('[data-testid="team-queue-errors"]');
    expect(errors?.querySelector('img')).toBeNull();
    expect(errors?.textContent).toContain('The server refused a change: <img src=x onerror=alert(1)>');
    expect(errors?.querySelector('[data-kind="unreachable"]')?.textContent).toContain('3 times');
    expect(root.querySelector('[data-testid="team-queue-conflicts"]')?.textContent).toMatch(
      /^1 referral was changed/,
    );
  });
});
