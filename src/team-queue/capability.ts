import { z } from '../zod';
import type { ServerLack } from './sync-status';

/** The part of a server's CapabilityStatement the team queue reads: bounded, checked before use. */
export const Capability = z.object({
  resourceType: z.literal('CapabilityStatement'),
  rest: z
    .array(
      z.object({
        interaction: z
          .array(z.object({ code: z.string().max(40) }))
          .max(20)
          .optional(),
        searchParam: z
          .array(z.object({ name: z.string().max(100) }))
          .max(500)
          .optional(),
        resource: z
          .array(
            z.object({
              type: z.string().max(100),
              versioning: z.string().max(40).optional(),
              conditionalCreate: z.boolean().optional(),
              searchParam: z
                .array(z.object({ name: z.string().max(100) }))
                .max(500)
                .optional(),
            }),
          )
          .max(500)
          .optional(),
      }),
    )
    .max(10)
    .optional(),
});
export type Capability = z.infer<typeof Capability>;

/** What the team queue needs of the server, read from its CapabilityStatement. */
export function serverLacks(statement: Capability): ServerLack[] {
  const rest = statement.rest?.[0];
  const of = (type: string) => rest?.resource?.find((resource) => resource.type === type);
  const task = of('Task');
  const lacks: ServerLack[] = [];
  if (!['Task', 'ServiceRequest', 'Communication', 'Provenance'].every((type) => of(type)?.conditionalCreate))
    lacks.push('conditional-create');
  if (task?.versioning !== 'versioned-update') lacks.push('versioned-update');
  const searchParams = [...(rest?.searchParam ?? []), ...(task?.searchParam ?? [])];
  if (!searchParams.some((param) => param.name === '_lastUpdated')) lacks.push('last-updated-search');
  // Changes go up a hundred referrals to a request: one round trip per referral does not scale.
  if (!rest?.interaction?.some((interaction) => interaction.code === 'batch')) lacks.push('batch');
  return lacks;
}
