import { z } from 'zod';

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
  .transform((origin) => origin.replace(/\/$/, ''));
export type EhrOrigin = z.infer<typeof EhrOrigin>;

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
