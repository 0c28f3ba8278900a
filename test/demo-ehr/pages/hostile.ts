// Hostile and broken EHR pages: one synthetic referral screen, varied by a table of cases that
// put payloads in its values, fight the panel's host, tamper with the page's own JavaScript,
// fake the extension's messages, or bend the document itself. Each case says what Handoff must
// do on it, so the end-to-end spec walks the table instead of 40 hand-written files.
// Only the synthetic patient below appears; the page's own scripts are trusted test markup.
import { html, raw, type SafeHtml } from '../html';

export type HostileGroup =
  | 'payloads'
  | 'panel-host'
  | 'page-world'
  | 'fake-messages'
  | 'documents'
  | 'wrong-patient'
  | 'queue-probe'
  | 'clickjacking';

type Row = readonly [label: string, value: string];

export interface HostilePage {
  name: string;
  group: HostileGroup;
  /** Replaces every value of the referral (labels stay), or only the ones named. */
  everyValue?: string;
  values?: Record<string, string>;
  /** Rows of the synthetic referral left off the screen, by label. */
  without?: readonly string[];
  /** Rows added to the referral table (labels and values both from the page). */
  extraRows?: readonly Row[];
  /** Trusted markup: the page's own styles and scripts. */
  head?: string;
  body?: string;
  /** No doctype: quirks mode. */
  quirks?: boolean;
  csp?: string;
  contentType?: string;
  /** The whole document, when the case is about the document's shape (framesets, broken markup). */
  document?: (referral: SafeHtml) => string;
  /** What Handoff must do: show the panel (in a child frame when named), or stay away. */
  panel: 'shows' | 'away';
  frame?: string;
  /** A field the panel must show, with text it must contain, as text. */
  shows?: readonly [field: string, text: string];
}

/** Runs the payload only if something evaluates it: a flag on the window and a marker in the DOM. */
const MARK = `window.__pwned=1;document.documentElement.setAttribute('data-pwned','1')`;

export const SYNTHETIC_REFERRAL: readonly Row[] = [
  ['Referral #', 'HX-0001'],
  ['Patient Name', 'Dana Sample'],
  ['DOB', '03/14/1961'],
  ['MRN', 'HX100001'],
  ['Phone', '555-010-0199'],
  ['Specialty', 'Cardiology'],
  ['Refer To', 'Dr. Lee Example'],
  ['Receiving Facility', 'Example Heart Clinic'],
  ['Priority', 'Routine'],
  ['Reason for Referral', 'Evaluate palpitations.'],
  ['Diagnosis', 'R00.2'],
  ['Referring Provider', 'Dr. Sam Placeholder'],
];

const everyField = (name: string, payload: string, shows: string = payload): HostilePage => ({
  name,
  group: 'payloads',
  everyValue: payload,
  panel: 'shows',
  shows: ['reason', shows],
});

/** The page world's own sabotage, run before anything else on the page. */
const pageScript = (name: string, script: string, group: HostileGroup = 'page-world'): HostilePage => ({
  name,
  group,
  head: `<script>${script}</script>`,
  panel: 'shows',
  shows: ['patientName', 'Dana Sample'],
});

const repeat = (text: string, times: number) => text.repeat(times);

/**
 * A page that lays a decoy over Handoff's panel once it is on screen, so that a click on the decoy
 * lands on the panel's "Track referral". It finds the panel as the element Handoff added to <html>
 * (whatever its tag), follows its size, and marks `data-cover` on <html> when the trap is set.
 * With `?no-cover` in its address it sets nothing: the control, the same page and the same click.
 */
