#!/usr/bin/env node
// (Re)generates src/core/pipelines/github/data/popular-actions.json from fetched action.yml texts.
//
//   node scripts/popular-actions.mjs [--cache .cache/popular-actions] [--check]
//
// The manifest (scripts/popular-actions.manifest.json, committed) says, for each fetched file, which
// action and major it is and where it was read (repository, path, commit or tag), and
// `undeclaredOutputs` for actions that set outputs their file does not list. The texts sit in
// the git-ignored cache folder as `<owner>__<repo>[__path]@<major>.yml`: third-party files are not
// committed. A row with `format` names a typed binding generated from the action.yml of `version`
// (github-actions-workflow-ts), read by entryFromBinding, with the runtime in `using`. Each file read makes its major complete (inputs and outputs are the file's); entries
// the cache cannot refresh are kept as they are. --check fails when the JSON would change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { projectRoot } from './lib/paths.mjs';

export const DATA_PATH = join(projectRoot, 'src/core/pipelines/github/data/popular-actions.json');
export const MANIFEST_PATH = join(projectRoot, 'scripts/popular-actions.manifest.json');
export const CACHE_DIR = join(projectRoot, '.cache/popular-actions');

/** `actions/cache/restore` at `v4` → `actions__cache__restore@v4.yml`. */
export function cacheFileName(action, major) {
  return `${action.split('/').join('__')}@${major}.yml`;
}

/** `repo@commit path` and the tag or note, as the JSON's `source` says it. */
export function describeSource(file) {
  const at = file.commit ?? file.tag;
  const where = `${file.repository}@${at} ${file.path}`;
  const binding = file.format ? `${file.format} binding of ${file.action} ${file.version}` : undefined;
  const details = [binding, file.tag && file.commit ? `tag ${file.tag}` : undefined, file.note].filter(Boolean);
  return details.length ? `${where} (${details.join('; ')})` : where;
}

/**
 * One major's record from the text of its action.yml. Throws when the text is not an action's
 * metadata (no `runs.using`): a wrong file must not pass for complete data.
 */
export function entryFromActionYml(text, file) {
  const doc = parse(text);
  const using = doc?.runs?.using;
  if (typeof using !== 'string' || !using) throw new Error(`${file.repository} ${file.path}: no runs.using, not an action.yml`);
  const inputs = {};
  for (const [name, spec] of Object.entries(doc.inputs ?? {})) {
    const input = { required: isTrue(spec?.required), hasDefault: typeof spec === 'object' && spec !== null && 'default' in spec };
    if (typeof spec?.deprecationMessage === 'string' && spec.deprecationMessage.trim()) input.deprecationMessage = spec.deprecationMessage.trim();
    inputs[name] = input;
  }
  return {
    using: using.toLowerCase(),
    inputs,
    outputs: Object.keys(doc.outputs ?? {}),
    inputsComplete: true,
    // Some actions set outputs their action.yml does not declare (dorny/paths-filter: one per filter).
    outputsComplete: !file.undeclaredOutputs,
    source: describeSource(file),
  };
}

/**
 * One major's record from a typed binding generated from its action.yml (github-actions-workflow-ts:
 * `<Class>Inputs` with `?` on inputs not required, `@default` and `@deprecated` in their JSDoc, and
 * `<Class>Outputs` as a union of names). The binding has no runtime: the manifest gives it. Throws
 * unless the text states the version the manifest names: a binding of another minor may lack inputs.
 */
export function entryFromBinding(text, file) {
  const stated = statedVersion(text);
  if (!stated) throw new Error(`${file.repository} ${file.path}: states no version`);
  if (stated !== file.version || !stated.startsWith(`${file.major}.`))
    throw new Error(`${file.repository} ${file.path}: states ${stated}, not ${file.version} of ${file.major}`);
  if (typeof file.using !== 'string' || !file.using) throw new Error(`${file.repository} ${file.path}: a binding has no runtime, the manifest must give using`);
  const inputs = {};
  const body = /export interface \w+Inputs \{\n([\s\S]*?)\n\}/.exec(text)?.[1];
  if (body === undefined && !/export type \w+Inputs = Record<string, never>/.test(text)) throw new Error(`${file.repository} ${file.path}: no Inputs type`);
  let doc = '';
  for (const line of (body ?? '').split('\n')) {
    const property = /^ {2}(?:'([^']+)'|([A-Za-z_]\w*))(\?)?: /.exec(line);
    if (!property) {
      doc += `${line}\n`;
      continue;
    }
    const input = { required: !property[3], hasDefault: /@default /.test(doc) };
    const deprecation = /@deprecated (.*?)(?: \*\/)?$/m.exec(doc)?.[1];
    if (deprecation?.trim()) input.deprecationMessage = unescapeJsDoc(deprecation.trim());
    inputs[property[1] ?? property[2]] = input;
    doc = '';
  }
  const outputs = /export type \w+Outputs =([^\n]*(?:\n +\|[^\n]*)*)/.exec(text)?.[1];
  if (outputs === undefined) throw new Error(`${file.repository} ${file.path}: no Outputs type`);
  return {
    using: file.using.toLowerCase(),
    inputs,
    outputs: outputs.trim() === 'never' ? [] : [...outputs.matchAll(/'([^']+)'/g)].map((match) => match[1]),
    inputsComplete: true,
    outputsComplete: !file.undeclaredOutputs,
    source: describeSource(file),
  };
}

