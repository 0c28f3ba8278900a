import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Frame, type Locator, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs } from '../../scripts/chromium';
import { CONTENT_SCRIPT_FILE } from '../../src/background/ehr-sites';
import { CHROME_EXTENSION_ID } from '../../src/extension-identity';
import { type DemoReferral, patientById, referralById } from '../demo-ehr/data';
import { referralPath, transferTicketPath } from '../demo-ehr/urls';
import { COORDINATORS } from '../identity-provider/provider';
import { answerSignInWindow } from '../identity-provider/sign-in-window';
import { panel, patientName } from './demo';
import { EXTENSION_DIR, expect, extensionWorker, presetCoordinator, test } from './fixtures';
import { countByContext, NetworkRecorder, netLogHeadersSentTo, netLogRequests } from './network-recorder';
import { configStatus, removePolicy, settingRow, writePolicy } from './policy';
import { SIGN_IN_REDIRECT, type SignedInFhir, startSignedInFhir } from './signed-in-fhir';

const EXTENSION = `chrome-extension://${CHROME_EXTENSION_ID}`;
/** TEST-NET-1 (RFC 5737): routed nowhere. The control requests go there and never arrive. */
const BLACKHOLE = 'http://192.0.2.1';
const example = JSON.parse(readFileSync('docs/policy/handoff-config.json', 'utf8')) as {
  ehrProfiles: unknown[];
};

function demoReferral(id: string): DemoReferral {
  const referral = referralById(id);
  if (!referral) throw new Error(`demo referral ${id} missing`);
  return referral;
}

async function openPanel(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  const shown = await panel(page);
  await expect(shown.getByRole('tab', { name: 'Details' })).toBeVisible();
  return shown;
}

async function track(shown: Locator) {
  await shown.getByRole('button', { name: 'Track referral' }).click();
  await expect(shown.getByRole('status').first()).toContainText('In the queue');
}

function sendFrom(page: Page, message: Record<string, unknown>) {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<{
    ok: boolean;
    value: { referrals: { id: string; version: number; patient: { name: string } }[] };
  }>;
}

async function trackedId(page: Page, referral: DemoReferral): Promise<{ id: string; version: number }> {
  const reply = await sendFrom(page, { type: 'query-queue', query: { limit: 100 } });
  const found = reply.value.referrals.find((r) => r.patient.name === patientName(referral));
  if (!found) throw new Error(`${patientName(referral)} is not in the queue`);
  return found;
}

/** A request the test itself makes to an address that must never be reached; it only has to start. */
const controlFetch = (url: string) =>
  `fetch(${JSON.stringify(url)}, { signal: AbortSignal.timeout(500) }).then(() => 'sent', () => 'sent')`;

const panelFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().includes('/panel.html') && !f.isDetached());
  if (!frame) throw new Error('no panel frame');
  return frame;
};

/**
 * Where each walk starts: the extension's worker once it has applied the policy, Playwright's own
 * view of the traffic (a cross-check of the DevTools recorder), the first tab, and a way to open
 * the extension's pages.
 */
async function startWalk(context: BrowserContext) {
  const worker = await extensionWorker(context);
  const playwrightSeen: string[] = [];
  context.on('request', (request) => playwrightSeen.push(request.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  const newExtensionPage = async (path: string) => {
    const opened = await context.newPage();
    await opened.goto(`${EXTENSION}/${path}`);
    return opened;
  };
  await expect.poll(async () => (await configStatus(worker))?.config, { timeout: 15_000 }).toBeDefined();
  return { worker, playwrightSeen, page, newExtensionPage };
}

/**
 * Its own browser: started with the DevTools port the recorder connects to and with Chromium's
 * NetLog on, under a policy set before start (so "policy applied" is part of the walk).
 */
const noNetworkTest = test.extend<{
  policy: Record<string, unknown>;
  recorder: NetworkRecorder;
  netLog: string;
}>({
  policy: [{ organization: { name: 'Hillview Clinic' }, reminders: { sweepMinutes: 30 } }, { option: true }],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  netLog: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'handoff-netlog-'));
    await use(join(dir, 'netlog.json'));
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ netLog, policy }, use) => {
    writePolicy(policy);
    const profile = mkdtempSync(join(tmpdir(), 'handoff-no-network-'));
    let context: BrowserContext | undefined;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [...chromiumArgs(EXTENSION_DIR), '--remote-debugging-port=0', `--log-net-log=${netLog}`],
        viewport: { width: 1400, height: 900 },
        acceptDownloads: true,
      });
      (context as BrowserContext & { profileDir?: string }).profileDir = profile;
      await use(context);
    } finally {
      await context?.close();
      removePolicy();
      rmSync(profile, { recursive: true, force: true });
    }
  },
  recorder: async ({ context }, use) => {
    const recorder = await NetworkRecorder.attach(
      (context as BrowserContext & { profileDir: string }).profileDir,
    );
    await use(recorder);
    recorder.close();
  },
});

