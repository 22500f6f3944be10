/**
 * GitHub Actions expressions (`${{ }}`): find, parse, type-check and evaluate them.
 * Pure functions, no I/O. See each module for the rules it follows.
 */
export type {
  BinaryExpr,
  BinaryOperator,
  CallExpr,
  ContextExpr,
  Expr,
  ExprProblem,
  FilterExpr,
  IndexExpr,
  LiteralExpr,
  NotExpr,
  ProblemCode,
  PropertyExpr,
} from './ast';
export { childrenOf } from './ast';
export { constantTruth } from './constant-truth';
export { extractExpressions, isSingleExpression, type TemplatePart } from './templates';
export { parseExpression, MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, type ParseResult } from './parser';
export {
  anyType,
  arrayOf,
  boolType,
  describeType,
  isSafeToInterpolate,
  looseObject,
  mapOf,
  mergeTypes,
  nullType,
  numberType,
  propertyType,
  rowObject,
  stringType,
  strictObject,
  typeOfJson,
  type ArrayType,
  type ExprType,
  type ObjectType,
} from './types';
export { CONTEXT_NAMES, CONTEXT_TYPES, jobResultType, stepType } from './contexts';
export { AVAILABILITY, availabilityAt, SPECIAL_FUNCTIONS, type Availability } from './availability';
export { FUNCTIONS, functionSpec, type FunctionSpec } from './functions';
export { checkExpression, pathOf, type CheckResult, type CheckScope } from './checker';
export { UNTRUSTED_INPUTS, untrustedPaths, type UntrustedUse } from './untrusted';
export { parseFormatString, type FormatPiece } from './format-string';
export { compareValues, isTruthy, looseEquals, numberToString, stringToNumber, toDisplayString, toNumber, type Value } from './values';
export {
  callsStatusFunction,
  evaluate,
  evaluateCondition,
  evaluateScalar,
  evaluateSource,
  evaluateTemplate,
  type Contexts,
  type EvaluationHooks,
  type StatusFunction,
} from './evaluator';
