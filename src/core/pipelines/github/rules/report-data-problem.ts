import type { Node as YamlNode, Scalar } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { RuleContext } from '../../rule';
import type { Fix } from '../../finding';
import { locateInScalar } from '../../yaml/scalar-offsets';
import type { DataProblem } from '../data/suggest';

/** Reports a reference-table problem at its spot: a slice of the scalar when it has offsets, else the node. */
export function reportDataProblem(context: RuleContext, problem: DataProblem, node: YamlNode | undefined, suffix = '', fixes?: readonly Fix[]): void {
  let at: YamlNode | [number, number] | undefined = node;
  if (node && isScalar(node) && problem.start !== undefined && problem.end !== undefined) {
    at = locateInScalar(context.source, node as Scalar, problem.start, Math.max(problem.end, problem.start + 1));
  }
  context.report({ severity: problem.severity, message: `${problem.message}${suffix}`, at, ...(fixes ? { fixes } : {}) });
}
