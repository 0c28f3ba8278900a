import puppeteer from 'puppeteer-core';
import { resolve } from 'node:path';
import { startDemoEhr } from './test/demo-ehr/server';
import { referralById } from './test/demo-ehr/data';
import { referralPath } from './test/demo-ehr/urls';
const UUID = '0e6b1f0a-2f6c-4a8e-9c1d-5b7e3c2a9f10';
const ehr = await startDemoEhr();
const browser = await puppeteer.launch({
  browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true,
  extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ 'handoff@handoff.example.org': UUID }) },
});
try {
  await browser.installExtension(resolve('.output/firefox-mv3'));
  const page = (await browser.pages())[0];
  await page.goto(ehr.url + '/');
  await Promise.all([page.waitForNavigation().catch((e) => console.log('nav wait', String(e).slice(0,200))), page.evaluate((u) => { location.href = u; }, `moz-extension://${UUID}/panel.html`)]);
  console.log('url now', page.url());
  try { console.log('eval', await page.evaluate(() => [location.href, typeof (globalThis as any).browser?.tabs])); } catch (e) { console.log('eval failed', String(e).slice(0, 300)); }
  try {
    await Promise.all([page.waitForNavigation(), page.evaluate(() => { location.href = 'dashboard.html'; })]);
    console.log('dash', page.url(), await page.evaluate(() => document.title));
    console.log(await page.evaluate(async () => { const b = (globalThis as any).browser; return [await b.alarms.getAll(), await b.notifications.getAll(), await b.action.getBadgeText({}), await b.runtime.sendMessage({ type: 'list-referrals', limit: 5 })]; }));
    let managed; try { managed = await page.evaluate(async () => JSON.stringify(await (globalThis as any).browser.storage.managed.get())); } catch (e) { managed = 'rejected ' + String(e).slice(0,200); }
    console.log('managed', managed);
  } catch (e) { console.log('dash failed', String(e).slice(0, 300)); }
  const p2 = await browser.newPage();
  await p2.goto(ehr.url + referralPath(referralById('R-1001')!));
  await new Promise((r) => setTimeout(r, 3000));
  console.log('frames', p2.frames().map((f) => f.url()));
  const conn = (browser as any).connection;
  console.log('connection keys', conn && Object.getOwnPropertyNames(Object.getPrototypeOf(conn)));
} finally { await browser.close(); await ehr.close(); }
