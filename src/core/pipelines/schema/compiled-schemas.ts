import Ajv, { type ValidateFunction } from 'ajv';
import actionSchema from '../../../../schemas/github-action.schema.json';
import configSchema from '../../../../schemas/shipshape-config.schema.json';
import workflowSchema from '../../../../schemas/github-workflow.schema.json';

export type SchemaName = 'github-workflow' | 'github-action' | 'shipshape-config';

const SCHEMAS: Readonly<Record<SchemaName, object>> = {
  'github-workflow': workflowSchema,
  'github-action': actionSchema,
  'shipshape-config': configSchema,
};

const compiled = new Map<SchemaName, ValidateFunction>();

/** Compiles a schema the first time it is needed; every later call reuses it. */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    // verbose: errors carry the failing data and schema, which the messages need.
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    validate = ajv.compile(SCHEMAS[name]);
    compiled.set(name, validate);
  }
  return validate;
}

/** The schema object itself, for hovers (descriptions). */
export function schemaObject(name: SchemaName): object {
  return SCHEMAS[name];
}