const clickjack = (name: string, trap: string): HostilePage => ({
  name,
  group: 'clickjacking',
  body: `<script>(() => {
    const root = document.documentElement;
    const panelHost = () => [...root.children].find((el) => el !== document.head && el !== document.body);
    const over = (el, host) => { const r = host.getBoundingClientRect();
      Object.assign(el.style, { position: 'fixed', inset: 'auto', left: r.left + 'px', top: r.top + 'px', width: r.width + 'px',
        height: r.height + 'px', margin: '0', padding: '0', border: '0', boxSizing: 'border-box' }); };
    const decoy = (text) => { const d = document.createElement('div'); d.className = 'decoy';
      d.innerHTML = '<p>Your session is about to expire.</p><button type="button">' + text + '</button>'; return d; };
    const poll = setInterval(() => {
      const host = panelHost();
      if (!host || host.getBoundingClientRect().width < 100) return;
      clearInterval(poll);
      if (new URLSearchParams(location.search).has('no-cover')) { root.dataset.cover = 'none'; return; }
      ${trap}
      root.dataset.cover = 'set';
    }, 100);
  })();</script>
  <style>.decoy { background: #fff; color: #000; font: 20px sans-serif; z-index: 2147483647; }
    .decoy button { font: inherit; width: 100%; height: 100%; }</style>`,
  panel: 'shows',
  shows: ['patientName', 'Dana Sample'],
});

