import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../src/core/pipelines/rules-registry';

// Diagnostics link to docs/rules.md#<rule-id>: every id must have its section.
describe('docs/rules.md', () => {
  const headings = new Set([...readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8').matchAll(/^## (\S+)$/gm)].map((m) => m[1]));

  it('documents every rule the engine runs, and the engine-level ids', () => {
    const ids = new Set([...ALL_RULES.map((rule) => rule.id), 'yaml-syntax', 'file-too-large', 'file-not-checked', 'internal']);
    assert.deepEqual(
      [...ids].filter((id) => !headings.has(id)),
      [],
    );
  });

  it('gives every rule a one-line description', () => {
    for (const rule of ALL_RULES) assert.ok(rule.description.length > 20 && !rule.description.includes('\n'), rule.id);
  });
});
