import { z } from '../zod';
import { FhirBaseUrl } from './team-queue';

/** The scopes asked for by default: who the coordinator is, and the team queue's resources. */
export const DEFAULT_SCOPES =
  'openid fhirUser profile offline_access user/Task.cruds user/ServiceRequest.cruds user/Communication.cruds user/Provenance.cr';

const Endpoint = FhirBaseUrl;

/**
 * Sign-in with the organisation's identity provider (SMART on FHIR standalone launch: OAuth 2.0
 * authorization code with PKCE). Only a public client id here, never a secret: policy files are
 * readable on every workstation. Endpoints come from the FHIR server's
 * `.well-known/smart-configuration` unless set here.
 */
export const SignInSchema = z.object({
  clientId: z
    .string()
    .trim()
    .regex(/^[\w.:@/-]{1,200}$/, 'letters, digits and . _ - : @ /, as the identity provider shows it')
    .optional(),
  scopes: z
    .string()
    .trim()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'scopes separated by single spaces')
    .max(2000)
    .default(DEFAULT_SCOPES),
  authorizationEndpoint: Endpoint.optional(),
  tokenEndpoint: Endpoint.optional(),
  revocationEndpoint: Endpoint.optional(),
  /** Sign-out removes the team queue's referrals from this computer (shared workstations). */
  clearTeamDataOnSignOut: z.boolean().default(true),
});
export type SignInConfig = z.infer<typeof SignInSchema>;
