import type { Provenance, Reference } from 'fhir/r4';
import { iso } from '../export/fhir-bundle';
import type { HistoryEntry, HistoryKind } from '../referral/referral';
import { coordinatorReference, type SharedReferral, type TeamTag } from './fhir-mapping';

/**
 * Who did what to a referral, on the team's server: one FHIR R4 Provenance per history entry a
 * Task write carries. Pure: no network, no browser. (The mapping as a whole: fhir-mapping.ts.)
 *
 * - `target`: the Task version the write made (`Task/<id>/_history/<version>`, from the answer),
 *   or, for a write whose answer was lost, the version read back that carries the change.
 * - `occurredDateTime`: when the coordinator made the change; `recorded`: when it was sent.
 * - `activity`: the history entry's kind (created, status, outreach, records, acknowledgment,
 *   snooze, edit, packet, escalation, hand-off) in `HISTORY_KIND_SYSTEM`, a status change's from → to as text.
 * - `agent`: the author, `who` their `fhirUser` (Practitioner or PractitionerRole) when they were
 *   signed in when they made the change, their initials as display.
 * - `meta.tag`: the team's tag, and `PROVENANCE_TAG_SYSTEM|<task id>.<version>.<n>`: a retried
 *   create (If-None-Exist on that tag) finds the one the first try made. R4's Provenance has no
 *   `identifier`; a tag is searchable on every server.
 */

export const PROVENANCE_TAG_SYSTEM = 'urn:handoff:provenance';
export const HISTORY_KIND_SYSTEM = 'urn:handoff:history-kind';
const PARTICIPANT_TYPE = 'http://terminology.hl7.org/CodeSystem/provenance-participant-type';

const ACTIVITY: Record<HistoryKind, string> = {
  created: 'Referral tracked',
  status: 'Status changed',
  outreach: 'Outreach attempt logged',
  records: 'Records tracked',
  acknowledgment: 'Receipt acknowledged',
  snooze: 'Follow-up snoozed',
  edit: 'Details edited',
  packet: 'Packet checked',
  escalation: 'Clinical question escalated',
  'hand-off': 'Handed off',
};

/**
 * The history entries `sent` adds to the server's last copy (`base`): what this write changes.
 * With `landed` (the server's copy, read after a refused write): only those it already has, sent
 * by an earlier write whose answer was lost.
 */
export function entriesAdded(
  base: SharedReferral | undefined,
  sent: SharedReferral,
  landed?: SharedReferral,
): HistoryEntry[] {
  // Whatever order its members came in (a copy read back from the server has the schema's).
  const key = (entry: HistoryEntry) => JSON.stringify(entry, Object.keys(entry).sort());
  const known = new Set((base?.history ?? []).map(key));
  const there = landed && new Set(landed.history.map(key));
  return sent.history.filter((entry) => !known.has(key(entry)) && (!there || there.has(key(entry))));
}

/** The Task version a write made: the Provenance's target. */
export interface TaskVersion {
  taskId: string;
  versionId: string;
}

/** The tag that names one Provenance of one write: what a retried create searches for. */
export function provenanceSearch(resource: Provenance): string {
  const tag = resource.meta?.tag?.find((coding) => coding.system === PROVENANCE_TAG_SYSTEM);
  return `_tag=${encodeURIComponent(`${PROVENANCE_TAG_SYSTEM}|${tag?.code ?? ''}`)}`;
}

/** The author: a blank `by` is a coordinator who had given no name yet (an entry from before they had to). */
const authorOf = (entry: HistoryEntry): Reference =>
  coordinatorReference(entry.byFhirUser, entry.by || 'Coordinator not named') as Reference;

function activityText(entry: HistoryEntry): string {
  const handedTo = entry.kind === 'hand-off' ? `to ${entry.owner ?? 'the team'}` : undefined;
  const change = entry.from && entry.to ? `${entry.from} → ${entry.to}` : (entry.to ?? handedTo);
  return change ? `${ACTIVITY[entry.kind]}: ${change}` : ACTIVITY[entry.kind];
}

/** The Provenance of each history entry a Task write carried, in order. */
export function provenanceOf(
  entries: readonly HistoryEntry[],
  target: TaskVersion,
  team: TeamTag,
  recorded: number,
): Provenance[] {
  const { taskId, versionId } = target;
  return entries.map((entry, index) => ({
    resourceType: 'Provenance',
    meta: {
      tag: [
        { system: team.system, code: team.code },
        { system: PROVENANCE_TAG_SYSTEM, code: `${taskId}.${versionId}.${index}` },
      ],
    },
    target: [{ reference: `Task/${taskId}/_history/${versionId}`, type: 'Task' }],
    occurredDateTime: iso(entry.at),
    recorded: iso(recorded),
    activity: {
      coding: [{ system: HISTORY_KIND_SYSTEM, code: entry.kind, display: ACTIVITY[entry.kind] }],
      text: activityText(entry),
    },
    agent: [
      {
        type: { coding: [{ system: PARTICIPANT_TYPE, code: 'author', display: 'Author' }] },
        who: authorOf(entry),
      },
    ],
  }));
}

/** `kept` with the Provenance of `entries` on `version` added: what waits on a link for the server. */
export function withProvenance(
  kept: Provenance[] | undefined,
  entries: readonly HistoryEntry[],
  version: TaskVersion,
  ctx: { team: TeamTag; now: () => number },
): Provenance[] | undefined {
  const made = provenanceOf(entries, version, ctx.team, ctx.now());
  return made.length > 0 ? [...(kept ?? []), ...made] : kept;
}
