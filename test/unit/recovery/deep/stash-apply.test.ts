import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { applyFix, undoFix } from '../../../../src/core/recovery/safety';
import { tempFolder } from '../../../support/temp';

describe('dropped stash: apply it to the working tree', function () {
  this.timeout(60000);
  const folder = tempFolder('shipshape stash apply ');
  after(folder.remove);

  it('brings the demo workspace\'s dropped "WIP: pagination" back into the files, and undoes exactly', async () => {
    const { createDemoWorkspace } = await import('../../../../scripts/lib/demo-workspace.mjs');
    const { workspace } = createDemoWorkspace(folder.path);
    const stash = (await diagnose(workspace, { deep: true })).find((situation) => situation.kind === 'dropped-stash');
    const fix = stash?.fixes.find((candidate) => candidate.title === 'Apply it to the working tree');
    assert.ok(fix);
    const server = join(workspace, 'src', 'server.js');
    const before = readFileSync(server, 'utf8');
    await applyFix(workspace, fix);
    assert.match(readFileSync(server, 'utf8'), /TODO: paginate \/search results/);
    await undoFix(workspace);
    assert.equal(readFileSync(server, 'utf8'), before);
  });
});
