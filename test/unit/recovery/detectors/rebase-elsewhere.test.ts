import { strict as assert } from 'node:assert';
import { diagnose } from '../../../../src/core/recovery/diagnose';
import { commit, git } from '../../../support/git';
import { tempFolder } from '../../../support/temp';

// Found by the recent-actions work: `git rebase main topic` run from main must not offer to
// reset topic to main's old tip (that would drop topic's commits).
describe('rebase detector: a rebase started from another branch', () => {
  const folder = tempFolder('shipshape rebase elsewhere ');
  after(folder.remove);

  it('offers no reset to a tip that was never the rebased branch', async () => {
    const repo = folder.path;
    git(repo, 'init', '-q', '-b', 'main');
    commit(repo, 'a.txt', 'a\n', 'base');
    git(repo, 'checkout', '-q', '-b', 'topic');
    commit(repo, 't.txt', 't\n', 'topic work');
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'm.txt', 'm\n', 'main work');
    const mainTip = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'rebase', '-q', 'main', 'topic');
    const rebase = (await diagnose(repo)).filter((situation) => situation.kind === 'rebase');
    for (const fix of rebase.flatMap((situation) => situation.fixes)) {
      assert.ok(!fix.steps.some((step) => step.args[0] === 'reset' && step.args.includes(mainTip)), `${fix.title}: ${JSON.stringify(fix.steps)}`);
    }
  });
});