// `SourceVersion = 'v4.4.0'` (newer layout) or `resolvedVersion = { major: 4, minor: 6, patch: 2 }` (older).
function statedVersion(text) {
  const named = /SourceVersion = '([^']+)'/.exec(text)?.[1];
  if (named) return named;
  const resolved = /resolvedVersion = \{\s*major: (\d+),\s*minor: (\d+),\s*patch: (\d+),?\s*\}/.exec(text);
  return resolved ? `v${resolved[1]}.${resolved[2]}.${resolved[3]}` : undefined;
}

// The generator escapes backslashes, `*` and `/` in JSDoc text.
function unescapeJsDoc(text) {
  return text.replace(/\\([\\*/])/g, '$1');
}

// GitHub reads `required` as a boolean; action.yml files also write it as the string "true".
function isTrue(value) {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function majorNumber(major) {
  return Number(/^v(\d+)$/.exec(major)?.[1] ?? -1);
}

/**
 * The table with every refreshed major written over (or added), the rest kept. `latest` moves up
 * to a newer refreshed major, never down.
 */
export function mergeEntries(table, refreshed) {
  const actions = { ...table.actions };
  for (const { action, major, entry } of refreshed) {
    const known = Object.keys(actions).find((name) => name.toLowerCase() === action.toLowerCase()) ?? action;
    const previous = actions[known] ?? { latest: major, majors: {} };
    const majors = { ...previous.majors, [major]: entry };
    const latest = majorNumber(major) > majorNumber(previous.latest) ? major : previous.latest;
    actions[known] = { latest, majors: Object.fromEntries(Object.entries(majors).sort(([a], [b]) => majorNumber(a) - majorNumber(b))) };
  }
  const sorted = Object.fromEntries(Object.entries(actions).sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase())));
  return { ...table, actions: sorted };
}

/** The JSON's layout: one line per input, so a diff shows what changed. */
export function formatTable(table) {
  const lines = ['{', ` "description": ${JSON.stringify(table.description)},`, ' "actions": {'];
  const names = Object.keys(table.actions);
  names.forEach((name, actionIndex) => {
    const action = table.actions[name];
    lines.push(`  ${JSON.stringify(name)}: {`, `   "latest": ${JSON.stringify(action.latest)},`, '   "majors": {');
    const majors = Object.keys(action.majors);
    majors.forEach((major, majorIndex) => {
      const record = action.majors[major];
      lines.push(`    ${JSON.stringify(major)}: {`, `     "using": ${JSON.stringify(record.using)},`);
      const inputs = Object.entries(record.inputs);
      if (inputs.length === 0) lines.push('     "inputs": {},');
      else {
        lines.push('     "inputs": {');
        inputs.forEach(([input, spec], index) => lines.push(`      ${JSON.stringify(input)}: ${JSON.stringify(spec)}${index < inputs.length - 1 ? ',' : ''}`));
        lines.push('     },');
      }
      lines.push(
        `     "outputs": ${JSON.stringify(record.outputs)},`,
        `     "inputsComplete": ${record.inputsComplete},`,
        `     "outputsComplete": ${record.outputsComplete},`,
        `     "source": ${JSON.stringify(record.source)}`,
        `    }${majorIndex < majors.length - 1 ? ',' : ''}`,
      );
    });
    lines.push('   }', `  }${actionIndex < names.length - 1 ? ',' : ''}`);
  });
  lines.push(' }', '}', '');
  return lines.join('\n');
}

/** Reads the manifest's files from `cacheDir`; those missing are reported and skipped. */
export function refreshFromCache(table, manifest, cacheDir) {
  const refreshed = [];
  const missing = [];
  for (const file of manifest.files) {
    const path = join(cacheDir, cacheFileName(file.action, file.major));
    if (!existsSync(path)) {
      missing.push(file);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const entry = file.format === 'github-actions-workflow-ts' ? entryFromBinding(text, file) : entryFromActionYml(text, file);
    refreshed.push({ action: file.action, major: file.major, entry });
  }
  return { table: mergeEntries(table, refreshed), refreshed, missing };
}

function main(args) {
  const option = (name) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const cacheDir = option('--cache') ?? CACHE_DIR;
  const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'));
  const before = readFileSync(DATA_PATH, 'utf8');
  const { table, refreshed, missing } = refreshFromCache(JSON.parse(before), manifest, cacheDir);
  for (const file of missing) console.warn(`not in the cache, kept as it was: ${file.action}@${file.major} (${cacheFileName(file.action, file.major)})`);
  const text = formatTable(table);
  if (args.includes('--check')) {
    if (text !== before) {
      console.error('popular-actions.json differs from what the cache generates: run node scripts/popular-actions.mjs');
      process.exit(1);
    }
    return;
  }
  writeFileSync(DATA_PATH, text);
  let majors = 0;
  let complete = 0;
  for (const action of Object.values(table.actions))
    for (const record of Object.values(action.majors)) {
      majors++;
      if (record.inputsComplete && record.outputsComplete) complete++;
    }
  console.log(`${refreshed.length} majors refreshed; ${Object.keys(table.actions).length} actions, ${majors} majors, ${complete} complete`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
