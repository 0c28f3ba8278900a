import { test as base, expect } from '@playwright/test';
import { type DemoReferral, referrals, type ScreenLayout } from '../demo-ehr/data';
import { referralPath } from '../demo-ehr/urls';
import { patientName } from '../e2e/demo';
import { serveDemoEhr } from '../e2e/fixtures';
import {
  FIREFOX_EXTENSION_ORIGIN,
  type FirefoxSession,
  frameUnder,
  launchFirefox,
  topContext,
} from '../firefox/launch';

/**
 * The panel in Firefox ESR: it renders and works on each demo screen style over the channel
 * described in src/panel/panel-protocol.ts, and a page cannot read or forge that channel.
 */
const PANEL_URL = `${FIREFOX_EXTENSION_ORIGIN}/panel.html`;

const test = base.extend<{ firefox: FirefoxSession }, { ehrUrl: string }>({
  ehrUrl: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
    async ({}, use) => serveDemoEhr(use),
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a function destructures.
  firefox: async ({}, use) => {
    const session = await launchFirefox();
    await use(session);
    await session.close();
  },
});

/** Text of every Handoff panel frame in the tab (Handoff's own, and any the page framed). */
async function panelTexts(firefox: FirefoxSession): Promise<string[]> {
  const top = await topContext(firefox, firefox.page);
  const frames = (await firefox.contexts()).filter((info) => info.parent === top && info.url === PANEL_URL);
  return Promise.all(
    frames.map((info) => firefox.evaluate<string>(info.context, '() => document.body.innerText')),
  );
}

/** The context of the panel frame showing a referral, once there is one. */
async function shownPanel(firefox: FirefoxSession, text: string): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      async () => {
        const top = await topContext(firefox, firefox.page);
        for (const info of await firefox.contexts()) {
          if (info.parent !== top || info.url !== PANEL_URL) continue;
          const body = await firefox.evaluate<string>(info.context, '() => document.body.innerText');
          if (body.includes(text)) found = info.context;
        }
        return found !== undefined;
      },
      { message: `a panel showing ${text}` },
    )
    .toBe(true);
  return found as string;
}

const firstReferral = (layout: ScreenLayout): DemoReferral => {
  const referral = referrals.find((r) => r.layout === layout);
  if (!referral) throw new Error(`no ${layout} referral`);
  return referral;
};

for (const layout of ['openemr', 'fhir', 'legacy'] as const) {
  test(`Firefox: the panel shows the referral read from the ${layout} screen`, async ({
    firefox,
    ehrUrl,
  }) => {
    const referral = firstReferral(layout);
    await firefox.page.goto(ehrUrl + referralPath(referral));
    const panel = await shownPanel(firefox, patientName(referral));
    const fields = await firefox.evaluate<Record<string, string>>(
      panel,
      `() => Object.fromEntries([...document.querySelectorAll('[data-field]')].map((e) => [e.dataset.field, e.textContent]))`,
    );
    expect(fields.patientName).toBe(patientName(referral));
    expect(fields.specialty).toContain(referral.specialty);
    expect(fields.reason).toContain(referral.reason.slice(0, 30));
  });
}

test('Firefox: tracking from the panel puts the referral in the queue', async ({ firefox, ehrUrl }) => {
  const referral = firstReferral('openemr');
  await firefox.page.goto(ehrUrl + referralPath(referral));
  const panel = await shownPanel(firefox, patientName(referral));
  await firefox.evaluate(
    panel,
    `() => [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Track referral').click()`,
  );
  await expect
    .poll(() => firefox.evaluate<string>(panel, '() => document.body.innerText'))
    .toContain('In the queue');
  // The queue itself, asked by the panel page as any extension page asks.
  const listed = await firefox.evaluate<{ value: { referrals: { patient: { name: string } }[] } }>(
    panel,
    `() => browser.runtime.sendMessage({ type: 'list-referrals', limit: 10 })`,
  );
  expect(listed.value.referrals).toHaveLength(1);
});

test('Firefox: a page cannot read or forge the panel channel', async ({ firefox, ehrUrl }) => {
  await firefox.page.goto(`${ehrUrl}/hostile/steal-panel-channel?ext=${FIREFOX_EXTENSION_ORIGIN}`);
  await shownPanel(firefox, 'Dana Sample');
  await new Promise((resolve) => setTimeout(resolve, 2500));
  // Handoff's panel shows the page's patient, never the forged one; the page's own copy of the
  // panel (framed by the page, handed forged channels) shows nothing at all.
  const texts = await panelTexts(firefox);
  expect(texts).toHaveLength(2);
  expect(texts.filter((text) => text.includes('Dana Sample'))).toHaveLength(1);
  expect(texts.filter((text) => text.trim() === '')).toHaveLength(1);
  expect(texts.join('\n')).not.toContain('Mallory');
  const heard = (await firefox.page.evaluate('window.__heard')) as string[];
  expect(heard.filter((message) => /nonce|handoff|Dana|content-script/.test(message))).toEqual([]);
  expect(await frameUnder(firefox, await topContext(firefox, firefox.page), PANEL_URL)).toBeDefined();
});
