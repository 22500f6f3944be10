/**
 * Task steps against what is known of the task: the in-box tasks of azure-tasks-data.ts (generated
 * from Microsoft's task.json files) and the custom tasks the project config names. A known task's
 * inputs are checked (an unknown input is silently ignored by the agent, so a typo loses a
 * setting), an in-box one's required inputs and deprecation too. A task Shipshape does not know is
 * never questioned (custom, marketplace and GUID tasks are all valid), except a name one typo away
 * from an in-box task, which gets an info.
 */
import { didYouMean, oneEditApart } from '../../expressions/suggest';
import type { CustomTask } from '../../config';
import { didYouMeanFix, type AzureFix } from '../azure-fixes';
import { keyText, type AMap, type ANode } from '../templates/tree';
import { keep, keptResults } from '../templates/kept-results';
import { IN_BOX_TASKS, type InBoxTask } from './azure-tasks-data';

export interface TaskProblem {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  readonly node: ANode;
  readonly fixes?: readonly AzureFix[];
}

/** The custom tasks a check knows, by `name@major` in lower case (the config's `azure.tasks`). */
export type CustomTasks = Readonly<Record<string, CustomTask>>;

const IN_BOX_NAMES = [...new Set(Object.values(IN_BOX_TASKS).map((task) => task.reference.replace(/@\d+$/, '')))];
const IN_BOX_LOWER = IN_BOX_NAMES.map((name) => name.toLowerCase());

/** A key Shipshape cannot read offline (`${{ }}`, a macro): the inputs it stands for are unknown. */
const opaqueKey = (entry: AMap['entries'][number]): boolean => entry.key.unknown === true || keyText(entry).includes('$');

/** `Name@N` in lower case, by reference as written: a repository names the same tasks in every pipeline. */
const taskKeys = keptResults<string, string>();

/** `reference` is `Name@N` (checked before); `at` is the `task:` value, where task-wide problems go. */
export function checkTask(reference: string, step: AMap, at: ANode, custom: CustomTasks = {}): TaskProblem[] {
  const key = taskKeys.get(reference) ?? keep(taskKeys, reference, reference.replace(/(@\d+)(\.\d+){0,2}$/, '$1').toLowerCase());
  const inputsNode = step.entries.find((entry) => keyText(entry) === 'inputs')?.value;
  const own = custom[key];
  if (own)
    return own.inputs
      ? unknownInputs(
          own.reference,
          inputsNode,
          own.inputs.map((name) => [name]),
        )
      : [];
  const task = IN_BOX_TASKS[key];
  if (!task) return unknownTask(reference, at, custom);
  const problems: TaskProblem[] = [];
  if (task.deprecated !== undefined)
    problems.push({ severity: 'warning', message: `Task '${reference}' is deprecated.${task.deprecated ? ` ${task.deprecated}` : ''}`, node: at });
  problems.push(...unknownInputs(reference, inputsNode, task.inputs));
  problems.push(...missingInputs(reference, inputsNode, task, at));
  return problems;
}

/** Every spelling of a task's inputs, lower-cased; kept per task table entry (steps reuse the same task many times). */
const inputNames = new WeakMap<readonly (readonly string[])[], ReadonlySet<string>>();
function namesOf(inputs: readonly (readonly string[])[]): ReadonlySet<string> {
  let names = inputNames.get(inputs);
  if (!names) inputNames.set(inputs, (names = new Set(inputs.flat().map((name) => name.toLowerCase()))));
  return names;
}

function unknownInputs(reference: string, inputsNode: ANode | undefined, inputs: readonly (readonly string[])[]): TaskProblem[] {
  if (inputsNode?.kind !== 'map') return [];
  const names = namesOf(inputs);
  const problems: TaskProblem[] = [];
  for (const entry of inputsNode.entries) {
    const name = keyText(entry);
    if (opaqueKey(entry) || names.has(name.toLowerCase())) continue;
    problems.push({
      severity: 'warning',
      message: `Task '${reference}' has no input '${name}'.${didYouMean(name, inputs.flat())}`,
      node: entry.key,
      fixes: didYouMeanFix(entry.key, inputs.flat()),
    });
  }
  return problems;
}

/** Required inputs (no default, no visibleRule) given under no name or alias; unreadable inputs are not judged. */
function missingInputs(reference: string, inputsNode: ANode | undefined, task: InBoxTask, at: ANode): TaskProblem[] {
  if (task.required.length === 0) return [];
  if (inputsNode !== undefined && inputsNode.kind !== 'map') return [];
  const entries = inputsNode?.entries ?? [];
  if (entries.some(opaqueKey)) return [];
  const given = new Set(entries.map((entry) => keyText(entry).toLowerCase()));
  const problems: TaskProblem[] = [];
  for (const name of task.required) {
    const spellings = task.inputs.find((input) => input[0] === name) ?? [name];
    if (spellings.some((spelling) => given.has(spelling.toLowerCase()))) continue;
    const also =
      spellings.length > 1
        ? ` (or ${spellings
            .slice(1)
            .map((alias) => `'${alias}'`)
            .join(', ')})`
        : '';
    problems.push({ severity: 'warning', message: `Task '${reference}' needs the input '${name}'${also}: it has no default.`, node: at });
  }
  return problems;
}

/** A plain name one typo away from an in-box task (qualified and GUID names are other publishers' tasks). */
function unknownTask(reference: string, at: ANode, custom: CustomTasks): TaskProblem[] {
  const name = reference.replace(/@\d+(\.\d+){0,2}$/, '');
  if (name.includes('.') || /^[0-9a-f]{8}-/i.test(name)) return [];
  const near = nearInBoxName(name);
  if (near.inBox) return [];
  if (Object.keys(custom).some((known) => known.replace(/@\d+$/, '') === name.toLowerCase())) return [];
  const close = near.close;
  return close ? [{ severity: 'info', message: `Task '${reference}' is not an in-box task Shipshape knows. Did you mean "${close}"?`, node: at }] : [];
}

/** Per name: an in-box name in another case, or the in-box name one edit away. Kept (kept-results.ts): a repository names the same few tasks again and again. */
const nearNames = keptResults<string, { readonly inBox: boolean; readonly close: string | undefined }>();
function nearInBoxName(name: string): { readonly inBox: boolean; readonly close: string | undefined } {
  let near = nearNames.get(name);
  if (!near) {
    const lower = name.toLowerCase();
    const inBox = IN_BOX_LOWER.includes(lower);
    // One edit only: the table lists the most used tasks, and another in-box task may be two edits from one of them.
    const close = inBox || name.length < 6 ? undefined : IN_BOX_NAMES[IN_BOX_LOWER.findIndex((known) => oneEditApart(known, lower))];
    near = keep(nearNames, name, { inBox, close }, 2_000);
  }
  return near;
}
