import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { WEBHOOK_EVENTS as EVENTS } from '../../../src/core/pipelines/github/data/events';
import table from '../../../src/core/pipelines/github/data/event-payloads.json';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'webhook-payloads.mjs');

/** A small folder laid out as octokit/webhooks' payload-schemas/api.github.com. */
const SAMPLE: Record<string, unknown> = {
  'common/commit.schema.json': {
    type: 'object',
    properties: { id: { type: 'string' }, message: { type: 'string' }, distinct: { type: 'boolean' } },
    additionalProperties: false,
  },
  'common/user.schema.json': { type: 'object', properties: { login: { type: 'string' }, id: { type: 'integer' } }, additionalProperties: false },
  'push/event.schema.json': {
    type: 'object',
    properties: {
      ref: { type: 'string' },
      commits: { type: 'array', items: { $ref: 'common/commit.schema.json' } },
      head_commit: { oneOf: [{ $ref: 'common/commit.schema.json' }, { type: 'null' }] },
      sender: { $ref: 'common/user.schema.json' },
    },
    additionalProperties: false,
  },
  'label/created.schema.json': {
    type: 'object',
    properties: { action: { type: 'string', enum: ['created'] }, label: { type: 'object', properties: { name: { type: 'string' } } } },
    additionalProperties: false,
  },
  'label/deleted.schema.json': {
    type: 'object',
    properties: {
      action: { type: 'string' },
      changes: { allOf: [{ type: 'object', properties: { extra: { type: 'number' } } }, { $ref: 'common/user.schema.json' }] },
    },
    additionalProperties: false,
  },
  'repository_dispatch/event.schema.json': {
    type: 'object',
    properties: { client_payload: { type: 'object', properties: {}, additionalProperties: true }, branch: { type: ['string', 'null'] } },
    additionalProperties: false,
  },
};

describe('scripts/webhook-payloads.mjs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'shipshape-webhooks-'));
    for (const [path, schema] of Object.entries(SAMPLE)) {
      mkdirSync(dirname(join(dir, 'schemas', path)), { recursive: true });
      writeFileSync(join(dir, 'schemas', path), JSON.stringify(schema));
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the compact table from a folder of schemas: refs shared, variants merged, open objects marked', () => {
    const out = join(dir, 'table.json');
    execFileSync(process.execPath, [SCRIPT, join(dir, 'schemas'), '--source', 'octokit/webhooks@test', '--out', out], { stdio: 'pipe' });
    const built = JSON.parse(readFileSync(out, 'utf8')) as { source: string; events: Record<string, unknown>; defs: Record<string, unknown> };
    assert.equal(built.source, 'octokit/webhooks@test');
    assert.deepEqual(built.events.push, { ref: 's', commits: ['@commit'], head_commit: '@commit', sender: '@user' });
    assert.deepEqual(built.defs.commit, { id: 's', message: 's', distinct: 'b' });
    // Every activity type's keys; an inline object without additionalProperties: false is open; allOf keeps every part's keys.
    assert.deepEqual(built.events.label, { action: 's', label: { name: 's', '*': '?' }, changes: { login: 's', id: 'n', extra: 'n' } });
    assert.deepEqual(built.events.repository_dispatch, { client_payload: { '*': '?' }, branch: 's' });
    // No schema, no entry: the event stays open.
    assert.equal(built.events.issues, undefined);
  });

  it('refuses a folder without a source to record', () => {
    assert.throws(() => execFileSync(process.execPath, [SCRIPT, join(dir, 'schemas'), '--out', join(dir, 'table.json')], { stdio: 'pipe' }), /source/);
  });
});

describe('event-payloads.json', () => {
  it('records where it comes from and covers only events that trigger workflows', () => {
    assert.match(table.source, /octokit\/webhooks/);
    for (const event of Object.keys(table.events)) assert.ok(Object.prototype.hasOwnProperty.call(EVENTS, event), event);
    // Events GitHub sends without a webhook schema stay open.
    for (const open of ['schedule', 'workflow_call']) assert.equal(Object.prototype.hasOwnProperty.call(table.events, open), false, open);
  });
});
