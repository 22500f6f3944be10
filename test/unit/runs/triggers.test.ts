import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { matchTrigger, type RunEvent } from '../../../src/core/runs/triggers';

/** The `on:` value of a workflow written as YAML. */
const on = (yaml: string): unknown => parse(yaml);
const push = (ref: string, changedFiles?: readonly string[]): RunEvent => ({ name: 'push', ref, ...(changedFiles ? { changedFiles } : {}) });
const pullRequest = (baseRef: string | undefined, extra: Partial<RunEvent> = {}): RunEvent => ({
  name: 'pull_request',
  ref: 'refs/pull/7/merge',
  ...(baseRef === undefined ? {} : { baseRef }),
  ...extra,
});

describe('matchTrigger: which events are listened for', () => {
  it('reads `on:` as one event name, a list of names or a mapping', () => {
    assert.equal(matchTrigger('push', push('refs/heads/main')).triggers, true);
    assert.equal(matchTrigger(['pull_request', 'push'], push('refs/heads/main')).triggers, true);
    assert.equal(matchTrigger(on('push:'), push('refs/heads/main')).triggers, true);
    assert.equal(matchTrigger('pull_request', push('refs/heads/main')).triggers, false);
  });

  it('names the events the workflow does listen for when the event is not one of them', () => {
    const decision = matchTrigger(on('{ pull_request: { branches: [main] }, workflow_dispatch: }'), push('refs/heads/main'));
    assert.deepEqual(decision, { triggers: false, reason: 'the workflow does not listen for "push" (it has: pull_request, workflow_dispatch)' });
  });

  it('says when a push has no filters', () => {
    assert.deepEqual(matchTrigger('push', push('refs/heads/main')), {
      triggers: true,
      reason: 'push to "main": the workflow listens for "push" with no filters',
    });
  });

  it('triggers workflow_dispatch, workflow_call and repository_dispatch when listed', () => {
    const workflow = on('{ workflow_dispatch: { inputs: { level: { type: string } } }, workflow_call: , repository_dispatch: }');
    for (const name of ['workflow_dispatch', 'workflow_call', 'repository_dispatch']) {
      assert.deepEqual(matchTrigger(workflow, { name, ref: 'refs/heads/main' }), { triggers: true, reason: `the workflow listens for "${name}"` });
    }
  });

  it('triggers schedule when it is listed as a list of cron entries', () => {
    assert.equal(matchTrigger(on("schedule: [ { cron: '0 0 * * *' } ]"), { name: 'schedule', ref: 'refs/heads/main' }).triggers, true);
    const broken = matchTrigger(on("schedule: { cron: '0 0 * * *' }"), { name: 'schedule', ref: 'refs/heads/main' });
    assert.equal(broken.triggers, false);
    assert.match(broken.reason, /must be a list of cron entries/);
  });

  it('runs schedule only on the default branch, as GitHub does', () => {
    const cron = on("schedule: [ { cron: '0 0 * * *' } ]");
    const onMain = matchTrigger(cron, { name: 'schedule', ref: 'refs/heads/main', defaultBranch: 'main' });
    assert.equal(onMain.triggers, true);
    assert.match(onMain.reason, /default branch \(main\)/);
    const onFeature = matchTrigger(cron, { name: 'schedule', ref: 'refs/heads/feature', defaultBranch: 'main' });
    assert.equal(onFeature.triggers, false);
    assert.match(onFeature.reason, /only on the default branch \(main\), not on feature/);
    const onTag = matchTrigger(cron, { name: 'schedule', ref: 'refs/tags/v1', defaultBranch: 'main' });
    assert.equal(onTag.triggers, false);
    const unknown = matchTrigger(cron, { name: 'schedule', ref: 'refs/heads/feature' });
    assert.equal(unknown.triggers, true);
    assert.match(unknown.reason, /default branch is unknown/);
  });

  it('never throws on shapes GitHub would reject, and says what is wrong', () => {
    const cases: [unknown, RegExp][] = [
      [undefined, /has no "on:" triggers/],
      [42, /"on:" must be an event name/],
      [['push', 3], /not an event name/],
      [{ push: 'main' }, /"push" in "on:" must be empty or a mapping/],
      [{ push: { branches: { main: true } } }, /"branches" must be a pattern or a list of patterns/],
      [{ push: { branches: ['main'], 'branches-ignore': ['dev'] } }, /"branches" and "branches-ignore" cannot both be used/],
      [{ push: { paths: ['a'], 'paths-ignore': ['b'] } }, /"paths" and "paths-ignore" cannot both be used/],
      [{ push: { paths: null } }, /"paths" must be a pattern or a list of patterns/],
    ];
    for (const [value, reason] of cases) {
      const decision = matchTrigger(value, push('refs/heads/main', ['a']));
      assert.equal(decision.triggers, false, String(reason));
      assert.match(decision.reason, reason);
    }
  });
});

