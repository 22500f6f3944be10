// Builds the compact table of webhook payload shapes (src/core/pipelines/github/data/event-payloads.json)
// from octokit/webhooks' JSON schemas. Pure: the caller reads the files.
//
// A shape is one of:
//   "s" string, "n" number, "b" boolean, "?" anything (no single type, or not described)
//   "@name"        a shared definition in `defs` (a common/*.schema.json)
//   ["<shape>"]    an array of that shape
//   { key: shape } an object with exactly these keys; "*": "?" among them makes it open
//                  (the schema allows additional properties, or lists none)

/** The workflow events whose payload is a webhook event's of another name. */
export const WORKFLOW_EVENT_ALIASES = { pull_request_target: 'pull_request' };

/** The events that trigger workflows (GitHub's "Events that trigger workflows"), those a schema can describe. */
export const WORKFLOW_EVENTS = [
  'branch_protection_rule',
  'check_run',
  'check_suite',
  'create',
  'delete',
  'deployment',
  'deployment_status',
  'discussion',
  'discussion_comment',
  'fork',
  'gollum',
  'issue_comment',
  'issues',
  'label',
  'merge_group',
  'milestone',
  'page_build',
  'project',
  'project_card',
  'project_column',
  'public',
  'pull_request',
  'pull_request_review',
  'pull_request_review_comment',
  'pull_request_target',
  'push',
  'registry_package',
  'release',
  'repository_dispatch',
  'status',
  'watch',
  'workflow_dispatch',
  'workflow_run',
];

/**
 * Keys GitHub's "Webhook events and payloads" documents that the schemas lack, added open:
 * only ever keys (a missing key would be a false report), never a narrower type.
 */
export const DOCUMENTED_ADDITIONS = {
  // Issue types (2025): `issue.type` is the type object or null.
  issue: { type: '?' },
};

/**
 * Definitions from a folder laid out as octokit/webhooks' payload-schemas/api.github.com
 * (`<event>/<action>.schema.json`, `common/<name>.schema.json`), or from its bundle
 * (`schema.json` with `definitions`, as @octokit/webhooks-schemas publishes it).
 * `files` maps each path relative to the folder to its parsed JSON.
 * Returns definitions keyed `<event>$<action>` and `<common name>`, refs rewritten to those keys.
 */
export function definitionsFrom(files) {
  const bundle = files['schema.json'];
  if (bundle && bundle.definitions) return bundle.definitions;
  const definitions = {};
  for (const [path, schema] of Object.entries(files)) {
    const parts = path.split('/');
    if (parts.length !== 2 || !parts[1].endsWith('.schema.json')) continue;
    const base = parts[1].slice(0, -'.schema.json'.length);
    definitions[parts[0] === 'common' ? base : `${parts[0]}$${base}`] = schema;
  }
  return definitions;
}

/** The definition a $ref names: `#/definitions/x`, `common/x.schema.json` or `../common/x.schema.json`. */
function refName(ref) {
  if (ref.startsWith('#/definitions/')) return ref.slice('#/definitions/'.length);
  const file = ref.split('/').pop() ?? ref;
  return file.endsWith('.schema.json') ? file.slice(0, -'.schema.json'.length) : undefined;
}

/**
 * Two shapes as one: a value that is either. Objects keep every key of both and are open when
 * either is; `resolve` turns "@name" into its object so that a definition merges with another.
 */
export function unionShapes(a, b, resolve = (shape) => shape) {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if (a === '?' || b === '?') return '?';
  if (isRef(a) || isRef(b)) return unionShapes(isRef(a) ? resolve(a) : a, isRef(b) ? resolve(b) : b, resolve);
  if (Array.isArray(a) && Array.isArray(b)) return [unionShapes(a[0], b[0], resolve)];
  if (isObjectShape(a) && isObjectShape(b)) {
    const out = { ...a };
    for (const [key, shape] of Object.entries(b)) out[key] = key in out ? unionShapes(out[key], shape, resolve) : shape;
    return out;
  }
  // A string and a number, an object and a list: no single type.
  return '?';
}

