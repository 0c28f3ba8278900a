// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createRequestHandler } from '../../src/background/request-handler';
import { DEFAULT_CONFIG } from '../../src/config/schema';
import type { Detection } from '../../src/detection/detect-referral';
import {
  type Coordinator,
  coordinatorOf,
  initialsOf,
  readCurrentCoordinator,
} from '../../src/identity/coordinator';
import { typedSender } from '../../src/messages';
import { ActionGateProvider } from '../../src/panel/ActionGate';
import { Panel } from '../../src/panel/Panel';
import { DEFAULT_PANEL_CONFIG } from '../../src/panel-config/schema';
import { newestAudit } from '../../src/queue/audit-log';
import { openHandoffDatabase } from '../../src/queue/database';
import { DismissedPages } from '../../src/queue/dismissed-pages';
import { ReferralQueue } from '../../src/queue/referral-queue';
import type { Referral } from '../../src/referral/referral';
import { itemEntry, storageItems } from '../../src/storage-items';
import { draft, freshDatabaseName } from './fixtures';
import { until } from './until';
import { seenWhole } from './visibility';

vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const storage = () => ({ local: fakeBrowser.storage.local, session: fakeBrowser.storage.session });
const signedIn = {
  state: 'signed-in' as const,
  user: {
    name: 'Dana Reyes',
    fhirUser: 'Practitioner/coordinator-dana',
    subject: 'dana',
    issuer: 'http://127.0.0.1:4010',
  },
  faults: [],
};

describe('who is working', () => {
  it('is nobody until a name or initials are given: Handoff does not invent an author', async () => {
    expect(await readCurrentCoordinator(storage())).toBeUndefined();
  });

  it('is the name and initials from options, initials derived from the name when left blank', async () => {
    await fakeBrowser.storage.local.set(itemEntry(storageItems.userSettings, { name: 'Ana María López' }));
    expect(await readCurrentCoordinator(storage())).toEqual({ name: 'Ana María López', initials: 'AML' });
    await fakeBrowser.storage.local.set(itemEntry(storageItems.userSettings, { initials: 'JD' }));
    expect(await readCurrentCoordinator(storage())).toEqual({ name: 'JD', initials: 'JD' });
  });

  it('is the signed-in user, with their FHIR identity, over the name typed in options', async () => {
    await fakeBrowser.storage.local.set(itemEntry(storageItems.userSettings, { name: 'Someone Else' }));
    await fakeBrowser.storage.session.set(itemEntry(storageItems.signInStatus, signedIn));
    expect(await readCurrentCoordinator(storage())).toEqual({
      name: 'Dana Reyes',
      initials: 'DR',
      fhirUser: 'Practitioner/coordinator-dana',
    });
  });

  it('still names the signed-in user while their sign-in needs renewing; not after sign-out', () => {
    const settings = { name: '', initials: '' };
    expect(coordinatorOf({ ...signedIn, state: 'sign-in-again' }, settings)?.name).toBe('Dana Reyes');
    expect(coordinatorOf({ ...signedIn, state: 'signed-out' }, settings)).toBeUndefined();
  });

  it('derives initials from up to three words of a name', () => {
    expect(initialsOf('  jo   doe ')).toBe('JD');
    expect(initialsOf('Ana-María de la Cruz')).toBe('AMD');
    expect(initialsOf('')).toBe('');
  });
});

