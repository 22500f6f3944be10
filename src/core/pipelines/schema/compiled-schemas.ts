import type { ValidateFunction } from 'ajv';
import { validatorFor } from './precompiled';
import { SCHEMAS, type SchemaName } from './schema-objects';

export type { SchemaName } from './schema-objects';

/**
 * The validator for a schema: precompiled in bundles, else compiled the first
 * time it is needed (see precompiled.ts). verbose: errors carry the failing data
 * and schema, which the messages need.
 */
export function schemaValidator(name: SchemaName): ValidateFunction {
  return validatorFor(name);
}

/** The schema object itself, for hovers (descriptions). */
export function schemaObject(name: SchemaName): object {
  return SCHEMAS[name];
}
