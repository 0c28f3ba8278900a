/** FHIR ServiceRequest.priority codes, the words EHRs print for them. */
export const PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const;
export type Priority = (typeof PRIORITIES)[number];
