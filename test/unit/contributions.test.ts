import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, InternalCommands, PaletteWhen, RunTasks, Settings, TestCommands, VIEW_CONTAINER_ID, Views, EXTENSION_ID } from '../../src/vscode/constants';

interface Manifest {
  name: string;
  publisher: string;
  engines: { vscode: string };
  activationEvents?: string[];
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string } };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string; name: string }[]>;
    viewsContainers: { activitybar: { id: string; title: string; icon: string }[] };
    viewsWelcome: { view: string; contents: string }[];
    menus: Record<string, { command: string }[]>;
    taskDefinitions: { type: string; required: string[] }[];
    problemMatchers: { name: string }[];
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
  };
}

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const sorted = (values: Iterable<string>) => [...values].sort();

// package.json and src/vscode/constants.ts must name the same ids, both ways.
describe('contributions (package.json vs constants)', () => {
  it('names the extension id the constants use', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  });

  it('contributes exactly the commands in Commands', () => {
    assert.deepEqual(sorted(manifest.contributes.commands.map((c) => c.command)), sorted(Object.values(Commands)));
  });

  it('contributes no test-mode command, anywhere in package.json', () => {
    const text = readFileSync(join(root, 'package.json'), 'utf8');
    for (const id of Object.values(TestCommands)) {
      assert.match(id, /^shipshape\.test\./);
      assert.ok(!text.includes(`"${id}"`) && !text.includes(`:${id}"`), `${id} is in package.json`);
    }
    const internal = new Set<string>(Object.values(InternalCommands));
    for (const id of Object.values(TestCommands)) assert.ok(!internal.has(id), `${id} is also an internal command`);
  });

  it('contributes the local-run task type, activates for it, and defines every problem matcher its tasks use', () => {
    assert.deepEqual(
      manifest.contributes.taskDefinitions.map((definition) => definition.type),
      [RunTasks.type],
    );
    assert.ok(manifest.activationEvents?.includes(`onTaskType:${RunTasks.type}`));
    assert.deepEqual(sorted(manifest.contributes.problemMatchers.map((matcher) => `$${matcher.name}`)), sorted(RunTasks.problemMatchers));
  });

  it('puts every command in the "Shipshape" category', () => {
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Shipshape', command.command);
  });

  it('contributes exactly the views in Views, in the Shipshape container', () => {
    assert.deepEqual(Object.keys(manifest.contributes.views), [VIEW_CONTAINER_ID]);
    const views = manifest.contributes.views[VIEW_CONTAINER_ID] ?? [];
    assert.deepEqual(sorted(views.map((v) => v.id)), sorted(Object.values(Views)));
    assert.deepEqual(
      views.map((v) => v.name),
      ['Git Recovery', 'Pipelines', 'Local Runs', 'Preflight'],
    );
  });

  it('has an activity bar container with its own icon in media/', () => {
    const [container] = manifest.contributes.viewsContainers.activitybar;
    assert.equal(container?.id, VIEW_CONTAINER_ID);
    assert.equal(container?.title, 'Shipshape');
    assert.match(readFileSync(join(root, container?.icon ?? ''), 'utf8'), /<svg/);
  });

  it('gives every view welcome content that links to a contributed command', () => {
    const commands = new Set(Object.values(Commands));
    for (const view of Object.values(Views)) {
      const entries = manifest.contributes.viewsWelcome.filter((w) => w.view === view);
      assert.ok(entries.length > 0, `${view} has no welcome content`);
      for (const entry of entries) {
        const links = [...entry.contents.matchAll(/\]\(command:([\w.]+)\)/g)].map((m) => m[1]);
        assert.ok(links.length > 0, `${view} welcome content links to no command`);
        for (const link of links) assert.ok(commands.has(link as never) || link?.startsWith('workbench.'), `${view} links to unknown ${link}`);
      }
    }
  });

  it('shows a command in the palette only where it can act without a tree item (PaletteWhen)', () => {
    const palette = (manifest.contributes.menus.commandPalette ?? []) as { command: string; when?: string }[];
    for (const [command, when] of Object.entries(PaletteWhen)) {
      const entry = palette.find((item) => item.command === command);
      if (when === 'always') assert.ok(!entry?.when, `${command} is hidden from the palette (${entry?.when})`);
      else assert.equal(entry?.when, when === 'never' ? 'false' : when, `${command} in the palette`);
    }
  });

  it('offers every inline action of the Git Recovery view in its context menu too', () => {
    const items = (manifest.contributes.menus['view/item/context'] ?? []) as { command: string; when: string; group: string }[];
    const recovery = items.filter((item) => item.when.startsWith('view == shipshape.recovery'));
    for (const inline of recovery.filter((item) => item.group.startsWith('inline'))) {
      assert.ok(
        recovery.some((item) => !item.group.startsWith('inline') && item.command === inline.command && item.when === inline.when),
        `${inline.command} (${inline.when}) is only an inline icon`,
      );
    }
  });

  it('gives every kind of Git Recovery row a context menu', () => {
    const items = (manifest.contributes.menus['view/item/context'] ?? []) as { command: string; when: string; group: string }[];
    const menu = items.filter((item) => item.when.startsWith('view == shipshape.recovery') && !item.group.startsWith('inline'));
    const shows = (when: string, value: string): boolean => {
      const equal = /viewItem == ([\w.]+)/.exec(when);
      const pattern = /viewItem =~ \/(.+)\//.exec(when);
      return equal ? equal[1] === value : pattern ? new RegExp(pattern[1] ?? '').test(value) : false;
    };
    // The contextValues recovery-tree.ts gives its rows (groups are headers, not rows).
    for (const value of ['folder', 'situation', 'situation.commits', 'fix', 'recentAction', 'deletedFile', 'snapshot', 'snapshot.applied', 'snapshot.undo'])
      assert.ok(
        menu.some((item) => shows(item.when, value)),
        `${value} rows have no context menu`,
      );
  });

  it('uses only contributed commands in menus', () => {
    const commands = new Set<string>(Object.values(Commands));
    for (const [menu, items] of Object.entries(manifest.contributes.menus))
      for (const item of items) assert.ok(commands.has(item.command), `${menu}: ${item.command}`);
  });

  it('contributes exactly the settings in Settings, each with a description', () => {
    const properties = manifest.contributes.configuration.properties;
    assert.deepEqual(sorted(Object.keys(properties)), sorted(Object.values(Settings)));
    for (const [key, property] of Object.entries(properties)) assert.ok(property.description ?? property.markdownDescription, `${key} has no description`);
  });

  it('admits VS Code 1.100, activates lazily and limits untrusted workspaces', () => {
    assert.equal(manifest.engines.vscode, '^1.100.0');
    assert.ok(!manifest.activationEvents?.includes('*'), 'activation must be lazy');
    assert.ok(!manifest.activationEvents?.includes('onStartupFinished'), 'activation must be lazy');
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.untrustedWorkspaces.description ?? '', /runs nothing the repository defines/);
  });
});
