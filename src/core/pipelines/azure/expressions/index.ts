export type { AzureExpr, AzureExprProblem } from './ast';
export { parseAzureExpression } from './parser';
export { evaluateAzure, formatAzure, type AzureScope, type AzureEvaluation } from './evaluate';
export { azureFunction, azureFunctionNames, type AzureFunctionInfo } from './functions';
export {
  AzureUnknown,
  AzureVersion,
  isUnknown,
  openObject,
  whyOpen,
  compareAzure,
  isAzureObject,
  toBoolean,
  toText,
  toNumber,
  toJson,
  type AzureValue,
} from './values';
export { findEmbeddedExpressions, wholeCompileExpression, type EmbeddedExpression } from './template-strings';
export { checkAzureExpression, RUNTIME_NAMES, type CheckPlace } from './check';
