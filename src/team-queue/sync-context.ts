import type { Config } from '../config/schema';
import type { HandoffDatabase } from '../queue/database-schema';
import type { FhirClient } from './fhir-client';
import type { TeamTag } from './fhir-mapping';

/** What the push and the pull share: the queue, the server, the team, the clock. */
export interface SyncContext {
  db: HandoffDatabase;
  client: FhirClient;
  team: TeamTag;
  config: () => Config;
  now: () => number;
  newId: () => string;
}