const isRef = (shape) => typeof shape === 'string' && shape.startsWith('@');

const isObjectShape = (shape) => shape !== null && typeof shape === 'object' && !Array.isArray(shape);

/**
 * The table: { events: { <workflow event>: shape }, defs: { <name>: shape } } for every
 * workflow event with at least one schema; events without one are left out (they stay open).
 */
export function buildPayloadTable(definitions) {
  const defs = {};
  const converting = new Set();

  const useDef = (name) => {
    if (!(name in definitions)) return '?';
    if (!(name in defs) && !converting.has(name)) {
      converting.add(name);
      const shape = convert(definitions[name]);
      defs[name] = isObjectShape(shape) && DOCUMENTED_ADDITIONS[name] ? { ...DOCUMENTED_ADDITIONS[name], ...shape } : shape;
      converting.delete(name);
    }
    return `@${name}`;
  };

  const convert = (node) => {
    if (!node || typeof node !== 'object') return '?';
    if (typeof node.$ref === 'string') {
      const name = refName(node.$ref);
      return name ? useDef(name) : '?';
    }
    if (Array.isArray(node.allOf)) {
      // Every part holds: keys of each part are the object's keys (the parts are objects here).
      let shape;
      for (const part of node.allOf) shape = intersectShapes(shape, resolveInline(convert(part)));
      return shape ?? '?';
    }
    for (const key of ['oneOf', 'anyOf']) {
      if (!Array.isArray(node[key])) continue;
      const options = node[key].filter((option) => !(option && option.type === 'null'));
      let shape;
      for (const option of options) shape = union(shape, convert(option));
      return shape ?? '?';
    }
    const types = (Array.isArray(node.type) ? node.type : [node.type]).filter((type) => type !== 'null' && type !== undefined);
    if (types.length !== 1) return node.properties ? objectShape(node) : '?';
    switch (types[0]) {
      case 'string':
        return 's';
      case 'integer':
      case 'number':
        return 'n';
      case 'boolean':
        return 'b';
      case 'array':
        return [node.items && !Array.isArray(node.items) ? convert(node.items) : '?'];
      case 'object':
        return objectShape(node);
      default:
        return '?';
    }
  };

  const objectShape = (node) => {
    const props = node.properties && typeof node.properties === 'object' ? node.properties : {};
    const out = {};
    for (const [key, value] of Object.entries(props)) out[key] = convert(value);
    // JSON Schema allows any other key unless additionalProperties is false.
    if (node.additionalProperties !== false || Object.keys(out).length === 0) out['*'] = '?';
    return out;
  };

  /** A definition's object inline (open while it is still being converted: a cycle). */
  const resolveInline = (shape) => (isRef(shape) ? (defs[shape.slice(1)] ?? '?') : shape);
  const union = (a, b) => unionShapes(a, b, resolveInline);

  /** allOf: every part holds, so the object has the keys of each and is open only when every part is. */
  const intersectShapes = (a, b) => {
    if (a === undefined) return b;
    if (isObjectShape(a) && isObjectShape(b)) {
      const out = { ...a };
      for (const [key, shape] of Object.entries(b)) {
        if (key !== '*') out[key] = key in out && out[key] !== '?' ? out[key] : shape;
      }
      if (!('*' in b)) delete out['*'];
      return out;
    }
    return union(a, b);
  };

  const events = {};
  for (const event of WORKFLOW_EVENTS) {
    const webhook = WORKFLOW_EVENT_ALIASES[event] ?? event;
    const variants = Object.keys(definitions)
      .filter((name) => name.startsWith(`${webhook}$`))
      .sort();
    let shape;
    // Any key of any activity type is allowed: a workflow seldom narrows `types:` to one.
    for (const name of variants) shape = union(shape, resolveInline(convert(definitions[name])));
    if (shape !== undefined) events[event] = shape;
  }
  return { events, defs: sortKeys(defs) };
}

function sortKeys(record) {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]),
  );
}
