import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { referencedSecrets, secretsReadBy } from '../../../src/core/runs/referenced-secrets';
import { writeFile } from '../../support/git';
import { tempFolder } from '../../support/temp';

describe('secrets a local run asks for', () => {
  it("reads secrets.NAME and secrets['NAME'], never GITHUB_TOKEN", () => {
    assert.deepEqual(referencedSecrets("env:\n  A: ${{ secrets.NPM_TOKEN }}\n  B: ${{ secrets['DEPLOY KEY'] }}\n  C: ${{ secrets.GITHUB_TOKEN }}\n"), [
      'DEPLOY KEY',
      'NPM_TOKEN',
    ]);
  });

  it('includes the secrets of the local reusable workflows it calls, transitively, and survives a cycle or a missing file', async () => {
    const temp = tempFolder();
    try {
      const root = temp.path;
      writeFile(
        root,
        '.github/workflows/ci.yml',
        'on: push\njobs:\n  call:\n    uses: ./.github/workflows/deploy.yml\n    secrets: inherit\n  gone:\n    uses: "./.github/workflows/missing.yml"\n  own:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.TOP }}\n',
      );
      writeFile(
        root,
        '.github/workflows/deploy.yml',
        'on: workflow_call\njobs:\n  nested:\n    uses: ./.github/workflows/publish.yml # comment\n    secrets: inherit\n',
      );
      writeFile(
        root,
        '.github/workflows/publish.yml',
        'on: workflow_call\njobs:\n  again:\n    uses: ./.github/workflows/deploy.yml\n  push:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.REGISTRY_TOKEN }}\n',
      );
      assert.deepEqual(await secretsReadBy(join(root, '.github', 'workflows', 'ci.yml')), ['REGISTRY_TOKEN', 'TOP']);
    } finally {
      temp.remove();
    }
  });
});
