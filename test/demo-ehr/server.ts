/// <reference types="node" />
// Dependency-free HTTP server for the demo EHR (node:http only). Pages are rendered from
// data.ts on every request; see README.md in this folder for the URL patterns.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_TODAY, labResultById, patientById, patients, referralById, referrals } from './data';
import { html, type SafeHtml } from './html';
import { patientResource, renderFhirShell, searchBundle, serviceRequestResource } from './pages/fhir';
import { renderFormReferral } from './pages/form';
import { hostilePageByName, renderHostilePage } from './pages/hostile';
import { renderIndex } from './pages/index';
import { renderLegacyReferral } from './pages/legacy';
import { renderOpenemrDemographics, renderOpenemrReferral } from './pages/openemr';
import { renderLabResult, renderReferralList, renderSchedule } from './pages/portal';
import { renderTransferBoard } from './pages/transfer-board';
import { openemrReferralPath } from './urls';

export { escapeHtml } from './html';
export * from './urls';

interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

const HTML_TYPE = 'text/html; charset=utf-8';
const FHIR_JSON_TYPE = 'application/fhir+json; charset=utf-8';

function page(markup: SafeHtml): Reply {
  return { status: 200, contentType: HTML_TYPE, body: markup.value };
}

function notFound(what: string): Reply {
  const body = html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><h1>404 Not Found</h1><p>${what}</p><p><a href="/">Demo EHR home</a></p></body></html>`;
  return { status: 404, contentType: HTML_TYPE, body: body.value };
}

function badRequest(what: string): Reply {
  return { ...notFound(what), status: 400 };
}

function fhirJson(resource: unknown, status = 200): Reply {
  return { status, contentType: FHIR_JSON_TYPE, body: JSON.stringify(resource, null, 2) };
}

function fhirNotFound(what: string): Reply {
  return fhirJson(
    {
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'not-found', diagnostics: what }],
    },
    404,
  );
}

// ---- Route handlers ---------------------------------------------------------------------

function openemrReferral(query: URLSearchParams): Reply {
  const patient = patientById(query.get('pid') ?? '');
  if (!patient) return notFound('Unknown patient (pid).');
  const transid = query.get('transid');
  if (transid === null || transid === '') return page(renderOpenemrReferral(patient, undefined));
  const referral = referralById(transid);
  // OpenEMR scopes transactions to the patient: a transid of another patient does not load.
  if (!referral || referral.patientId !== patient.id)
    return notFound('Unknown transaction for this patient.');
  return page(renderOpenemrReferral(patient, referral));
}

/**
 * Real OpenEMR shows patient screens inside iframes of its tabbed shell: the referral form is a
 * same-origin frame, not the top-level page.
 */
function openemrTabs(query: URLSearchParams): Reply {
  const patient = patientById(query.get('pid') ?? '');
  const referral = referralById(query.get('transid') ?? '');
  if (!patient || !referral) return notFound('Unknown patient or transaction.');
  const frame = openemrReferralPath(patient.id, referral.id);
  return page(html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>OpenEMR</title>
<style>body{margin:0;font-family:sans-serif}nav{background:#f8f9fa;border-bottom:1px solid #dee2e6;padding:10px 12px}
nav span{margin-right:14px}iframe{border:0;width:100%;height:calc(100vh - 42px)}</style></head>
<body><nav><span>Calendar</span><span>Patient</span><span>Referrals</span><span>Reports</span></nav>
<iframe name="pat" title="Patient transaction" src="${frame}"></iframe></body></html>`);
}

function openemrDemographics(query: URLSearchParams): Reply {
  const patient = patientById(query.get('pid') ?? '');
  return patient ? page(renderOpenemrDemographics(patient)) : notFound('Unknown patient (pid).');
}

function legacyReferral(query: URLSearchParams): Reply {
  const referral = referralById(query.get('id') ?? '');
  const patient = referral && patientById(referral.patientId);
  if (!referral || !patient) return notFound('Referral not found.');
  return page(renderLegacyReferral(referral, patient));
}

function formReferral(query: URLSearchParams): Reply {
  const referral = referralById(query.get('id') ?? '');
  const patient = referral && patientById(referral.patientId);
  if (!referral || !patient) return notFound('Referral not found.');
  return page(renderFormReferral(referral, patient));
}

function transferTicket(query: URLSearchParams): Reply {
  const referral = referralById(query.get('id') ?? '');
  const patient = referral && patientById(referral.patientId);
  if (!referral || !patient) return notFound('Ticket not found.');
  return page(renderTransferBoard(referral, patient));
}

function labResult(query: URLSearchParams): Reply {
  const lab = labResultById(Number(query.get('id')));
  const patient = lab && patientById(lab.patientId);
  if (!lab || !patient) return notFound('Lab result not found.');
  return page(renderLabResult(lab, patient));
}

