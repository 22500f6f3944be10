import actionSchema from '../../../../schemas/github-action.schema.json';
import configSchema from '../../../../schemas/shipshape-config.schema.json';
import workflowSchema from '../../../../schemas/github-workflow.schema.json';

/** The JSON Schemas Shipshape validates with (schemas/<name>.schema.json). */
export type SchemaName = 'github-workflow' | 'github-action' | 'shipshape-config';

export const SCHEMAS: Readonly<Record<SchemaName, object>> = {
  'github-workflow': workflowSchema,
  'github-action': actionSchema,
  'shipshape-config': configSchema,
};
