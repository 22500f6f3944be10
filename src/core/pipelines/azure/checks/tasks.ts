/**
 * Inputs of the most used in-box Azure Pipelines tasks, to warn about an input a known task does
 * not have (a typo is otherwise silently ignored by the agent). Tasks not listed are never
 * questioned: custom, marketplace and GUID tasks are all valid.
 */
import { didYouMean } from '../../expressions/suggest';
import { keyText, type AMap, type ANode } from '../templates/tree';

/** Task name (lower case) and major version → its input names and their aliases. */
export const KNOWN_TASKS: Readonly<Record<string, readonly string[]>> = {};

export interface TaskInputProblem {
  readonly message: string;
  readonly node: ANode;
}

export function checkTaskInputs(reference: string, step: AMap): TaskInputProblem[] {
  const inputsNode = step.entries.find((entry) => keyText(entry) === 'inputs')?.value;
  const inputs = KNOWN_TASKS[reference.toLowerCase()];
  if (!inputs || inputsNode?.kind !== 'map') return [];
  const names = new Set(inputs.map((name) => name.toLowerCase()));
  const problems: TaskInputProblem[] = [];
  for (const entry of inputsNode.entries) {
    const name = keyText(entry);
    if (entry.key.unknown || name.includes('$') || names.has(name.toLowerCase())) continue;
    problems.push({ message: `Task '${reference}' has no input '${name}'.${didYouMean(name, inputs)}`, node: entry.key });
  }
  return problems;
}
