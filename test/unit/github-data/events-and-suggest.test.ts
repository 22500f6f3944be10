import { strict as assert } from 'node:assert';
import {
  checkEventFilters,
  checkEventName,
  checkEventTypes,
  checkInputType,
  checkScheduleEntryKeys,
  WEBHOOK_EVENTS,
} from '../../../src/core/pipelines/github/data/events';
import { didYouMean, editDistance, quoteList, suggest } from '../../../src/core/pipelines/github/data/suggest';
import { editDistance as levenshtein, oneEditApart } from '../../../src/core/pipelines/expressions/suggest';

const messages = (problems: readonly { message: string }[]): string[] => problems.map((problem) => problem.message);

describe('suggest', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    assert.equal(editDistance('opend', 'opened'), 1);
    assert.equal(editDistance('pul_request', 'pull_request'), 1);
    assert.equal(editDistance('wirte', 'write'), 1);
    assert.equal(editDistance('abc', 'abc'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });

  it('tells one edit apart as the Levenshtein distance does, without its table', () => {
    const words = ['', 'a', 'ab', 'ba', 'abc', 'abd', 'acb', 'abcd', 'xabc', 'abxc', 'PowerShell', 'Powershell', 'PowerShel', 'PowerShell1', 'PowreShell'];
    for (const a of words) for (const b of words) assert.equal(oneEditApart(a, b), levenshtein(a, b) === 1, `${a} / ${b}`);
  });

  it('suggests the closest candidate, case-insensitively, within the limit', () => {
    assert.equal(suggest('opend', ['opened', 'closed', 'edited']), 'opened');
    assert.equal(suggest('PUSH', ['push', 'pull_request']), 'push');
    assert.equal(suggest('brnches', ['branches', 'tags']), 'branches');
    assert.equal(suggest('completely-different', ['push', 'pull_request']), undefined);
  });

  it('keeps short words to one edit so unrelated short names are not offered', () => {
    assert.equal(suggest('sh', ['py']), undefined);
    assert.equal(suggest('bsh', ['bash', 'sh']), 'bash');
  });

  it('formats hints and lists for messages', () => {
    assert.equal(didYouMean('opend', ['opened']), ' Did you mean "opened"?');
    assert.equal(didYouMean('zzz', ['opened']), '');
    assert.equal(quoteList(['a', 'b', 'c']), '"a", "b" and "c"');
    assert.equal(quoteList(['a', 'b'], 'or'), '"a" or "b"');
    assert.equal(quoteList(['a']), '"a"');
  });
});

describe('WEBHOOK_EVENTS', () => {
  it('lists every documented trigger, including image_version', () => {
    for (const event of [
      'push',
      'pull_request',
      'pull_request_target',
      'schedule',
      'workflow_dispatch',
      'workflow_call',
      'workflow_run',
      'merge_group',
      'image_version',
      'create',
      'delete',
      'registry_package',
    ]) {
      assert.ok(WEBHOOK_EVENTS[event], event);
    }
  });

  it('records the pull request default types and the newer activity types', () => {
    assert.deepEqual(WEBHOOK_EVENTS.pull_request?.defaultTypes, ['opened', 'synchronize', 'reopened']);
    assert.deepEqual(WEBHOOK_EVENTS.pull_request_target?.defaultTypes, ['opened', 'synchronize', 'reopened']);
    const types = WEBHOOK_EVENTS.pull_request?.types;
    assert.ok(Array.isArray(types) && ['enqueued', 'dequeued', 'milestoned', 'demilestoned', 'auto_merge_enabled'].every((type) => types.includes(type)));
    assert.equal(WEBHOOK_EVENTS.schedule?.shape, 'list');
    assert.equal(WEBHOOK_EVENTS.repository_dispatch?.types, 'custom');
  });
});

describe('checkEventName', () => {
  it('accepts documented events and suggests the closest one for a typo', () => {
    assert.deepEqual(checkEventName('workflow_dispatch'), []);
    assert.deepEqual(messages(checkEventName('pul_request')), ['Unknown event "pul_request". Did you mean "pull_request"?']);
    assert.deepEqual(messages(checkEventName('Push')), ['Unknown event "Push". Did you mean "push"?']);
  });

  it('explains names that are not events', () => {
    assert.match(checkEventName('pull_request_comment')[0]?.message ?? '', /issue_comment/);
    assert.match(checkEventName('cron')[0]?.message ?? '', /schedule/);
  });

  it('does not take inherited object keys for events', () => {
    assert.equal(checkEventName('constructor').length, 1);
    assert.equal(checkEventName('toString').length, 1);
  });
});