noNetworkTest(
  'walking every feature, the extension makes no request that leaves the browser',
  async ({ context, recorder, netLog, ehrUrl }) => {
    noNetworkTest.setTimeout(300_000);
    // Policy applied: the organisation's name comes from the managed policy.
    const { worker, playwrightSeen, page, newExtensionPage } = await startWalk(context);

    // Detection on each demo layout.
    const first = demoReferral('R-1001');
    for (const layout of ['openemr', 'fhir', 'legacy'] as const) {
      const shown = await openPanel(page, ehrUrl + referralPath(first, layout));
      await expect(shown.locator('[data-field="patientName"]')).toHaveText(patientName(first));
    }

    // Track, the packet checklist, and "sent" with an override: R-1007 shows no insurance member ID.
    const sent = demoReferral('R-1007');
    let shown = await openPanel(page, ehrUrl + referralPath(sent, 'openemr'));
    await shown.getByRole('tab', { name: /Packet/ }).click();
    await expect(shown.locator('.checklist .item').first()).toBeVisible();
    await shown.getByRole('tab', { name: 'Details' }).click();
    // A first start: the panel asks once who is working, and the answer stays on this computer.
    await shown.getByRole('button', { name: 'Track referral' }).click();
    await shown.getByLabel('Your name').fill('Jordan Diaz');
    await shown.getByRole('button', { name: 'Save and continue' }).click();
    await expect(shown.getByRole('status').first()).toContainText('In the queue');
    await shown.getByRole('tab', { name: /Packet/ }).click();
    await shown.getByRole('button', { name: 'Mark packet sent' }).click();
    await shown.getByLabel('Reason to send anyway').fill('Records go by courier this afternoon');
    await shown.getByRole('button', { name: 'Send anyway' }).click();
    await expect(shown.locator('.status-chip')).toHaveText('Sent');

    // Scripts, copied to the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(ehrUrl).origin });
    shown = await openPanel(page, ehrUrl + referralPath(demoReferral('R-1002')));
    await shown.getByRole('tab', { name: 'Scripts' }).click();
    const call = shown.locator('[data-script="patient-call-es"]');
    await call.getByRole('button', { name: 'Copy' }).click();
    await expect(call).toContainText('Copied to the clipboard.');

    // The outreach log.
    const third = demoReferral('R-1003');
    shown = await openPanel(page, ehrUrl + referralPath(third));
    await track(shown);
    await shown.getByRole('tab', { name: 'Outreach' }).click();
    await shown.getByLabel('Note').fill('Left a message with her daughter.');
    await shown.getByRole('button', { name: 'No answer' }).click();
    await expect(shown.getByText(/Logged: No answer\. Follow up/)).toBeVisible();

    // A clinical question, escalated.
    shown = await openPanel(page, ehrUrl + referralPath(demoReferral('R-1005')));
    await shown.getByRole('button', { name: 'Clinical question' }).click();
    await shown.getByRole('button', { name: /Track and record escalation for/ }).click();
    await expect(shown.getByText(/Escalation recorded — nothing was sent\. Contact /)).toBeVisible();

    // The dashboard: filters, a state change, records and the office's acknowledgment.
    const dashboard = await newExtensionPage('dashboard.html');
    await expect(dashboard.locator('[data-row-main]')).toHaveCount(3);
    await dashboard.getByLabel('Overdue only').check();
    await dashboard.getByLabel('Overdue only').uncheck();
    await dashboard.locator('.qv-states summary').click();
    await dashboard.getByRole('checkbox', { name: 'Sent' }).check();
    await expect(dashboard.locator('[data-row-main]')).toHaveCount(1);
    await dashboard.getByRole('checkbox', { name: 'Sent' }).uncheck();
    await dashboard
      .getByRole('searchbox', { name: 'Search' })
      .fill(patientById(third.patientId)?.lastName ?? '');
    await expect(dashboard.locator('[data-row-main]')).toHaveCount(1);
    await dashboard.getByRole('button', { name: patientName(third) }).click();
    const details = dashboard.locator('.qv-actions');
    await details.getByRole('button', { name: 'Change state' }).click();
    await details.getByLabel('New state').selectOption('needs-patient-action');
    await details.getByRole('button', { name: 'Save state' }).click();
    await expect(dashboard.getByRole('status')).toContainText('moved to');

    const { id: sentId } = await trackedId(dashboard, sent);
    const records = await newExtensionPage(`dashboard.html?id=${sentId}`);
    const actions = records.locator('.qv-actions');
    await actions.getByRole('button', { name: 'Request a record' }).click();
    await actions.getByLabel('Record', { exact: true }).fill('Echocardiogram report');
    await actions.getByRole('button', { name: 'Save request' }).click();
    await expect(records.getByRole('status')).toContainText('Echocardiogram report requested.');
    await actions.getByRole('button', { name: 'Record acknowledgment' }).click();
    await actions.getByRole('button', { name: 'Save acknowledgment' }).click();
    await expect(records.getByRole('status')).toContainText('the receiving office confirmed receipt');

    // The metrics page and all three exports.
    const metrics = await newExtensionPage('metrics.html');
    await expect(metrics.getByRole('status').first()).toContainText('referrals ordered');
    for (const button of ['Queue (CSV)', 'Metrics (CSV)', 'FHIR R4 Bundle (JSON)']) {
      const [download] = await Promise.all([
        metrics.waitForEvent('download'),
        metrics.getByRole('button', { name: button }).click(),
      ]);
      expect(await download.path()).toBeTruthy();
    }

    // The popup and the side panel.
    const popup = await newExtensionPage('popup.html');
    await expect(popup.getByRole('button', { name: 'Open dashboard' })).toBeVisible();
    const sidePanel = await newExtensionPage('sidepanel.html');
    await expect(sidePanel.getByRole('heading', { level: 1 })).toHaveText('Referral queue');

    // Options, where the policy shows, and the profile tester on an open EHR tab.
    await page.goto(ehrUrl + transferTicketPath(first.id));
    const options = await newExtensionPage('options.html');
    await expect(settingRow(options, 'organization.name')).toHaveAttribute('data-source', 'policy');
    const tester = options.getByRole('region', { name: 'Test a profile on an open tab' });
    await tester.getByLabel('EHR profile (JSON)').fill(JSON.stringify(example.ehrProfiles[0]));
    await tester.getByRole('button', { name: 'Find open EHR tabs' }).click();
    await tester.getByRole('button', { name: 'Test profile' }).click();
    await expect(tester.getByTestId('probe-verdict')).toContainText('Recognised as a referral');

    // Reminders: an overdue call-back, the sweep alarm, the notification.
    const overdue = await trackedId(popup, third);
    await sendFrom(popup, { type: 'call-back-at', id: overdue.id, at: Date.now() - 60_000 });
    await worker.evaluate(() =>
      chrome.alarms.create('handoff-sweep', { when: Date.now() + 100, periodInMinutes: 30 }),
    );
    await expect
      .poll(() => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll())), {
        timeout: 20_000,
      })
      .toEqual(['handoff-overdue']);

    // Nothing was written to the EHR origin's own storage by the whole walk (the content script
    // shares that origin's storage with the page; the demo EHR itself keeps none): the queue lives
    // in the extension's IndexedDB only.
    expect(await context.cookies(ehrUrl)).toEqual([]);
    expect(
      await page.evaluate(async () => ({
        origin: location.origin,
        localStorage: Object.keys(localStorage),
        sessionStorage: Object.keys(sessionStorage),
        cookie: document.cookie,
        indexedDB: (await indexedDB.databases()).map((db) => db.name),
      })),
    ).toEqual({
      origin: new URL(ehrUrl).origin,
      localStorage: [],
      sessionStorage: [],
      cookie: '',
      indexedDB: [],
    });
    // Nor to the extension origin's web storage: the queue is in its IndexedDB, settings in
    // chrome.storage.
    expect(
      await popup.evaluate(() => ({
        localStorage: Object.keys(localStorage),
        sessionStorage: Object.keys(sessionStorage),
      })),
    ).toEqual({ localStorage: [], sessionStorage: [] });

    // Controls: a request each from an extension page, the panel frame, the service worker, the
    // content script's world and the EHR page itself, to an address that is never reached. The
    // recorder must see each, in the right context, or a clean result would prove nothing.
    const controls = {
      dashboard: `${BLACKHOLE}/control/dashboard`,
      'panel-frame': `${BLACKHOLE}/control/panel`,
      'service-worker': `${BLACKHOLE}/control/service-worker`,
      'content-script': `${BLACKHOLE}/control/content-script`,
      'ehr-page': `${BLACKHOLE}/control/ehr-page`,
    };
    await dashboard.evaluate(controlFetch(controls.dashboard));
    shown = await openPanel(page, ehrUrl + referralPath(first));
    await panelFrame(page).evaluate(controlFetch(controls['panel-frame']));
    await worker.evaluate(controlFetch(controls['service-worker']));
    await page.evaluate(controlFetch(controls['ehr-page']));
    const ehrSession = recorder.sessionFor(ehrUrl);
    expect(ehrSession, 'the EHR tab is attached').toBeDefined();
    const contentWorld = ehrSession && recorder.extensionWorlds.get(ehrSession);
    expect(contentWorld, "the content script's isolated world").toBeDefined();
    await recorder.send(
      'Runtime.evaluate',
      {
        // Named as the content script's own file, as a stack through its code would be.
        expression: `${controlFetch(controls['content-script'])}\n//# sourceURL=${EXTENSION}/${CONTENT_SCRIPT_FILE}`,
        contextId: contentWorld,
        awaitPromise: true,
      },
      ehrSession,
    );
    for (const [expected, url] of Object.entries(controls)) {
      await expect
        .poll(() => recorder.requests.find((request) => request.url === url)?.context, { message: url })
        .toBe(expected);
    }

    const controlUrls = new Set(Object.values(controls));
    const { counts } = await expectRequestsOnlyTo(
      { recorder, playwrightSeen, context, netLog },
      { ehrOrigin: new URL(ehrUrl).origin, controlUrls, servers: [] },
    );
    for (const context of ['panel-frame', 'popup', 'dashboard', 'sidepanel', 'metrics', 'options'])
      expect(counts[context] ?? 0, `${context} was recorded`).toBeGreaterThan(0);
    noNetworkTest
      .info()
      .annotations.push({ type: 'requests by context', description: JSON.stringify(counts) });
  },
);

