import { getDomain } from 'tldts';
import { z } from '../zod';

/**
 * An EHR site as admins and coordinators write it: `https://ehr.example.org`, or every subdomain
 * with `https://*.example.org`. No path and no port: browsers match scripts by host, and Firefox
 * match patterns cannot name a port.
 */
export const EhrOrigin = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\/?$/,
    'expected an origin such as https://ehr.example.org or https://*.example.org',
  )
  .transform((origin) => origin.replace(/\/$/, ''))
  .refine(
    (origin) => !origin.includes('://*.') || wildcardStaysInOneSite(origin.split('://*.')[1] ?? ''),
    'a wildcard must stay inside one registrable domain (https://*.example.org): *.com, *.org, *.co.uk and other public suffixes would run Handoff on every site under them',
  );
export type EhrOrigin = z.infer<typeof EhrOrigin>;

/**
 * `*.example.org` covers one organisation's sites; `*.co.uk` or `*.github.io` covers everyone's.
 * The public suffix list (with its private part: hosting suffixes such as github.io) tells them
 * apart: a wildcard is accepted only over a host that has a registrable domain.
 */
function wildcardStaysInOneSite(host: string): boolean {
  return getDomain(host, { allowPrivateDomains: true }) !== null;
}

/** Loopback hosts, where plain http never crosses a network. */
const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3})$/;

/**
 * Why an origin deserves a second look though it is accepted: plain http outside loopback sends
 * the EHR's pages, and the patient details on them, over the network unencrypted.
 */
export function originWarning(origin: EhrOrigin): string | undefined {
  const [scheme, host = ''] = origin.split('://');
  if (scheme !== 'http' || LOOPBACK.test(host.replace(/^\*\./, ''))) return undefined;
  return 'plain http outside this computer: patient details on these pages cross the network unencrypted; use https';
}

/** The match pattern that covers every page of the origin. */
export function originPattern(origin: EhrOrigin): string {
  return `${origin}/*`;
}

/** What a coordinator types ("ehr.example.org/some/page") as an origin, when it can be one. */
export function originFromInput(input: string): EhrOrigin | undefined {
  const text = input.trim();
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
    const parsed = EhrOrigin.safeParse(`${url.protocol}//${url.hostname}`);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
