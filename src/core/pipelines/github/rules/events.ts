import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get, itemsOf, keyText, pairsOf, stringList, textOf } from '../../yaml/nodes';
import { checkCron, checkTimezone } from '../data/cron';
import { checkEventFilters, checkEventTypes } from '../data/events';
import { checkGlob, type GlobKind } from '../data/globs';
import { keyNodeOf } from '../workflow-nodes';
import { reportDataProblem } from './report-data-problem';

const GLOB_FILTERS: readonly (readonly [string, GlobKind])[] = [
  ['branches', 'branch'],
  ['branches-ignore', 'branch'],
  ['tags', 'tag'],
  ['tags-ignore', 'tag'],
  ['paths', 'path'],
  ['paths-ignore', 'path'],
];

/** The triggers under `on:`: activity types, filters allowed per event, cron schedules, dispatch inputs. */
export const eventsRule: Rule = {
  id: 'events',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'Activity types and filters each event accepts, cron schedules and time zones, workflow_dispatch inputs.',
  check(context) {
    const { doc } = context.source;
    const on = get(doc, doc.contents, 'on');
    if (!isMap(on)) return; // `on: push` and `on: [push, pull_request]` have nothing more to check
    for (const pair of pairsOf(doc, on)) {
      const event = keyText(pair);
      const value = get(doc, on, event);
      if (event === 'schedule') checkSchedule(context, value);
      if (!isMap(value)) continue;
      const keys = pairsOf(doc, value).map(keyText);
      for (const problem of checkEventFilters(event, keys))
        reportDataProblem(context, problem, problem.key ? keyNodeOf(context, value, problem.key) : (pair.key as YamlNode));
      const typesNode = get(doc, value, 'types');
      const types = stringList(doc, typesNode);
      for (const problem of checkEventTypes(
        event,
        types.map((t) => t.value),
      )) {
        reportDataProblem(context, problem, problem.index !== undefined ? types[problem.index]?.node : (typesNode ?? undefined));
      }
      if (event === 'workflow_dispatch') checkDispatchInputs(context, get(doc, value, 'inputs'));
    }
  },
};

/** Filter patterns: glob syntax, git ref characters, regexes used as globs. */
export const globRule: Rule = {
  id: 'glob',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'branches/tags/paths filters must be valid glob patterns for their kind.',
  check(context) {
    const { doc } = context.source;
    const on = get(doc, doc.contents, 'on');
    for (const pair of pairsOf(doc, on)) {
      const filters = get(doc, on, keyText(pair));
      for (const [filter, kind] of GLOB_FILTERS) {
        for (const { value, node } of stringList(doc, get(doc, filters, filter))) {
          if (value.includes('${{')) continue;
          for (const problem of checkGlob(value, kind)) reportDataProblem(context, problem, node, ` (in ${filter} of "${keyText(pair)}")`);
        }
      }
    }
  },
};

function checkSchedule(context: RuleContext, schedule: unknown): void {
  const { doc } = context.source;
  for (const entry of itemsOf(doc, schedule)) {
    const cron = get(doc, entry, 'cron');
    const expression = textOf(doc, cron);
    if (cron && expression !== undefined) for (const problem of checkCron(expression)) reportDataProblem(context, problem, cron as YamlNode);
    const timezone = get(doc, entry, 'timezone');
    const zone = textOf(doc, timezone);
    if (timezone && zone !== undefined) for (const problem of checkTimezone(zone)) reportDataProblem(context, problem, timezone as YamlNode);
  }
}

/** Dispatch inputs: the default must fit the type; choice defaults must be an option; options only on choice inputs; at most 25 inputs. */
function checkDispatchInputs(context: RuleContext, inputs: unknown): void {
  const { doc } = context.source;
  const pairs = pairsOf(doc, inputs);
  if (pairs.length > 25)
    context.report({
      message: `workflow_dispatch has ${pairs.length} inputs; GitHub allows at most 25.`,
      at: keyNodeOf(context, get(doc, get(doc, doc.contents, 'on'), 'workflow_dispatch'), 'inputs'),
    });
  for (const pair of pairs) {
    const name = keyText(pair);
    const type = textOf(doc, get(doc, pair.value, 'type')) ?? 'string';
    if (type !== 'choice' && get(doc, pair.value, 'options') !== undefined) {
      context.report({
        severity: 'warning',
        message: `Input "${name}" is of type ${type}, so GitHub ignores its options; make it type: choice or remove them.`,
        at: keyNodeOf(context, pair.value, 'options'),
      });
    }
    if (type === 'choice') reportRepeatedOptions(context, name, get(doc, pair.value, 'options'));
    const defaultNode = get(doc, pair.value, 'default');
    if (!isScalar(defaultNode) || defaultNode.value === null) continue;
    const value = String(defaultNode.value);
    if (value.includes('${{')) continue;
    if (type === 'boolean' && !/^(true|false)$/i.test(value))
      context.report({
        message: `Input "${name}" is a boolean, so its default must be true or false, not ${JSON.stringify(value)}.`,
        at: defaultNode as YamlNode,
      });
    if (type === 'number' && !Number.isFinite(Number(value)))
      context.report({ message: `Input "${name}" is a number, so its default must be a number, not ${JSON.stringify(value)}.`, at: defaultNode as YamlNode });
    if (type === 'choice') {
      const options = stringList(doc, get(doc, pair.value, 'options')).map((option) => option.value);
      if (options.length && !options.includes(value))
        context.report({
          message: `The default ${JSON.stringify(value)} of input "${name}" is not one of its options (${options.join(', ')}).`,
          at: defaultNode as YamlNode,
        });
    }
  }
}

/** GitHub shows each option in the run form's drop-down; the same one twice is a slip (actionlint reports it too). */
function reportRepeatedOptions(context: RuleContext, input: string, options: unknown): void {
  const seen = new Set<string>();
  for (const option of stringList(context.source.doc, options)) {
    if (seen.has(option.value))
      context.report({ message: `Option ${JSON.stringify(option.value)} of input "${input}" is listed twice.`, at: option.node as YamlNode });
    seen.add(option.value);
  }
}
