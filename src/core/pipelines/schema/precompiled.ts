import Ajv, { type ValidateFunction } from 'ajv';
import ajvOptions from './ajv-options.json';
import { SCHEMAS, type SchemaName } from './schema-objects';

const compiled = new Map<SchemaName, ValidateFunction>();

/**
 * The validator of a schema, compiled on first use (tests, tsx). esbuild.js replaces this whole
 * module with ajv standalone code compiled at build time, whose validatorFor reads a table
 * (PRECOMPILED): a bundle neither compiles schemas nor loads or carries ajv's compiler (~280 ms
 * to compile, and ajv's own modules to load at every start). ajv-options.json is shared with esbuild.js.
 */
export function validatorFor(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    validate = new Ajv(ajvOptions).compile(SCHEMAS[name]);
    compiled.set(name, validate);
  }
  return validate;
}
