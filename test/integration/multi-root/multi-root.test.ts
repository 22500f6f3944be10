import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateShipshape, waitFor } from '../suites/helpers';

interface ShownItem {
  label: string;
  description: string;
  children: ShownItem[];
}

interface SituationData {
  kind: string;
  fixes: { id: string }[];
}

const folderPath = (name: string): string => {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.name === name);
  if (!folder) throw new Error(`no workspace folder named ${name}`);
  return folder.uri.fsPath;
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }).trim();
/** git's top level: the key Shipshape gives a repository (symlinks resolved). */
const topLevel = (name: string) => git(folderPath(name), 'rev-parse', '--show-toplevel');
const refs = (name: string) => git(folderPath(name), 'for-each-ref', '--format=%(refname) %(objectname)');
const items = (view: string, depth = 3) => vscode.commands.executeCommand<ShownItem[]>('shipshape.test.treeItems', view, depth);
const labels = (shown: readonly ShownItem[]) => shown.map((item) => item.label);

describe('A multi-root workspace of two repositories', () => {
  before(activateShipshape);
  after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens the three folders (two of them one repository)', () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((folder) => folder.name),
      ['web', 'web-docs', 'api'],
    );
    assert.equal(topLevel('web-docs'), topLevel('web'));
  });

  it('shows both repositories in Git Recovery, grouped by folder, the shared one once', async () => {
    const shown = await waitFor(async () => {
      const roots = await items('shipshape.recovery');
      return roots.length === 2 && roots.every((root) => root.children.length > 0) ? roots : undefined;
    }, 'both repositories in Git Recovery');
    assert.deepEqual(labels(shown), ['web, web-docs', 'api']);
    assert.equal(shown[0]?.description, 'main');
    const [web, api] = shown;
    assert.deepEqual(labels(web?.children.find((group) => group.label === 'Detected')?.children ?? []), ['2 commits on main belong on a branch']);
    assert.match(labels(api?.children.find((group) => group.label === 'Deleted Branches')?.children ?? []).join(), /experiment\/graphql/);
    assert.ok(!api?.children.some((group) => group.label === 'Detected'), 'the web mistake is not reported in api');
  });

  it("lists each folder's pipelines under it; a folder with none is left out", async () => {
    const shown = await waitFor(async () => {
      const roots = await items('shipshape.pipelines', 2);
      return roots.length === 2 ? roots : undefined;
    }, 'two folders in Pipelines');
    assert.deepEqual(labels(shown), ['web', 'api']);
    assert.deepEqual(labels(shown[0]?.children ?? []), ['.github/workflows/ci.yml']);
    assert.deepEqual(labels(shown[1]?.children ?? []), ['.github/workflows/build.yml']);
  });

  it('diagnoses each repository on its own', async () => {
    const web = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations', topLevel('web'));
    const api = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations', topLevel('api'));
    assert.deepEqual(
      web.map((situation) => situation.kind),
      ['wrong-branch'],
    );
    assert.deepEqual(
      api.map((situation) => situation.kind),
      ['deleted-branch'],
    );
  });

  it('applies a fix in the repository it was offered for, and undoes it there', async () => {
    const webBefore = refs('web');
    const apiBefore = refs('api');
    const [wrongBranch] = await vscode.commands.executeCommand<SituationData[]>('shipshape.test.situations', topLevel('web'));
    const fixId = wrongBranch?.fixes[0]?.id;
    assert.ok(fixId);
    const snapshotId = await vscode.commands.executeCommand<string>('shipshape.test.applyFix', fixId, topLevel('web'));
    assert.match(snapshotId ?? '', /^\d{8}-\d{6}-[0-9a-f]+$/);
    assert.equal(git(folderPath('web'), 'rev-list', '--count', 'origin/main..main'), '0');
    assert.equal(git(folderPath('web'), 'rev-list', '--count', 'origin/main..add-search-page'), '2');
    assert.equal(refs('api'), apiBefore, 'the other repository is untouched');
    assert.equal(git(folderPath('api'), 'for-each-ref', 'refs/shipshape'), '', 'no snapshot in the other repository');

    await vscode.commands.executeCommand('shipshape.test.undoFix', undefined, topLevel('web'));
    assert.equal(
      refs('web')
        .split('\n')
        .filter((line) => !line.startsWith('refs/shipshape/'))
        .join('\n'),
      webBefore,
    );
  });

  it("acts on the active editor's repository when a command is not given one", async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(join(folderPath('api'), 'api-marker.txt')));
    const kinds = await vscode.commands.executeCommand<string[]>('shipshape.recovery.deepScan');
    assert.deepEqual(kinds, ['deleted-branch']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("plans and runs the second folder's workflow in its own repository, and shows the run under that folder", async () => {
    const workflow = vscode.Uri.file(join(folderPath('api'), '.github', 'workflows', 'build.yml'));
    assert.deepEqual(await vscode.commands.executeCommand<string[]>('shipshape.runs.plan', workflow), ['build']);
    const summary = await vscode.commands.executeCommand<{ status: string; jobs: { steps: { name: string; status: string }[] }[] }>(
      'shipshape.runs.runWorkflow',
      workflow,
    );
    // The first step passes only in a copy of api (the marker file is in no other repository).
    assert.equal(summary?.status, 'success');
    assert.deepEqual(
      summary?.jobs[0]?.steps.map((step) => [step.name, step.status]),
      [
        ['Check this is the api repository', 'success'],
        ['Build', 'success'],
      ],
    );
    const runs = await items('shipshape.runs', 2);
    assert.deepEqual(labels(runs), ['api']);
    assert.deepEqual(labels(runs[0]?.children ?? []), ['API Build', 'API Build']); // the run, then the plan
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows folders removed and added at run time', async () => {
    const api = folderPath('api');
    // The last folder: changing the first would restart the extension host.
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 1));
    const flat = await waitFor(async () => {
      const roots = await items('shipshape.recovery', 1);
      return roots.some((root) => root.label === 'Detected') ? roots : undefined;
    }, 'Git Recovery without api');
    assert.ok(!flat.some((root) => root.label === 'api'));
    await waitFor(async () => ((await items('shipshape.pipelines', 1)).every((root) => root.label !== 'api') ? true : undefined), 'Pipelines without api');

    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: vscode.Uri.file(api) }));
    const grouped = await waitFor(async () => {
      const roots = await items('shipshape.recovery', 1);
      return roots.length === 2 ? roots : undefined;
    }, 'api back in Git Recovery');
    assert.deepEqual(labels(grouped), ['web, web-docs', 'api']);
    await waitFor(async () => (labels(await items('shipshape.pipelines', 1)).join() === 'web,api' ? true : undefined), 'api back in Pipelines');
  });
});