describe('matchTrigger: push branch and tag filters', () => {
  it('matches branches and says which patterns', () => {
    const workflow = on("push: { branches: [main, 'release/**'] }");
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main')), { triggers: true, reason: 'push to "main" matches branches ["main", "release/**"]' });
    assert.equal(matchTrigger(workflow, push('refs/heads/release/1/hotfix')).triggers, true);
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/feature')), {
      triggers: false,
      reason: 'push to "feature" does not match branches ["main", "release/**"]',
    });
  });

  it('applies negated patterns in order (docs: releases/** but not releases/**-alpha)', () => {
    const workflow = on("push: { branches: ['releases/**', '!releases/**-alpha'] }");
    assert.equal(matchTrigger(workflow, push('refs/heads/releases/10')).triggers, true);
    assert.equal(matchTrigger(workflow, push('refs/heads/releases/beta/mona')).triggers, true);
    assert.equal(matchTrigger(workflow, push('refs/heads/releases/10-alpha')).triggers, false);
    assert.equal(matchTrigger(workflow, push('refs/heads/releases/beta/3-alpha')).triggers, false);
  });

  it('skips branches matched by branches-ignore', () => {
    const workflow = on("push: { branches-ignore: ['mona/octocat', 'releases/**-alpha'] }");
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/mona/octocat')), {
      triggers: false,
      reason: 'push to "mona/octocat" is ignored by branches-ignore ["mona/octocat", "releases/**-alpha"]',
    });
    assert.equal(matchTrigger(workflow, push('refs/heads/main')).triggers, true);
  });

  it('matches tags and tags-ignore against tag pushes', () => {
    const tags = on("push: { tags: [v2, 'v1.*'] }");
    assert.deepEqual(matchTrigger(tags, push('refs/tags/v1.9.1')), { triggers: true, reason: 'push of tag "v1.9.1" matches tags ["v2", "v1.*"]' });
    assert.equal(matchTrigger(tags, push('refs/tags/v3')).triggers, false);
    const ignored = on('push: { tags-ignore: [v2] }');
    assert.equal(matchTrigger(ignored, push('refs/tags/v2')).triggers, false);
    assert.equal(matchTrigger(ignored, push('refs/tags/v4')).triggers, true);
  });

  it('does not run for the kind of ref left unfiltered when only the other kind is filtered', () => {
    const branchesOnly = matchTrigger(on('push: { branches: [main] }'), push('refs/tags/v1'));
    assert.equal(branchesOnly.triggers, false);
    assert.match(branchesOnly.reason, /^push of tag "v1": the workflow filters only branches/);
    const tagsOnly = matchTrigger(on("push: { tags: ['v*'] }"), push('refs/heads/main'));
    assert.equal(tagsOnly.triggers, false);
    assert.match(tagsOnly.reason, /filters only tags for push, so branch pushes do not run it/);
    const ignoreOnly = matchTrigger(on("push: { tags-ignore: ['v*'] }"), push('refs/heads/main'));
    assert.equal(ignoreOnly.triggers, false);
  });

  it('runs for both branches and tags when both are filtered and each matches', () => {
    const workflow = on("push: { branches: [main], tags: ['v*'] }");
    assert.equal(matchTrigger(workflow, push('refs/heads/main')).triggers, true);
    assert.equal(matchTrigger(workflow, push('refs/tags/v1')).triggers, true);
    assert.equal(matchTrigger(workflow, push('refs/heads/dev')).triggers, false);
  });

  it('accepts a single pattern written as a string', () => {
    assert.equal(matchTrigger(on('push: { branches: main }'), push('refs/heads/main')).triggers, true);
  });
});