export const HOSTILE_PAGES: readonly HostilePage[] = [
  // ---- Script and markup payloads as the values the panel shows --------------------------
  everyField('img-onerror', `<img src=x onerror="${MARK}">`),
  everyField('script-tag', `<script>${MARK}</script>`),
  everyField('javascript-url', `javascript:${MARK}`),
  everyField('svg-onload', `<svg/onload=${MARK}>`),
  everyField('iframe-srcdoc', `<iframe srcdoc="<script>parent.${MARK}</script>"></iframe>`),
  everyField('mustache-constructor', `{{constructor.constructor('${MARK}')()}}`),
  everyField('template-literal', `\${${MARK}} <%= 7*7 %> #{7*7}`),
  everyField('style-breakout', `</style><style>*{display:none!important}</style><base href="javascript:/">`),
  everyField('placeholders', "{patientFirstName} {practicePhone} $1 $& $` $' {{specialty}}"),
  everyField('proto-values', '__proto__ constructor.prototype {"__proto__":{"polluted":1}}'),
  {
    name: 'proto-labels',
    group: 'payloads',
    extraRows: [
      ['__proto__', '{"polluted":1}'],
      ['constructor', 'prototype'],
      ['prototype', 'polluted'],
      ['hasOwnProperty', 'x'],
      ['toString', 'x'],
    ],
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  {
    name: 'raw-markup-in-cells',
    group: 'payloads',
    // Real elements in the cells (not text): links, inert handlers in templates, noscript.
    body: `<table><tr><th>Refer To</th><td><a href="javascript:${MARK}">Dr. Link Example</a><template><img src=x onerror="${MARK}"></template><noscript><img src=x onerror="${MARK}"></noscript></td></tr></table>`,
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  everyField('control-characters', 'Nul\u0000 bell\u0007 esc\u001b[31m del\u007f line\u2028sep', 'Nul'),

  // ---- The panel's host restyled, removed, imitated -------------------------------------
  {
    name: 'host-display-none',
    group: 'panel-host',
    head: '<style>[data-handoff-panel] { display: none !important; }</style>',
    panel: 'shows',
  },
  {
    name: 'host-restyled',
    group: 'panel-host',
    head: `<style>[data-handoff-panel], html > div, :root > div:not(#x) { all: unset !important;
      visibility: hidden !important; opacity: 0 !important; transform: scale(0) !important; scale: 0 !important;
      translate: -9999px !important; clip-path: inset(50%) !important; width: 0 !important; height: 0 !important;
      max-width: 0 !important; position: static !important; content-visibility: hidden !important;
      filter: opacity(0) !important; pointer-events: none !important; z-index: -1 !important; }
      [data-handoff-panel]::before { content: 'covered'; position: fixed; inset: 0; z-index: 2147483647; }</style>`,
    panel: 'shows',
  },
  {
    name: 'host-removed-once',
    group: 'panel-host',
    body: `<script>new MutationObserver((_, o) => { const h = document.querySelector('[data-handoff-panel]');
      if (h) { h.remove(); o.disconnect(); window.__removals = 1; } }).observe(document.documentElement, { childList: true });</script>`,
    panel: 'shows',
  },
  {
    name: 'host-removed-always',
    group: 'panel-host',
    body: `<script>window.__removals = 0; new MutationObserver(() => { for (const h of document.querySelectorAll('[data-handoff-panel]'))
      { h.remove(); window.__removals++; } }).observe(document.documentElement, { childList: true, subtree: true });</script>`,
    // Handoff puts the panel back a few times, then leaves the page alone.
    panel: 'away',
  },
  {
    name: 'host-moved-into-hidden',
    group: 'panel-host',
    body: `<div id="jail" style="display:none"></div><script>new MutationObserver(() => { const h = document.querySelector(':root > [data-handoff-panel]');
      if (h) document.getElementById('jail').append(h); }).observe(document.documentElement, { childList: true });</script>`,
    // The panel stays mounted (with the referral) where the page put it: a page can always hide
    // its own content, and Handoff does not fight it for a place.
    panel: 'shows',
  },
  {
    name: 'own-handoff-panel',
    group: 'panel-host',
    body: '<div data-handoff-panel id="impostor">Impostor panel: Track referral</div><handoff-panel>Impostor panel</handoff-panel>',
    panel: 'shows',
  },
  // A custom element's class may call attachInternals(): its `shadowRoot` is the element's shadow
  // root even when closed. The page defines every name Handoff could use as a custom element, and
  // swaps attachShadow for one that records roots; then it looks for the panel's frame.
  pageScript(
    'attach-internals-handoff-panel',
    `window.__reach = []; window.__hosts = []; window.__rounds = 0;
     const grab = (Base) => class extends Base { constructor() { super(); try { this.internals = this.attachInternals(); } catch {} window.__hosts.push(this); } };
     customElements.define('handoff-panel', grab(HTMLElement));
     try { customElements.define('handoff-div', grab(HTMLDivElement), { extends: 'div' }); } catch {}
     const attach = Element.prototype.attachShadow;
     Element.prototype.attachShadow = function (init) { const root = attach.call(this, { ...init, mode: 'open' }); window.__hosts.push({ shadowRoot: root }); return root; };
     setInterval(() => {
       for (const host of [...window.__hosts, ...document.querySelectorAll('*')]) {
         const root = host.internals?.shadowRoot ?? host.shadowRoot;
         for (const frame of root?.querySelectorAll('iframe') ?? []) {
           if (!window.__reach.includes(frame.src)) window.__reach.push(frame.src);
           frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;opacity:0.01';
         }
       }
       window.__rounds++;
     }, 100);`,
    'panel-host',
  ),
  pageScript(
    'custom-element-handoff-panel',
    `customElements.define('handoff-panel', class extends HTMLElement {
      constructor() { super(); try { this.attachShadow({ mode: 'open' }).innerHTML = 'hijacked'; } catch {} }
      connectedCallback() { this.style.display = 'none'; this.setAttribute('data-upgraded', '1'); this.innerHTML = '<b>hijacked</b>'; }
    });`,
    'panel-host',
  ),

  // ---- The page world's JavaScript tampered with ----------------------------------------
  pageScript(
    'override-dom-methods',
    `for (const name of ['append', 'appendChild', 'insertBefore', 'remove', 'attachShadow', 'querySelector', 'querySelectorAll', 'getAttribute'])
      for (const proto of [Element.prototype, Node.prototype, Document.prototype])
        if (name in proto) Object.defineProperty(proto, name, { value() { throw new Error('page says no'); } });`,
  ),
  pageScript(
    'override-mutation-observer',
    `window.MutationObserver = function () { return { observe() {}, disconnect() {} }; };
     window.requestAnimationFrame = () => 0; window.setTimeout = () => 0;`,
  ),
  pageScript(
    'override-json-array',
    `JSON.stringify = () => '{"type":"track-referral"}'; JSON.parse = () => ({ polluted: 1 });
     Array.prototype.map = () => []; Array.prototype.filter = () => [];
     Array.prototype.push = () => 0; String.prototype.trim = () => 'pwned'; Promise.prototype.then = () => {};`,
  ),
  pageScript(
    'object-prototype-pollution',
    `Object.prototype.polluted = 1; Object.prototype.type = 'track-referral';
     Object.defineProperty(Object.prototype, 'id', { set() { throw new Error('page says no'); }, configurable: true });`,
  ),
  pageScript(
    'override-globals',
    `crypto.randomUUID = () => 'fixed-token'; window.postMessage = () => {};
     Function.prototype.call = function () { throw new Error('page says no'); };
     Object.defineProperty(HTMLIFrameElement.prototype, 'src', { set() {}, get() { return ''; } });
     document.createElement = () => { throw new Error('page says no'); };`,
  ),

  // ---- The extension's messages faked by the page ---------------------------------------
  pageScript(
    'fake-postmessage',
    `const fake = { type: 'show', manual: true, pageUrl: location.href, detection: { profile: { id: 'generic', name: 'x' }, score: 9, cues: [],
        fields: { patientName: 'Mallory Fake', specialty: 'Fake' } } };
     const shapes = [fake, { type: 'track-referral', draft: { patientName: 'Mallory Fake' } }, { type: 'dismissed' }, { type: 'layout', side: 'left', width: 1, height: 1 },
       { type: 'toggle-collapsed' }, { type: 'open-panel-manually' }, { type: 'toggle-panel' }, { type: 'set-page-dismissed', pageUrl: location.href, dismissed: true }];
     window.__rounds = 0;
     setInterval(() => { for (const m of shapes) { window.postMessage(m, '*'); for (let i = 0; i < window.frames.length; i++) window.frames[i].postMessage(m, '*'); } window.__rounds++; }, 50);`,
    'fake-messages',
  ),
  {
    name: 'frame-panel-page',
    group: 'fake-messages',
    // The page frames the extension's panel itself (its id, or its whole origin in Firefox, comes from the test), hands it a
    // channel of its own under a made-up nonce, and sends the shapes the content script sends.
    body: `<iframe id="own-panel" name="page-panel" title="page's own panel" style="width:360px;height:400px"></iframe><script>
      const id = new URLSearchParams(location.search).get('ext');
      const origin = new URLSearchParams(location.search).get('origin') ?? (id.includes('://') ? id : 'chrome-extension://' + id);
      const own = document.getElementById('own-panel');
      own.src = origin + '/panel.html';
      const fake = { type: 'show', manual: true, pageUrl: location.href, detection: { profile: { id: 'generic', name: 'x' }, score: 9, cues: [],
          fields: { patientName: 'Mallory Fake', specialty: 'Fake' } } };
      window.__rounds = 0;
      own.addEventListener('load', () => setInterval(() => {
        const forged = new MessageChannel();
        own.contentWindow.postMessage({ type: 'handoff-panel-channel', nonce: crypto.randomUUID() }, '*', [forged.port2]);
        forged.port1.postMessage(fake);
        own.contentWindow.postMessage(fake, '*');
        window.__rounds++;
      }, 50));
      try { chrome.runtime.sendMessage(id, { type: 'track-referral', draft: { patientName: 'Mallory Fake' } }); } catch {}
      try { chrome.runtime.connect(id, { name: 'handoff-panel-offer' }); } catch {}
      try { chrome.runtime.connect(id, { name: 'handoff-panel-claim' }); } catch {}</script>`,
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  // The page tries every way into the panel's channel: it listens to every window message (the
  // hand-over must never reach it), copies the panel frame's address into a frame of its own when
  // it can reach the frame (through the host, as attach-internals does), makes the real frame load
  // again so that a channel opened by address reaches its copy too, and hands every frame forged
  // channels that say another patient's name and "dismissed".
  pageScript(
    'steal-panel-channel',
    `window.__heard = []; window.__rounds = 0;
     addEventListener('message', (event) => window.__heard.push(JSON.stringify(event.data ?? null).slice(0, 200)));
     customElements.define('handoff-panel', class extends HTMLElement { constructor() { super(); window.__host = this.attachInternals(); } });
     const fake = { type: 'show', manual: true, pageUrl: location.href, detection: { profile: { id: 'generic', name: 'x' }, score: 9, cues: [],
       fields: { patientName: 'Mallory Fake', specialty: 'Fake' } } };
     const id = new URLSearchParams(location.search).get('ext');
     const origin = new URLSearchParams(location.search).get('origin') ?? (id.includes('://') ? id : 'chrome-extension://' + id);
     let copy;
     const frameCopy = (src) => { copy = document.createElement('iframe'); copy.name = 'page-panel'; copy.src = src; document.body.append(copy); };
     setTimeout(() => { if (!copy) frameCopy(origin + '/panel.html'); }, 1500);
     setInterval(() => {
       const real = window.__host?.shadowRoot?.querySelector('iframe');
       if (real && !copy) { frameCopy(real.src); copy.addEventListener('load', () => { real.src = real.src.replace('#', '?again#'); }); }
       for (let i = 0; i < window.frames.length; i++) {
         const forged = new MessageChannel();
         window.frames[i].postMessage({ type: 'handoff-panel-channel', nonce: crypto.randomUUID() }, '*', [forged.port2]);
         forged.port1.postMessage(fake); forged.port1.postMessage({ type: 'dismissed' });
         window.frames[i].postMessage(fake, '*');
       }
       window.postMessage({ type: 'dismissed' }, '*'); window.postMessage({ type: 'layout', side: 'left', width: 1, height: 1 }, '*');
       window.__rounds++;
     }, 200);`,
    'fake-messages',
  ),
  // WXT's content-script context posted \`<id>:content:wxt:content-script-started\` to the page and
  // stopped itself when the page dispatched that event back: the panel went away.
  pageScript(
    'content-script-started',
    `window.__started = []; window.__rounds = 0;
     const id = new URLSearchParams(location.search).get('ext');
     const names = new Set([id + ':content:wxt:content-script-started', 'handoff@handoff.example.org:content:wxt:content-script-started']);
     addEventListener('message', (event) => { const type = String(event.data?.type ?? ''); if (type.includes('content-script-started')) { window.__started.push(type); names.add(type); } });
     for (const name of names) document.addEventListener(name, (event) => { if (event.detail?.messageId !== 'page') window.__started.push(name); });
     setTimeout(() => setInterval(() => { for (const name of names)
       document.dispatchEvent(new CustomEvent(name, { detail: { contentScriptName: 'content', messageId: 'page' } })); window.__rounds++; }, 100), 1000);`,
    'fake-messages',
  ),
  pageScript(
    'fake-events',
    `let n = 0; const spam = setInterval(() => {
       window.dispatchEvent(new Event('wxt:locationchange'));
       window.dispatchEvent(new CustomEvent('wxt:locationchange', { detail: { newUrl: 'javascript:alert(1)' } }));
       window.dispatchEvent(new MessageEvent('message', { data: { type: 'dismissed' }, origin: 'chrome-extension://x' }));
       document.dispatchEvent(new KeyboardEvent('keydown', { key: 'H', altKey: true, shiftKey: true, bubbles: true }));
       if (++n > 100) clearInterval(spam); }, 20);`,
    'fake-messages',
  ),
  pageScript(
    'history-spam',
    `let n = 0; const spam = setInterval(() => { history.pushState({}, '', location.pathname + '?step=' + n); if (++n > 50) clearInterval(spam); }, 30);`,
    'fake-messages',
  ),

  // ---- Documents: CSP, quirks, framesets, broken markup, size ---------------------------
  {
    name: 'csp-frame-src-none',
    group: 'documents',
    csp: "frame-src 'none'; child-src 'none'",
    // The page's CSP does not govern the extension's own frame.
    panel: 'shows',
  },
  {
    name: 'csp-script-src-none',
    group: 'documents',
    csp: "default-src 'none'; script-src 'none'",
    panel: 'shows',
  },
  {
    name: 'csp-sandbox',
    group: 'documents',
    csp: 'sandbox',
    // The sandbox (no scripts) binds the panel's frame too: the panel page cannot run.
    panel: 'away',
  },
  {
    name: 'quirks-mode',
    group: 'documents',
    quirks: true,
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  {
    name: 'frameset',
    group: 'documents',
    document: () =>
      `<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Frameset//EN"><html><head><title>Frames</title></head>
      <frameset cols="30%,70%"><frame name="nav" src="/"><frame name="chart" src="/hostile/quirks-mode"></frameset></html>`,
    panel: 'shows',
    frame: 'chart',
  },
  {
    name: 'broken-html',
    group: 'documents',
    document: (referral) =>
      `<html><head><title>Broken</title><body><div><form><table><tr><td><b><i>unclosed
      <h1>Referral</h2></td></form></div></html>${referral.value.replace(/<\/t[dh]>/g, '')}<p><div></span></body></p>
      <!-- unterminated comment`,
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  {
    name: 'unclosed-title',
    group: 'documents',
    // An unclosed <title> swallows the rest of the document as its text: no referral is on screen.
    document: (referral) => `<!DOCTYPE html><html><head><title>Referral ${referral.value}</html>`,
    panel: 'away',
  },
  {
    name: 'xhtml',
    group: 'documents',
    contentType: 'application/xhtml+xml; charset=utf-8',
    document: (referral) =>
      `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>XHTML referral</title></head><body>${referral.value}</body></html>`,
    panel: 'shows',
  },
  {
    name: 'unicode-rtl',
    group: 'documents',
    values: {
      'Patient Name': 'Dana \u202eelpmaS\u202c Sample',
      'Reason for Referral':
        'تقييم الخفقان \u200f\u200b\u2066isolate\u2069 e\u0301\u0301\u0301 🫀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \ufeff',
      Specialty: 'קרדיולוגיה Cardiology',
    },
    head: '<style>body { direction: rtl; unicode-bidi: bidi-override; }</style>',
    panel: 'shows',
    shows: ['reason', 'تقييم الخفقان'],
  },
  {
    name: 'long-lines',
    group: 'documents',
    body: `<p>${repeat('Lorem ipsum dolor sit amet, ', 60_000)}</p><pre>${repeat('x', 500_000)}</pre>`,
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  {
    name: 'giant-values',
    group: 'documents',
    values: {
      'Reason for Referral': `Giant start ${repeat('palpitations ', 100_000)}end`,
      'Patient Name': `Dana ${repeat('Sample', 20_000)}`,
      Specialty: repeat('Cardiology ', 20_000),
    },
    // Shown, each value cut to the bound a referral keeps.
    panel: 'shows',
    shows: ['reason', 'Giant start palpitations'],
  },
  {
    name: 'huge-dom',
    group: 'documents',
    body: `<div>${repeat('<span class="c">cell</span><em>text</em>', 50_000)}</div>`,
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  {
    name: 'deep-markup',
    group: 'documents',
    // The parser stops nesting at 512 levels; the referral sits under all of it.
    document: (referral) =>
      `<!DOCTYPE html><html><head><title>Deep</title></head><body>${repeat('<div><span>', 5000)}${referral.value}</body></html>`,
    panel: 'shows',
  },
  // Built by script, past the parser's limit (deeper still, and Chromium itself gives up on the page).
  pageScript(
    'deep-dom',
    `document.addEventListener('DOMContentLoaded', () => { let at = document.body;
       for (let i = 0; i < 1200; i++) { const d = document.createElement('div'); at.append(d); at = d; }
       at.append(document.querySelector('main')); });`,
    'documents',
  ),
  pageScript(
    'endless-mutation',
    `document.addEventListener('DOMContentLoaded', () => { const box = document.createElement('div'); document.body.append(box);
       setInterval(() => { box.textContent = String(Math.random()); box.append(document.createElement('i')); }, 5); });`,
    'documents',
  ),
  // ---- Another patient's referral looks like this one (see identity-pages.spec.ts) ----------
  {
    name: 'dana-sample',
    group: 'wrong-patient',
    panel: 'shows',
    shows: ['patientName', 'Dana Sample'],
  },
  // The same order number, reused (or mistyped) on another patient's referral.
  {
    name: 'reused-order-number',
    group: 'wrong-patient',
    values: { 'Patient Name': 'Robin Other', DOB: '01/20/1990', MRN: 'HX200002', Phone: '555-010-0142' },
    panel: 'shows',
    shows: ['patientName', 'Robin Other'],
  },
  // Two patients of one name, same specialty, date and reason, no order number or MRN on screen.
  ...(['03/14/1961', '07/02/1984'] as const).map(
    (dob): HostilePage => ({
      name: `same-name-born-${dob.slice(-4)}`,
      group: 'wrong-patient',
      values: { DOB: dob },
      without: ['Referral #', 'MRN'],
      panel: 'shows',
      shows: ['dateOfBirth', dob.slice(-4)],
    }),
  ),
  // A page probing the queue: it swaps the order number on screen and measures the panel's host.
  {
    name: 'queue-probe',
    group: 'queue-probe',
    values: { 'Referral #': 'HX-0100' },
    body: `<script>window.__showOrder = (n) => {
      const cell = [...document.querySelectorAll('th')].find((th) => th.textContent === 'Referral #').nextElementSibling;
      cell.textContent = n; };</script>`,
    panel: 'shows',
    shows: ['orderNumber', 'HX-0100'],
  },
  // ---- Clickjacking: a decoy over the panel turns a click into "Track referral" ----------
  // A popover in the top layer (above any z-index) that lets the click through to the panel.
  clickjack(
    'clickjack-top-layer-popover',
    `const d = decoy('Continue'); d.popover = 'manual'; d.style.pointerEvents = 'none'; document.body.append(d);
      d.showPopover(); over(d, host); setInterval(() => over(d, host), 200);`,
  ),
  // The panel moved into a nearly transparent layer above a decoy drawn where it was.
  clickjack(
    'clickjack-faded-panel',
    `const d = decoy('Continue'); document.body.append(d); over(d, host); d.style.zIndex = '1';
      const fade = document.createElement('div'); fade.style.cssText = 'position:fixed;inset:0;opacity:0.01;z-index:2147483647;pointer-events:none';
      root.append(fade); fade.append(host);`,
  ),
  // A fixed overlay at the highest z-index that draws a decoy and lets clicks through.
  clickjack(
    'clickjack-pass-through-overlay',
    `const d = decoy('Continue'); d.style.pointerEvents = 'none'; root.append(d); over(d, host);
      setInterval(() => { root.append(d); over(d, host); }, 200);`,
  ),
  // "Double-click to continue": the first click takes the decoy away, the second lands on the panel.
  clickjack(
    'clickjack-reveal-on-click',
    `const d = decoy('Double-click to continue'); d.popover = 'manual'; document.body.append(d); d.showPopover();
      over(d, host); d.addEventListener('pointerdown', () => d.hidePopover());`,
  ),

  {
    name: 'many-headings',
    group: 'documents',
    body: repeat('<h2>Referral</h2><h3>Refer To</h3>', 5000),
    // Thousands of label-like headings with no values beside them are not one referral.
    panel: 'away',
  },
];

function referralTable(page: HostilePage): SafeHtml {
  const rows: Row[] = SYNTHETIC_REFERRAL.filter(([label]) => !page.without?.includes(label)).map(
    ([label, value]) => [label, page.everyValue ?? page.values?.[label] ?? value],
  );
  return html`<main><h1>Referral</h1><table><tbody>${[...rows, ...(page.extraRows ?? [])].map(
    ([label, value]) => html`<tr><th>${label}</th><td>${value}</td></tr>`,
  )}</tbody></table></main>`;
}

export function hostilePageByName(name: string): HostilePage | undefined {
  return HOSTILE_PAGES.find((page) => page.name === name);
}

export function renderHostilePage(page: HostilePage): string {
  const referral = referralTable(page);
  if (page.document) return page.document(referral);
  const doctype = page.quirks ? '' : '<!DOCTYPE html>';
  return `${doctype}${
    html`<html lang="en"><head><meta charset="utf-8"><title>Referral ${page.name}</title>${raw(page.head ?? '')}</head>
<body>${referral}${raw(page.body ?? '')}</body></html>`.value
  }`;
}