function schedule(query: URLSearchParams): Reply {
  const date = query.get('date') ?? DEMO_TODAY;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return badRequest('date must be YYYY-MM-DD.');
  return page(renderSchedule(date));
}

/** /fhir-app/api/<Type>[/<id>], with ?subject=Patient/<id> search on ServiceRequest. */
function fhirApi(segments: string[], query: URLSearchParams): Reply {
  const [type, id, ...rest] = segments;
  if (rest.length > 0) return fhirNotFound('Unsupported path.');
  if (type === 'Patient') {
    if (id === undefined) return fhirJson(searchBundle(patients.map(patientResource)));
    const patient = patientById(id);
    return patient ? fhirJson(patientResource(patient)) : fhirNotFound(`Patient/${id} not found.`);
  }
  if (type === 'ServiceRequest') {
    if (id === undefined) {
      const subject = query.get('subject');
      const matching = subject ? referrals.filter((r) => `Patient/${r.patientId}` === subject) : referrals;
      return fhirJson(searchBundle(matching.map(serviceRequestResource)));
    }
    const referral = referralById(id);
    return referral
      ? fhirJson(serviceRequestResource(referral))
      : fhirNotFound(`ServiceRequest/${id} not found.`);
  }
  return fhirNotFound('Unsupported resource type.');
}

let appJsCache: string | undefined;

async function fhirAppScript(): Promise<Reply> {
  appJsCache ??= await readFile(new URL('./fhir-app/app.js', import.meta.url), 'utf8');
  return { status: 200, contentType: 'text/javascript; charset=utf-8', body: appJsCache };
}

function pathSegments(pathname: string): string[] | undefined {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

async function fhirApp(url: URL): Promise<Reply> {
  if (url.pathname === '/fhir-app') {
    return { status: 301, contentType: HTML_TYPE, body: '', headers: { Location: '/fhir-app/' } };
  }
  if (url.pathname === '/fhir-app/app.js') return fhirAppScript();
  const segments = pathSegments(url.pathname);
  if (!segments) return badRequest('Malformed path.');
  if (segments[1] === 'api') return fhirApi(segments.slice(2), url.searchParams);
  // Every other path is a client-side route: same shell, app.js decides what to show.
  return page(renderFhirShell());
}

/** /hostile/<name>: a page from the hostile-page table, with the CSP and content type it asks for. */
function hostile(name: string): Reply {
  const found = hostilePageByName(name);
  if (!found) return notFound('No such hostile page.');
  return {
    status: 200,
    contentType: found.contentType ?? HTML_TYPE,
    body: renderHostilePage(found),
    headers: found.csp ? { 'Content-Security-Policy': found.csp } : undefined,
  };
}

async function route(url: URL): Promise<Reply> {
  const q = url.searchParams;
  if (url.pathname.startsWith('/hostile/')) return hostile(url.pathname.slice('/hostile/'.length));
  if (url.pathname === '/fhir-app' || url.pathname.startsWith('/fhir-app/')) return fhirApp(url);
  switch (url.pathname) {
    case '/':
      return page(renderIndex());
    case '/openemr/interface/patient_file/transaction/add_transaction.php':
      return openemrReferral(q);
    case '/openemr/interface/main/tabs/main.php':
      return openemrTabs(q);
    case '/openemr/interface/patient_file/summary/demographics.php':
      return openemrDemographics(q);
    case '/legacy/referral.asp':
      return legacyReferral(q);
    case '/nimbus/ticket':
      return transferTicket(q);
    case '/clinicform/referral':
      return formReferral(q);
    case '/labs/result':
      return labResult(q);
    case '/schedule':
      return schedule(q);
    case '/referrals':
      return page(renderReferralList());
    case '/favicon.ico':
      return { status: 204, contentType: 'image/x-icon', body: '' };
    default:
      return notFound(`No page at ${url.pathname}.`);
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let reply: Reply;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    reply = {
      status: 405,
      contentType: 'text/plain; charset=utf-8',
      body: 'Method not allowed',
      headers: { Allow: 'GET, HEAD' },
    };
  } else {
    try {
      reply = await route(new URL(req.url ?? '/', 'http://demo-ehr.invalid'));
    } catch (err) {
      console.error('demo-ehr: request failed', req.url, err);
      reply = { status: 500, contentType: 'text/plain; charset=utf-8', body: 'Internal error' };
    }
  }
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType,
    'Content-Length': Buffer.byteLength(reply.body),
    // Tests reload pages constantly; never let a browser serve a stale fixture.
    'Cache-Control': 'no-store',
    ...reply.headers,
  });
  res.end(req.method === 'HEAD' ? undefined : reply.body);
}

export interface DemoEhrServer {
  url: string;
  close(): Promise<void>;
}

export function startDemoEhr(opts: { port?: number; host?: string } = {}): Promise<DemoEhrServer> {
  const host = opts.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${urlHost}:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            // Browsers keep connections alive; without this close() waits for them to time out.
            server.closeAllConnections();
          }),
      });
    });
  });
}