describe('matchTrigger: path filters', () => {
  it('runs when at least one changed file matches paths', () => {
    const workflow = on("push: { paths: ['**.js'] }");
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main', ['README.md', 'src/app.js'])), {
      triggers: true,
      reason: 'push to "main": 1 of 2 changed files matches paths ["**.js"]',
    });
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main', ['README.md', 'docs/a.md', 'b.txt'])), {
      triggers: false,
      reason: 'push to "main": no changed file matches paths ["**.js"] (3 changed files)',
    });
  });

  it('applies negated path patterns in order (docs: sub-project but not its docs)', () => {
    const workflow = on("push: { paths: ['sub-project/**', '!sub-project/docs/**'] }");
    assert.equal(matchTrigger(workflow, push('refs/heads/main', ['sub-project/index.js'])).triggers, true);
    assert.equal(matchTrigger(workflow, push('refs/heads/main', ['sub-project/src/index.js'])).triggers, true);
    assert.equal(matchTrigger(workflow, push('refs/heads/main', ['sub-project/docs/readme.md'])).triggers, false);
  });

  it('runs unless every changed file matches paths-ignore', () => {
    const workflow = on("push: { paths-ignore: ['docs/**'] }");
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main', ['docs/a.md', 'docs/b.md'])), {
      triggers: false,
      reason: 'push to "main": all 2 changed files match paths-ignore ["docs/**"]',
    });
    assert.equal(
      matchTrigger(workflow, push('refs/heads/main', ['docs/a.md'])).reason,
      'push to "main": the only changed file matches paths-ignore ["docs/**"]',
    );
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main', ['docs/a.md', 'src/a.ts'])), {
      triggers: true,
      reason: 'push to "main": 1 of 2 changed files is not in paths-ignore ["docs/**"]',
    });
  });

  it('does not run when no files changed', () => {
    assert.equal(matchTrigger(on("push: { paths: ['**'] }"), push('refs/heads/main', [])).triggers, false);
    assert.equal(matchTrigger(on("push: { paths-ignore: ['docs/**'] }"), push('refs/heads/main', [])).triggers, false);
  });

  it('treats path filters as matching when the changed files are unknown, and says so', () => {
    const decision = matchTrigger(on("push: { paths: ['src/**'] }"), push('refs/heads/main'));
    assert.deepEqual(decision, { triggers: true, reason: 'push to "main": the changed files are unknown, so paths ["src/**"] is treated as matching' });
  });

  it('needs both branches and paths to match when both are given', () => {
    const workflow = on("push: { branches: [main], paths: ['src/**'] }");
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main', ['src/a.ts'])), {
      triggers: true,
      reason: 'push to "main" matches branches ["main"], and 1 of 1 changed file matches paths ["src/**"]',
    });
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/main', ['docs/a.md'])), {
      triggers: false,
      reason: 'push to "main" matches branches ["main"], but no changed file matches paths ["src/**"] (1 changed file)',
    });
    assert.deepEqual(matchTrigger(workflow, push('refs/heads/dev', ['src/a.ts'])), {
      triggers: false,
      reason: 'push to "dev" does not match branches ["main"]',
    });
  });

  it('does not evaluate path filters for tag pushes', () => {
    const decision = matchTrigger(on("push: { paths: ['src/**'] }"), push('refs/tags/v1', ['docs/a.md']));
    assert.deepEqual(decision, { triggers: true, reason: 'push of tag "v1": path filters do not apply to tag pushes' });
  });
});

