// Meridian Health Record (demo): a small client-side router over /fhir-app/.
// Every route shows a spinner first and the real content 400-900 ms later, the way
// production SPAs change the URL before their panels arrive. Plain JS, no build step.
(() => {
  const BASE = '/fhir-app';
  // Same fixed "today" as the server-rendered screens, so ages agree everywhere.
  const DEMO_TODAY = '2026-11-27';
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const app = document.getElementById('app');
  let renderSeq = 0;

  // ---- DOM helpers (text always goes in as text nodes, so data is never parsed as HTML) ----

  function h(tag, props, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = value;
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function link(path, text) {
    return h('a', { href: BASE + path }, text);
  }

  function fmtDate(iso) {
    if (!iso) return '—';
    const [y, m, d] = iso.slice(0, 10).split('-');
    return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
  }

  function ageOn(birthDate) {
    const [by, bm, bd] = birthDate.split('-').map(Number);
    const [ty, tm, td] = DEMO_TODAY.split('-').map(Number);
    return ty - by - (tm > bm || (tm === bm && td >= bd) ? 0 : 1);
  }

  function pause() {
    return new Promise((resolve) => setTimeout(resolve, 400 + Math.floor(Math.random() * 500)));
  }

  async function api(path) {
    const res = await fetch(`${BASE}/api/${path}`, { headers: { Accept: 'application/fhir+json' } });
    if (!res.ok) throw new Error(res.status === 404 ? 'Resource not found' : `Server error ${res.status}`);
    return res.json();
  }

  // ---- Reading FHIR resources ----

  const containedById = (res, ref) => (res.contained || []).find((c) => `#${c.id}` === ref);
  const telecom = (res, system) => (res?.telecom || []).find((t) => t.system === system)?.value;
  const patientName = (p) =>
    p.name?.[0]?.text || [...(p.name?.[0]?.given || []), p.name?.[0]?.family].join(' ');
  const mrnOf = (p) => (p.identifier || []).find((i) => i.type?.text === 'MRN')?.value || '';
  const languageOf = (p) => (p.communication || []).find((c) => c.preferred)?.language?.text || '—';
  const interpreterOf = (p) =>
    (p.extension || []).find((e) => e.url.endsWith('/patient-interpreterRequired'))?.valueBoolean === true;
  const extension = (res, suffix) => (res.extension || []).find((e) => e.url.endsWith(suffix));
  const entries = (bundle) => (bundle.entry || []).map((e) => e.resource);

  // ---- Shared pieces ----

  function loadingView() {
    return h('div', { class: 'loading', role: 'status' }, h('div', { class: 'spinner' }), 'Loading…');
  }

  function pill(value, extraClass) {
    return h('span', { class: `pill ${extraClass || value}` }, value);
  }

  function patientBanner(p) {
    return h(
      'div',
      { class: 'banner', 'data-testid': 'patient-banner' },
      h('span', { class: 'name' }, link(`/Patient/${encodeURIComponent(p.id)}`, patientName(p))),
      h('span', { class: 'meta' }, 'MRN ', h('b', {}, mrnOf(p))),
      h('span', { class: 'meta' }, 'DOB ', h('b', {}, fmtDate(p.birthDate)), ` (${ageOn(p.birthDate)} y)`),
      h(
        'span',
        { class: 'meta' },
        'Language ',
        h('b', {}, languageOf(p)),
        interpreterOf(p) ? ' · Interpreter' : '',
      ),
    );
  }

  function serviceRequestTable(requests) {
    const rows = requests.map((sr) =>
      h(
        'tr',
        {},
        h('td', {}, fmtDate(sr.authoredOn)),
        h('td', {}, link(`/${sr.subject.reference}`, sr.subject.display)),
        h('td', {}, link(`/ServiceRequest/${encodeURIComponent(sr.id)}`, sr.code.text)),
        h('td', {}, pill(sr.priority)),
        h('td', {}, sr.performer?.[0]?.display || '—'),
        h('td', {}, extension(sr, '/worklist-status')?.valueString || sr.status),
      ),
    );
    const head = ['Authored', 'Patient', 'Request', 'Priority', 'Performer', 'Work status'].map((t) =>
      h('th', {}, t),
    );
    return h('table', { class: 'list' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows));
  }

  // ---- Views: each returns { title, node } once its data has arrived ----

  async function worklistView(heading) {
    const bundle = await api('ServiceRequest');
    return {
      title: heading,
      node: h(
        'div',
        { class: 'card' },
        h('h1', {}, heading),
        h('div', { class: 'subtitle' }, `${bundle.total} open outgoing service requests`),
        serviceRequestTable(entries(bundle)),
      ),
    };
  }

  async function patientListView() {
    const bundle = await api('Patient');
    const rows = entries(bundle).map((p) =>
      h(
        'tr',
        {},
        h('td', {}, link(`/Patient/${encodeURIComponent(p.id)}`, patientName(p))),
        h('td', {}, mrnOf(p)),
        h('td', {}, fmtDate(p.birthDate)),
        h('td', {}, telecom(p, 'phone') || '—'),
        h('td', {}, languageOf(p)),
      ),
    );
    const head = ['Name', 'MRN', 'Birth date', 'Phone', 'Language'].map((t) => h('th', {}, t));
    return {
      title: 'Patients',
      node: h(
        'div',
        { class: 'card' },
        h('h1', {}, 'Patients'),
        h('table', { class: 'list' }, h('thead', {}, h('tr', {}, head)), h('tbody', {}, rows)),
      ),
    };
  }

  function contactCard(p) {
    return h(
      'div',
      { class: 'card', 'data-testid': 'patient-contact' },
      h('h2', {}, 'Patient Contact'),
      h(
        'dl',
        { class: 'contact' },
        h('dt', {}, 'Phone'),
        h('dd', {}, telecom(p, 'phone') || '—'),
        h('dt', {}, 'Email'),
        h('dd', {}, telecom(p, 'email') || '—'),
        h('dt', {}, 'Address'),
        h('dd', {}, p.address?.[0]?.text || '—'),
        h('dt', {}, 'Preferred Language'),
        h('dd', {}, languageOf(p)),
        h('dt', {}, 'Interpreter'),
        h('dd', {}, interpreterOf(p) ? 'Required' : 'Not required'),
      ),
    );
  }

  function officeCard(title, org) {
    if (!org) return null;
    return h(
      'div',
      { class: 'card' },
      h('h2', {}, title),
      h(
        'dl',
        { class: 'contact' },
        h('dt', {}, 'Organization'),
        h('dd', {}, org.name),
        h('dt', {}, 'Phone'),
        h('dd', {}, telecom(org, 'phone') || '—'),
        h('dt', {}, 'Fax'),
        h('dd', {}, telecom(org, 'fax') || '—'),
        org.address ? [h('dt', {}, 'Address'), h('dd', {}, org.address[0].text)] : null,
      ),
    );
  }

  async function patientView(id) {
    const [patient, requests] = await Promise.all([
      api(`Patient/${encodeURIComponent(id)}`),
      api(`ServiceRequest?subject=${encodeURIComponent(`Patient/${id}`)}`),
    ]);
    const summary = h(
      'div',
      { class: 'card' },
      h('h1', {}, 'Patient Summary'),
      h('div', { class: 'subtitle' }, `Patient/${patient.id}`),
      h('h2', {}, 'Service Requests'),
      serviceRequestTable(entries(requests)),
    );
    return {
      title: patientName(patient),
      node: h(
        'div',
        {},
        patientBanner(patient),
        h('div', { class: 'cols' }, h('div', {}, summary), h('aside', {}, contactCard(patient))),
      ),
    };
  }

  function field(label, ...value) {
    // Labels are written in normal case; CSS uppercases them (innerText != textContent).
    return [h('dt', {}, label), h('dd', {}, value)];
  }

  function insuranceText(sr) {
    const cov = containedById(sr, sr.insurance?.[0]?.reference);
    if (!cov) return sr.insurance?.[0]?.display || '—';
    const plan = cov.class?.[0]?.name || '';
    return [
      h('div', {}, `${cov.payor?.[0]?.display || ''} · ${plan}`),
      cov.subscriberId ? h('div', {}, `Member ID ${cov.subscriberId}`) : null,
    ];
  }

  function authorizationText(sr) {
    const auth = extension(sr, '/prior-authorization');
    const sub = (name) => (auth?.extension || []).find((e) => e.url === name);
    if (!sub('required')?.valueBoolean) return 'Not required';
    const number = sub('number')?.valueString;
    return number ? `Required · ${number}` : 'Required · not yet obtained';
  }

  function serviceRequestFields(sr) {
    const note = sr.note?.[0];
    return h(
      'dl',
      { class: 'fields', 'data-testid': 'service-request' },
      field('Identifier', sr.identifier?.[0]?.value || '—'),
      field('Category', sr.category?.[0]?.text || '—'),
      field('Status', pill(sr.status)),
      field('Intent', sr.intent),
      field('Priority', pill(sr.priority)),
      field('Code', sr.code?.text || '—'),
      field('Subject', link(`/${sr.subject.reference}`, sr.subject.display)),
      field('Requester', sr.requester?.display || '—'),
      field('Performer', sr.performer?.[0]?.display || '—'),
      field(
        'Reason Code',
        (sr.reasonCode || []).map((rc) => h('div', {}, `${rc.coding[0].code} — ${rc.coding[0].display}`)),
      ),
      field('Insurance', insuranceText(sr)),
      field('Prior Authorization', authorizationText(sr)),
      field(
        'Supporting Info',
        h(
          'ul',
          {},
          (sr.supportingInfo || []).map((s) => h('li', {}, s.display)),
        ),
      ),
      field('Authored On', fmtDate(sr.authoredOn)),
      field('Occurrence', `${fmtDate(sr.occurrencePeriod?.start)} – ${fmtDate(sr.occurrencePeriod?.end)}`),
      field(
        'Note',
        note
          ? [
              h('div', {}, note.text),
              h('div', { class: 'subtitle' }, `${note.authorString}, ${fmtDate(note.time)}`),
            ]
          : '—',
      ),
      field('Patient Instruction', sr.patientInstruction || '—'),
    );
  }

  async function serviceRequestView(id) {
    const sr = await api(`ServiceRequest/${encodeURIComponent(id)}`);
    // Second round trip, as real apps resolve the subject reference separately.
    const patient = await api(sr.subject.reference);
    const main = h(
      'div',
      { class: 'card' },
      h('h1', {}, 'Service Request'),
      h('div', { class: 'subtitle' }, `ServiceRequest/${sr.id} · ${sr.code.text}`),
      serviceRequestFields(sr),
      h('details', { class: 'raw' }, h('summary', {}, 'Raw JSON'), h('pre', {}, JSON.stringify(sr, null, 2))),
    );
    const aside = h(
      'aside',
      {},
      contactCard(patient),
      officeCard('Receiving Office', containedById(sr, sr.performer?.[0]?.reference)),
      officeCard('Referring Office', containedById(sr, sr.requester?.reference)),
    );
    return {
      title: `Service Request ${sr.id}`,
      node: h('div', {}, patientBanner(patient), h('div', { class: 'cols' }, main, aside)),
    };
  }

  function notFoundView() {
    return { title: 'Not found', node: h('div', { class: 'card' }, h('h1', {}, 'Page not found')) };
  }

  // ---- Router ----

  function parseRoute(pathname) {
    let parts;
    try {
      parts = pathname
        .slice(BASE.length)
        .split('/')
        .filter(Boolean)
        .map((p) => decodeURIComponent(p));
    } catch {
      return { load: async () => notFoundView(), nav: null };
    }
    const [type, id, extra] = parts;
    if (parts.length === 0) return { load: () => worklistView('Referral Worklist'), nav: '/fhir-app/' };
    if (extra !== undefined) return { load: async () => notFoundView(), nav: null };
    if (type === 'ServiceRequest' && id)
      return { load: () => serviceRequestView(id), nav: '/fhir-app/ServiceRequest' };
    if (type === 'ServiceRequest')
      return { load: () => worklistView('Referrals'), nav: '/fhir-app/ServiceRequest' };
    if (type === 'Patient' && id) return { load: () => patientView(id), nav: '/fhir-app/Patient' };
    if (type === 'Patient') return { load: patientListView, nav: '/fhir-app/Patient' };
    return { load: async () => notFoundView(), nav: null };
  }

  function markActiveNav(nav) {
    for (const a of document.querySelectorAll('[data-nav]')) {
      a.classList.toggle('active', a.getAttribute('data-nav') === nav);
    }
  }

  async function render() {
    const seq = ++renderSeq;
    const route = parseRoute(location.pathname);
    markActiveNav(route.nav);
    app.setAttribute('aria-busy', 'true');
    app.replaceChildren(loadingView());
    document.title = 'Loading… · Meridian Health Record';
    let view;
    try {
      [view] = await Promise.all([route.load(), pause()]);
    } catch (err) {
      view = {
        title: 'Error',
        node: h('div', { class: 'card error' }, h('h1', {}, 'Could not load'), String(err.message)),
      };
    }
    // A newer navigation started while this one was loading: drop the stale result.
    if (seq !== renderSeq) return;
    app.replaceChildren(view.node);
    app.removeAttribute('aria-busy');
    document.title = `${view.title} · Meridian Health Record`;
  }

  function navigate(path) {
    if (path !== location.pathname + location.search) history.pushState({}, '', path);
    render();
  }

  document.addEventListener('click', (event) => {
    const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!a || a.target || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(a.href, location.href);
    const inApp = url.pathname === BASE || url.pathname.startsWith(`${BASE}/`);
    if (url.origin !== location.origin || !inApp || url.pathname.startsWith(`${BASE}/api/`)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });

  window.addEventListener('popstate', render);
  render();
})();
