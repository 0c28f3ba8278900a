import { z } from '../zod';

/**
 * A calendar date as EHRs and admins write it, without a time zone: `2026-12-24`. A module of its
 * own: referrals carry such dates too, and the panel, which reads referrals, should not load the
 * whole configuration schema (and the public-suffix list behind its EHR origins) to check one.
 */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
