#!/usr/bin/env node
// Writes the `shipshape.pipelines.ruleSeverity` setting's properties in package.json from the rule
// registry: one property per rule id, in registry order, existing descriptions kept. Run it after
// adding a rule (a unit test fails until the setting lists every rule).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './lib/paths.mjs';

const entry = `
import { ruleIds, RULE_SEVERITY_LEVELS } from './src/core/pipelines/rule-severity';
import { ALL_RULES } from './src/core/pipelines/rules-registry';
export const rules = ruleIds().map((id) => {
  const rule = ALL_RULES.find((candidate) => candidate.id === id);
  return { id, description: rule.description, defaultSeverity: rule.defaultSeverity };
});
export const levels = [...RULE_SEVERITY_LEVELS];
`;
const bundled = await build({
  stdin: { contents: entry, resolveDir: projectRoot, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'error',
});
const scratch = mkdtempSync(join(tmpdir(), 'shipshape-rule-severity-'));
const bundle = join(scratch, 'rules.cjs');
writeFileSync(bundle, bundled.outputFiles[0].text);
const { rules, levels } = createRequire(import.meta.url)(bundle);
rmSync(scratch, { recursive: true, force: true });

const manifestPath = join(projectRoot, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const setting = manifest.contributes.configuration.properties['shipshape.pipelines.ruleSeverity'];
const properties = {};
for (const rule of rules)
  properties[rule.id] = setting.properties?.[rule.id] ?? {
    type: 'string',
    enum: levels,
    description: `${rule.description} (default: ${rule.defaultSeverity})`,
  };
setting.properties = properties;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`shipshape.pipelines.ruleSeverity: ${rules.length} rules.`);
