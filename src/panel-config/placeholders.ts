/** `{patientFirstName}` in a script or hand-off line; kept apart from the schema so the panel carries no validator. */
export const PLACEHOLDER_PATTERN = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