describe('checkEventTypes', () => {
  it('accepts documented activity types (docs examples)', () => {
    assert.deepEqual(checkEventTypes('pull_request', ['opened', 'reopened']), []);
    assert.deepEqual(checkEventTypes('workflow_run', ['completed', 'requested', 'in_progress']), []);
    assert.deepEqual(checkEventTypes('issues', ['opened', 'edited', 'milestoned', 'typed']), []);
    assert.deepEqual(checkEventTypes('merge_group', ['checks_requested']), []);
    assert.deepEqual(checkEventTypes('release', ['published']), []);
  });

  it('reports an unknown type with a suggestion, at its index', () => {
    const problems = checkEventTypes('pull_request', ['closed', 'opend']);
    assert.deepEqual(problems, [{ message: 'Unknown activity type "opend" for "pull_request". Did you mean "opened"?', severity: 'error', index: 1 }]);
  });

  it('lists the accepted types when nothing is close', () => {
    assert.deepEqual(messages(checkEventTypes('watch', ['starred-by-bot'])), ['Unknown activity type "starred-by-bot" for "watch". It accepts "started".']);
  });

  it('allows any repository_dispatch type but not an empty or over-long one', () => {
    assert.deepEqual(checkEventTypes('repository_dispatch', ['test_result', 'prombench_start']), []);
    assert.equal(checkEventTypes('repository_dispatch', ['']).length, 1);
    assert.equal(checkEventTypes('repository_dispatch', ['x'.repeat(101)]).length, 1);
  });

  it('warns about a type listed twice and skips expressions', () => {
    assert.deepEqual(checkEventTypes('issues', ['opened', 'opened']), [{ message: 'Activity type "opened" is listed twice.', severity: 'warning', index: 1 }]);
    assert.deepEqual(checkEventTypes('issues', ['${{ inputs.kind }}']), []);
  });

  it('leaves events without types and unknown events to the other checks', () => {
    assert.deepEqual(checkEventTypes('push', ['opened']), []);
    assert.deepEqual(checkEventTypes('no_such_event', ['opened']), []);
  });
});

describe('checkEventFilters', () => {
  it('accepts the filters each event documents', () => {
    assert.deepEqual(checkEventFilters('push', ['branches', 'tags', 'paths']), []);
    assert.deepEqual(checkEventFilters('pull_request', ['types', 'branches', 'paths-ignore']), []);
    assert.deepEqual(checkEventFilters('workflow_run', ['workflows', 'types', 'branches']), []);
    assert.deepEqual(checkEventFilters('merge_group', ['types', 'branches']), []);
    assert.deepEqual(checkEventFilters('workflow_call', ['inputs', 'outputs', 'secrets']), []);
    assert.deepEqual(checkEventFilters('workflow_dispatch', ['inputs']), []);
    assert.deepEqual(checkEventFilters('image_version', ['names', 'versions']), []);
    assert.deepEqual(checkEventFilters('create', []), []);
  });

  it('reports a filter on create and delete, which take none (helm release.yml)', () => {
    assert.deepEqual(checkEventFilters('create', ['tags']), [
      { message: 'The "create" event takes no filters; "tags" is not allowed here.', severity: 'error', key: 'tags' },
    ]);
    assert.deepEqual(messages(checkEventFilters('delete', ['branches'])), ['The "delete" event takes no filters; "branches" is not allowed here.']);
  });

  it('reports filters an event does not take, with a suggestion or the list', () => {
    assert.deepEqual(messages(checkEventFilters('pull_request', ['tags'])), [
      'The "pull_request" event does not take "tags". It accepts "types", "branches", "branches-ignore", "paths" and "paths-ignore".',
    ]);
    assert.deepEqual(messages(checkEventFilters('push', ['branch'])), ['The "push" event does not take "branch". Did you mean "branches"?']);
    assert.deepEqual(messages(checkEventFilters('workflow_dispatch', ['input'])), [
      'The "workflow_dispatch" event does not take "input". Did you mean "inputs"?',
    ]);
    assert.deepEqual(messages(checkEventFilters('push', ['workflows'])).length, 1);
  });

  it('reports types on an event without activity types', () => {
    assert.deepEqual(messages(checkEventFilters('push', ['types'])), ['The "push" event has no activity types; remove "types".']);
  });

  it('reports exclusive pairs used together', () => {
    const problems = checkEventFilters('push', ['branches', 'branches-ignore', 'tags', 'tags-ignore', 'paths', 'paths-ignore']);
    assert.deepEqual(
      problems.map((problem) => problem.key),
      ['branches-ignore', 'tags-ignore', 'paths-ignore'],
    );
  });

  it('requires workflows for workflow_run', () => {
    assert.deepEqual(messages(checkEventFilters('workflow_run', ['types'])), [
      'The "workflow_run" event needs "workflows": the names of the workflows to follow.',
    ]);
  });

  it('reports a mapping where schedule needs a list', () => {
    assert.equal(checkEventFilters('schedule', ['cron']).length, 1);
    assert.deepEqual(checkEventFilters('schedule', []), []);
  });
});

describe('checkScheduleEntryKeys and checkInputType', () => {
  it('accepts cron with an optional timezone', () => {
    assert.deepEqual(checkScheduleEntryKeys(['cron']), []);
    assert.deepEqual(checkScheduleEntryKeys(['cron', 'timezone']), []);
  });

  it('reports a missing cron and unknown keys', () => {
    assert.deepEqual(messages(checkScheduleEntryKeys(['timezone'])), ['A schedule entry needs "cron".']);
    assert.deepEqual(messages(checkScheduleEntryKeys(['cron', 'timzone'])), [
      'A schedule entry takes "cron" and "timezone"; "timzone" is not allowed. Did you mean "timezone"?',
    ]);
  });

  it('checks input types per event', () => {
    assert.deepEqual(checkInputType('workflow_dispatch', 'choice'), []);
    assert.deepEqual(checkInputType('workflow_dispatch', 'environment'), []);
    assert.deepEqual(messages(checkInputType('workflow_call', 'choice')), [
      'Input type "choice" is not valid for "workflow_call". It must be "boolean", "number" or "string".',
    ]);
    assert.deepEqual(messages(checkInputType('workflow_call', 'strng')), ['Input type "strng" is not valid for "workflow_call". Did you mean "string"?']);
  });
});