/** The witnesses of a run's traffic: the DevTools recorder, Playwright's own view, Chromium's NetLog. */
interface Witnesses {
  recorder: NetworkRecorder;
  playwrightSeen: readonly string[];
  context: BrowserContext;
  netLog: string;
}

const inBrowser = (url: string) => /^(data|blob):/.test(url) || url.startsWith(`${EXTENSION}/`);

/**
 * Every request of the run went to the extension's own files, data: and blob: URLs, the demo EHR
 * (the EHR tab's own loads) or one of `servers` (origins: the team's FHIR server and the sign-in
 * issuer), and nowhere else; the control requests aside, which each witness must have seen.
 * `caught`: an address the browser answers itself (the sign-in's redirect URI, which
 * launchWebAuthFlow catches as the provider redirects to it). Chromium's network stack does start
 * that request, and looks the host name up, before the sign-in flow cancels it; the NetLog must
 * show that no request header was ever sent to it.
 * Closes the browser to read the NetLog whole. Gives the requests observed, by context.
 */
async function expectRequestsOnlyTo(
  { recorder, playwrightSeen, context, netLog }: Witnesses,
  {
    ehrOrigin,
    controlUrls,
    servers,
    caught = [],
  }: { ehrOrigin: string; controlUrls: Set<string>; servers: string[]; caught?: string[] },
) {
  const isCaught = (url: string) => caught.some((prefix) => url.startsWith(prefix));
  const toServer = (url: string) => servers.some((origin) => url.startsWith(`${origin}/`)) || isCaught(url);
  const observed = recorder.requests.filter((request) => !controlUrls.has(request.url));
  // The extension's own contexts reach nothing but their own files, data: and blob: URLs, and the servers.
  const fromExtension = observed.filter((request) => request.context !== 'ehr-page');
  expect(fromExtension.filter((request) => !inBrowser(request.url) && !toServer(request.url))).toEqual([]);
  // Nothing anywhere leaves the machine: the EHR page loads only from the demo EHR.
  const leaving = observed.filter(
    (r) => !inBrowser(r.url) && !r.url.startsWith(`${ehrOrigin}/`) && !toServer(r.url),
  );
  expect(leaving.filter((r) => !r.url.startsWith('chrome://'))).toEqual([]);
  expect(
    playwrightSeen.filter(
      (url) =>
        !controlUrls.has(url) &&
        /^(https?|wss?|ftp):/.test(url) &&
        !url.startsWith(`${ehrOrigin}/`) &&
        !toServer(url),
    ),
  ).toEqual([]);
  const counts = countByContext(observed);
  if (process.env.HANDOFF_LIST_REQUESTS)
    for (const r of observed) if (r.context !== 'ehr-page') console.log(r.context, r.url.slice(0, 120));
  console.log(`requests observed by context: ${JSON.stringify(counts)} (total ${observed.length})`);

  // Chromium's NetLog, complete once the browser has closed: every URL request the network
  // stack started in the whole run, whoever started it. The controls are there; nothing else
  // went beyond the demo EHR and the servers.
  await context.close();
  const logged = netLogRequests(netLog);
  for (const address of caught) {
    // Chromium starts the redirect's request (and looks its host name up) before launchWebAuthFlow
    // cancels it: nothing may have been sent to it.
    const host = new URL(address).host;
    expect(netLogHeadersSentTo(netLog, host), `nothing sent to ${host}`).toEqual([]);
    const started = logged.filter(({ url }) => url.startsWith(address)).length;
    console.log(`NetLog: ${started} URL events to ${host}, cancelled before any header was sent`);
  }
  for (const url of controlUrls)
    expect(
      logged.map((request) => request.url),
      `NetLog saw ${url}`,
    ).toContain(url);
  // Asked for by the extension (its origin), by something in the EHR tab (the content script
  // shares the page's origin) or by a server's own page (the issuer's sign-in page, its form):
  // only the demo EHR, the servers, or the extension's own files.
  const askedByUs = logged.filter(
    ({ initiator }) =>
      initiator === EXTENSION || initiator === ehrOrigin || (initiator && servers.includes(initiator)),
  );
  expect(
    askedByUs.filter(
      ({ url }) =>
        !controlUrls.has(url) && !inBrowser(url) && !url.startsWith(`${ehrOrigin}/`) && !toServer(url),
    ),
  ).toEqual([]);
  // What is left is Chromium's own traffic (no initiator): reported, not the extension's.
  const browserOwn = [
    ...new Set(
      logged
        .filter(
          ({ initiator, url }) =>
            !initiator && !controlUrls.has(url) && !url.startsWith(`${ehrOrigin}/`) && !toServer(url),
        )
        .map(({ url }) => new URL(url).origin),
    ),
  ];
  console.log(
    `NetLog: ${logged.length} URL events; from the extension or the EHR tab: ${askedByUs.length}; Chromium's own, to: ${browserOwn.join(', ')}`,
  );
  return { observed, counts, logged };
}

