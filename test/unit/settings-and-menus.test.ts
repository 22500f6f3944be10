import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, Settings, Views } from '../../src/vscode/constants';
import { RULE_SEVERITY_LEVELS, ruleIds } from '../../src/core/pipelines/rule-severity';

interface Property {
  type: string;
  scope?: string;
  default?: unknown;
  markdownDescription?: string;
  properties?: Record<string, { enum?: string[]; description?: string }>;
  additionalProperties?: boolean;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> }; menus: Record<string, MenuItem[]> };
};
const properties = manifest.contributes.configuration.properties;
const menus = manifest.contributes.menus;

describe('settings (package.json)', () => {
  it('describes every setting in Markdown', () => {
    for (const [key, property] of Object.entries(properties)) assert.ok((property.markdownDescription ?? '').length > 30, key);
  });

  it('shows the git path in User settings, where no workspace can set it', () => {
    // machine and machine-overridable show only under Remote in a remote window; a workspace can set machine-overridable.
    assert.equal(properties[Settings.gitPath]?.scope, 'application');
    assert.match(properties[Settings.gitPath]?.markdownDescription ?? '', /User\*\* settings only/);
  });

  it('offers a level for every rule of the registry, and nothing else', () => {
    const severity = properties[Settings.pipelinesRuleSeverity];
    assert.equal(severity?.type, 'object');
    assert.equal(severity?.additionalProperties, false);
    assert.deepEqual(Object.keys(severity?.properties ?? {}), ruleIds());
    for (const [id, rule] of Object.entries(severity?.properties ?? {})) {
      assert.deepEqual(rule.enum, [...RULE_SEVERITY_LEVELS], id);
      assert.ok(rule.description, id);
    }
    assert.match(severity?.markdownDescription ?? '', /Precedence/);
  });

  it('shows the run CodeLens unless turned off', () => {
    assert.deepEqual([properties[Settings.runsCodeLens]?.type, properties[Settings.runsCodeLens]?.default], ['boolean', true]);
  });
});

describe('item menus of the Pipelines and Local Runs views', () => {
  const context = menus['view/item/context'] ?? [];
  const inView = (view: string) => context.filter((item) => item.when?.startsWith(`view == ${view} `));
  const groupOf = (view: string, command: string) =>
    inView(view)
      .filter((item) => item.command === command)
      .map((item) => item.group?.split('@')[0]);

  it('puts Open first, runs in 1_run, Copy Path in 9_cutcopypaste and the main action inline', () => {
    assert.deepEqual(groupOf(Views.pipelines, Commands.openPipelineItem).sort(), ['inline', 'navigation']);
    assert.deepEqual(groupOf(Views.pipelines, Commands.revealInProblems), ['navigation']);
    assert.deepEqual(groupOf(Views.pipelines, Commands.planLocalRun), ['1_run']);
    assert.deepEqual(groupOf(Views.pipelines, Commands.runWorkflow).sort(), ['1_run', 'inline']);
    assert.deepEqual(groupOf(Views.pipelines, Commands.runJob).sort(), ['1_run', 'inline']);
    assert.deepEqual(groupOf(Views.pipelines, Commands.copyPath), ['9_cutcopypaste']);
    assert.deepEqual(groupOf(Views.runs, Commands.openRunWorkflow), ['navigation']);
    assert.deepEqual(groupOf(Views.runs, Commands.rerun).sort(), ['1_run', 'inline']);
    assert.deepEqual(groupOf(Views.runs, Commands.copyPath), ['9_cutcopypaste']);
  });

  it('hides from the palette the commands that need an item', () => {
    const hidden = new Set((menus.commandPalette ?? []).filter((item) => item.when === 'false').map((item) => item.command));
    for (const id of [Commands.openPipelineItem, Commands.revealInProblems, Commands.copyPath, Commands.openRunWorkflow, Commands.runJob])
      assert.ok(hidden.has(id), id);
  });
});
