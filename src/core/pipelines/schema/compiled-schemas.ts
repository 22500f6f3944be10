import Ajv, { type ValidateFunction } from 'ajv';
import actionSchema from '../../../../schemas/github-action.schema.json';
import configSchema from '../../../../schemas/shipshape-config.schema.json';
import workflowSchema from '../../../../schemas/github-workflow.schema.json';
import ajvOptions from './ajv-options.json';
import { PRECOMPILED } from './precompiled';

export type SchemaName = 'github-workflow' | 'github-action' | 'shipshape-config';

const SCHEMAS: Readonly<Record<SchemaName, object>> = {
  'github-workflow': workflowSchema,
  'github-action': actionSchema,
  'shipshape-config': configSchema,
};

const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * The validator for a schema: precompiled in bundles, else compiled the first
 * time it is needed. verbose: errors carry the failing data and schema, which
 * the messages need (ajv-options.json is shared with esbuild.js).
 */
export function schemaValidator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name) ?? PRECOMPILED[name];
  if (!validate) {
    validate = new Ajv(ajvOptions).compile(SCHEMAS[name]);
    compiled.set(name, validate);
  }
  return validate;
}

/** The schema object itself, for hovers (descriptions). */
export function schemaObject(name: SchemaName): object {
  return SCHEMAS[name];
}