/**
 * The same witnesses with the team queue on: a real FHIR test server that takes only the test
 * identity provider's tokens, named by policy with sign-in. The coordinator signs in, tracks a
 * referral, logs a call and opens the dashboard and side panel (each opening syncs); every request
 * goes to the FHIR server's origin or the issuer's, and the server did receive the Task and the
 * call, so the run is not clean for having sent nothing.
 */
const teamQueueTest = noNetworkTest.extend<{ servers: SignedInFhir }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  servers: async ({}, use) => {
    const servers = await startSignedInFhir();
    try {
      await use(servers);
    } finally {
      await servers.stop();
    }
  },
  policy: async ({ servers }, use) => {
    await use({ organization: { name: 'Hillview Clinic' }, ...servers.policy });
  },
});

teamQueueTest(
  'with the team queue on, the extension reaches the FHIR server and the sign-in issuer, and nowhere else',
  async ({ context, recorder, netLog, ehrUrl, servers }) => {
    teamQueueTest.setTimeout(180_000);
    const { fhir, idp } = servers;
    const fhirOrigin = new URL(fhir.baseUrl).origin;
    const { worker, playwrightSeen, page, newExtensionPage } = await startWalk(context);
    await presetCoordinator(worker);

    // Sign in on the provider's own pages, in the browser's sign-in window.
    const options = await newExtensionPage('options.html');
    const signIn = options.getByTestId('sign-in');
    const answered = answerSignInWindow(context, idp.issuer, COORDINATORS.dana);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await answered;
    await expect(signIn.getByTestId('signed-in-as')).toContainText('Dana Reyes');

    // Track a referral and log a call from the panel.
    const referral = demoReferral('R-1003');
    const shown = await openPanel(page, ehrUrl + referralPath(referral));
    await track(shown);
    await shown.getByRole('tab', { name: 'Outreach' }).click();
    await shown.getByLabel('Note').fill('Left a message with her daughter.');
    await shown.getByRole('button', { name: 'No answer' }).click();
    await expect(shown.getByText(/Logged: No answer\. Follow up/)).toBeVisible();

    // The dashboard and the side panel: each opening reads the team's changes.
    const dashboard = await newExtensionPage('dashboard.html');
    await expect(dashboard.locator('[data-row-main]')).toHaveCount(1);
    const sidePanel = await newExtensionPage('sidepanel.html');
    await expect(sidePanel.getByRole('list', { name: /Referrals, page 1/ })).toContainText(
      patientName(referral),
    );
    await expect(sidePanel.getByTestId('team-queue-waiting')).toContainText('Every change is on the server', {
      timeout: 30_000,
    });

    // The server has the referral's Task and the call, sent with Dana's token: there was traffic.
    const stored = async (resourceType: 'Task' | 'Communication') =>
      (await fhir.repo.search({ resourceType })).entry?.length ?? 0;
    await expect.poll(() => stored('Task'), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => stored('Communication'), { timeout: 30_000 }).toBe(1);
    const signedRequests = fhir.requests.filter((request) => !request.url.includes('.well-known'));
    expect(new Set(signedRequests.map((request) => request.subject))).toEqual(new Set(['dana']));

    // The witnesses saw that traffic as the service worker's: a check that passes for seeing nothing proves nothing.
    const fromWorker = (origin: string) =>
      recorder.requests.filter((r) => r.context === 'service-worker' && r.url.startsWith(`${origin}/`))
        .length;
    expect(fromWorker(fhirOrigin), 'the FHIR requests were recorded').toBeGreaterThan(0);
    expect(fromWorker(idp.issuer), "the issuer's token requests were recorded").toBeGreaterThan(0);

    const { logged, counts } = await expectRequestsOnlyTo(
      { recorder, playwrightSeen, context, netLog },
      {
        ehrOrigin: new URL(ehrUrl).origin,
        controlUrls: new Set(),
        servers: [fhirOrigin, idp.issuer],
        caught: [SIGN_IN_REDIRECT],
      },
    );
    expect(
      logged.filter(({ url, initiator }) => initiator === EXTENSION && url.startsWith(`${fhirOrigin}/`))
        .length,
      'NetLog saw the FHIR requests',
    ).toBeGreaterThan(0);
    teamQueueTest
      .info()
      .annotations.push({ type: 'requests by context', description: JSON.stringify(counts) });
  },
);