describe('a name on every action', () => {
  let root: HTMLElement;
  let queue: ReferralQueue;
  let who: Coordinator | undefined;

  beforeEach(async () => {
    who = undefined;
    const db = await openHandoffDatabase(freshDatabaseName());
    queue = new ReferralQueue(db);
    root = document.createElement('div');
    document.body.append(root);
  });
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  const handler = () =>
    createRequestHandler({
      queue,
      dismissedPages: new DismissedPages(queue.database),
      config: () => DEFAULT_CONFIG,
      coordinator: async () => who,
      queueChanged: async () => {},
    });

  it('writes the coordinator on the history, and on the audit record of an export by hand', async () => {
    who = { name: 'Dana Reyes', initials: 'DR', fhirUser: 'Practitioner/coordinator-dana' };
    const handle = handler();
    expect((await handle({ type: 'export', what: 'queue-csv' })).ok).toBe(true);
    const [entry] = await newestAudit(queue.database, 1);
    expect(entry?.by).toBe('DR');
  });

  it("carries the signed-in user's FHIR identity on each history entry they make, not on later ones", async () => {
    who = { name: 'Dana Reyes', initials: 'DR', fhirUser: 'Practitioner/coordinator-dana' };
    const handle = handler();
    const tracked = await handle({ type: 'track-referral', draft: draft(), separately: false });
    if (!tracked.ok) throw new Error('not tracked');
    const { referral } = tracked.value as { referral: Referral };
    // Dana signs out; the change made then is under the name from options only, and Dana's stays hers.
    who = { name: 'Lee Okoro', initials: 'LO' };
    const changed = await handle({ type: 'change-status', id: referral.id, version: 1, to: 'ready-to-send' });
    expect(changed.ok).toBe(true);
    const stored = await queue.get(referral.id);
    expect(stored?.history.map(({ by, byFhirUser }) => ({ by, byFhirUser }))).toEqual([
      { by: 'DR', byFhirUser: 'Practitioner/coordinator-dana' },
      { by: 'LO', byFhirUser: undefined },
    ]);
  });

  it('tells the panel who is working and how the sign-in stands, from the background', async () => {
    // Firefox gives the panel's frame no storage.session: the panel asks the background instead.
    const handle = handler();
    expect(await handle({ type: 'who-is-working' }, 'panel')).toEqual({
      ok: true,
      value: { coordinator: null, signIn: { state: 'signed-out', faults: [] } },
    });
    who = { name: 'Dana Reyes', initials: 'DR' };
    expect(await handle({ type: 'who-is-working' }, 'panel')).toMatchObject({
      value: { coordinator: { name: 'Dana Reyes', initials: 'DR' } },
    });
  });

  it('asks who is working the first time Track needs it, then tracks under that name', async () => {
    const handle = handler();
    const send = typedSender((message) => handle(message, 'panel'));
    const detection: Detection = {
      profile: { id: 'openemr', name: 'OpenEMR' },
      score: 5,
      cues: ['heading: Referral'],
      fields: { patientName: 'Margaret Okafor', dateOfBirth: '1954-03-12', specialty: 'Cardiology' },
      toCheck: {},
      phoneCountry: 'US',
    };
    const saved: string[][] = [];
    const view = (known: boolean) => (
      <ActionGateProvider watch={seenWhole()}>
        <Panel
          detection={detection}
          manual={false}
          pageUrl="http://127.0.0.1:8765/referral?id=R-1"
          send={send}
          config={DEFAULT_PANEL_CONFIG}
          checkSelectors={async () => []}
          confirmOnScreen={async () => true}
          onDismiss={() => {}}
          who={{
            known,
            save: async (name, initials) => {
              saved.push([name, initials]);
              who = { name, initials: initials || initialsOf(name) };
            },
          }}
        />
      </ActionGateProvider>
    );
    await act(() => render(view(false), root));
    const button = (name: string) =>
      [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name);
    await until(() => button('Track referral') && !button('Track referral')?.disabled, 'Track');
    await act(() => button('Track referral')?.click());
    const form = await until(() => root.querySelector('form.who'), 'the question');
    expect(form.textContent).toContain('Who is working?');
    expect(await queue.newest(1)).toEqual([]);
    // Saving with nothing typed says what is missing and keeps waiting.
    await act(() => button('Save and continue')?.click());
    expect(form.querySelector('[role=alert]')?.textContent).toBe('Enter your name or your initials.');
    const name = root.querySelector<HTMLInputElement>('#who-name');
    if (!name) throw new Error('no name field');
    expect(document.activeElement).toBe(name);
    await act(() => {
      name.value = 'Ana López';
      name.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => button('Save and continue')?.click());
    await until(() => root.querySelector('.status-chip'), 'the tracked status');
    expect(saved).toEqual([['Ana López', '']]);
    expect(root.querySelector('form.who')).toBeNull();
    const [tracked] = await queue.newest(1);
    expect(tracked?.history[0]?.by).toBe('AL');
  });
});
