import { z } from '../zod';

/** Loopback hosts, where plain http never crosses a network (the test server, a local proxy). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The organisation's FHIR R4 base URL (`https://fhir.example.org/fhir/R4`). Patient details travel
 * to it, so plain http is refused outside this computer; user names, passwords, queries and
 * fragments are refused too, because the sync engine appends paths and searches to it.
 */
export const FhirBaseUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((text) => URL.canParse(text), 'expected a URL such as https://fhir.example.org/fhir/R4')
  .transform((text) => new URL(text))
  .refine(
    (url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)),
    'https only (plain http is accepted for localhost and 127.0.0.1 alone)',
  )
  .refine(
    (url) => !url.username && !url.password && !url.search && !url.hash,
    'no user name, password, query or #fragment: sign-in is configured apart',
  )
  .transform((url) => `${url.origin}${url.pathname.replace(/\/+$/, '')}`);
export type FhirBaseUrl = z.infer<typeof FhirBaseUrl>;

/** Chrome fires alarms at most every 30 seconds; a desk should see a colleague's change within a minute. */
export const POLL_SECONDS = { min: 30, max: 60 } as const;

/**
 * The shared team queue on the organisation's FHIR server. Absent `fhirBaseUrl` = local only:
 * nothing leaves the device. A desk's Tasks carry `meta.tag` = `team.system|team.code`; the queue
 * reads and writes only Tasks with that tag, so several desks share one server apart.
 */
export const TeamQueueSchema = z.object({
  fhirBaseUrl: FhirBaseUrl.optional(),
  team: z
    .object({
      system: z
        .string()
        .trim()
        .regex(/^(urn|https?):[^\s|]{1,200}$/, 'a URI such as urn:example:teams or https://example.org/teams')
        .default('urn:handoff:team'),
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, dots, dashes and underscores'),
    })
    .optional(),
  pollSeconds: z.number().int().min(POLL_SECONDS.min).max(POLL_SECONDS.max).default(POLL_SECONDS.max),
});
export type TeamQueueConfig = z.infer<typeof TeamQueueSchema>;

/** What the sync engine needs to run: a server and a team. Otherwise the queue stays local. */
export interface TeamQueueTarget {
  fhirBaseUrl: string;
  team: { system: string; code: string };
  pollSeconds: number;
}

export function teamQueueTarget(config: TeamQueueConfig): TeamQueueTarget | undefined {
  const { fhirBaseUrl, team, pollSeconds } = config;
  return fhirBaseUrl && team ? { fhirBaseUrl, team, pollSeconds } : undefined;
}
