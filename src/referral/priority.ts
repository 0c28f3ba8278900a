import { z } from 'zod';

/** FHIR ServiceRequest.priority codes, the words EHRs print for them. */
export const PRIORITIES = ['routine', 'urgent', 'asap', 'stat'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;