describe('matchTrigger: pull requests', () => {
  it('matches branch filters against the base branch', () => {
    const workflow = on("pull_request: { branches: [main, 'releases/**'] }");
    assert.deepEqual(matchTrigger(workflow, pullRequest('main')), {
      triggers: true,
      reason: 'pull_request on "main" matches branches ["main", "releases/**"]',
    });
    assert.equal(matchTrigger(workflow, pullRequest('refs/heads/releases/10')).triggers, true);
    assert.equal(matchTrigger(workflow, pullRequest('dev')).triggers, false);
    assert.equal(matchTrigger(on('pull_request: { branches-ignore: [dev] }'), pullRequest('dev')).triggers, false);
  });

  it('treats branch filters as matching when the base branch is unknown, and says so', () => {
    const decision = matchTrigger(on('pull_request: { branches: [main] }'), pullRequest(undefined));
    assert.equal(decision.triggers, true);
    assert.match(decision.reason, /the base branch is unknown/);
  });

  it('checks paths against the pull request’s changed files', () => {
    const decision = matchTrigger(on("pull_request: { paths: ['docs/**'] }"), pullRequest('main', { changedFiles: ['a.ts', 'b.ts', 'c.ts'] }));
    assert.deepEqual(decision, { triggers: false, reason: 'pull_request on "main": no changed file matches paths ["docs/**"] (3 changed files)' });
  });

  it('defaults the activity type to opened and runs only for the default types without `types`', () => {
    assert.equal(matchTrigger('pull_request', pullRequest('main')).triggers, true);
    assert.equal(matchTrigger('pull_request', pullRequest('main', { activityType: 'synchronize' })).triggers, true);
    const closed = matchTrigger('pull_request', pullRequest('main', { activityType: 'closed' }));
    assert.equal(closed.triggers, false);
    assert.match(closed.reason, /activity type "closed" is not one "pull_request" runs for without "types" \(opened, synchronize, reopened\)/);
  });

  it('checks the activity type against `types`', () => {
    assert.deepEqual(matchTrigger(on('pull_request: { types: [opened] }'), pullRequest('main', { activityType: 'closed' })), {
      triggers: false,
      reason: 'activity type "closed" is not in types ["opened"]',
    });
    const closed = matchTrigger(on('pull_request: { types: [closed], branches: [main] }'), pullRequest('main', { activityType: 'closed' }));
    assert.deepEqual(closed, { triggers: true, reason: 'pull_request on "main" matches branches ["main"], and activity type "closed" is in types ["closed"]' });
    assert.equal(
      matchTrigger(on('pull_request_target: { types: labeled }'), {
        name: 'pull_request_target',
        ref: 'refs/heads/main',
        baseRef: 'main',
        activityType: 'labeled',
      }).triggers,
      true,
    );
  });

  it('checks types of other events, and treats an unknown activity type as matching', () => {
    const workflow = on('{ issues: { types: [opened] }, repository_dispatch: { types: [deploy] } }');
    assert.equal(matchTrigger(workflow, { name: 'issues', ref: 'refs/heads/main', activityType: 'closed' }).triggers, false);
    assert.equal(matchTrigger(workflow, { name: 'repository_dispatch', ref: 'refs/heads/main', activityType: 'deploy' }).triggers, true);
    const unknown = matchTrigger(workflow, { name: 'issues', ref: 'refs/heads/main' });
    assert.equal(unknown.triggers, true);
    assert.match(unknown.reason, /the activity type is unknown/);
  });

  it('treats workflow_run filters it has no facts for as matching, and says so', () => {
    const decision = matchTrigger(on('workflow_run: { workflows: [CI], types: [completed], branches: [main] }'), {
      name: 'workflow_run',
      ref: 'refs/heads/main',
      activityType: 'completed',
    });
    assert.equal(decision.triggers, true);
    assert.match(decision.reason, /triggering workflow is unknown, so workflows \["CI"\] is treated as matching/);
    assert.match(decision.reason, /ran on is unknown, so "branches" is treated as matching/);
  });
});
