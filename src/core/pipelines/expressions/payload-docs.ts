/**
 * The webhook payload fields (`github.event.<path>`) workflows read most, with the events that send
 * them, from GitHub's "Webhook events and payloads". `*` stands for any key or list index. Fields
 * someone outside the repository can write are marked: they must not go into run: scripts directly.
 */
export interface PayloadField {
  readonly doc: string;
  /** The events whose payload has it; empty: most events. */
  readonly events: readonly string[];
  readonly untrusted?: true;
}

const PR = ['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment'];
const ISSUE = ['issues', 'issue_comment'];
const COMMENT = ['issue_comment', 'pull_request_review_comment', 'commit_comment', 'discussion_comment'];
const field = (doc: string, events: readonly string[], untrusted?: true): PayloadField => (untrusted ? { doc, events, untrusted } : { doc, events });
const author = (of: string, events: readonly string[]): Record<string, PayloadField> => ({
  [`${of}.author`]: field(`The author of ${of === 'head_commit' ? 'the head commit' : 'the commit'}: name, email, username.`, events),
  [`${of}.author.name`]: field("The name in the commit's author line.", events, true),
  [`${of}.author.email`]: field("The email in the commit's author line.", events, true),
  [`${of}.author.username`]: field('The GitHub login of the author, when the email belongs to an account.', events),
  [`${of}.committer.name`]: field("The name in the commit's committer line.", events, true),
  [`${of}.committer.email`]: field("The email in the commit's committer line.", events, true),
});

export const PAYLOAD_FIELDS: Readonly<Record<string, PayloadField>> = {
  action: field('The activity type that triggered the run, e.g. opened, synchronize, closed, created.', []),
  sender: field('The account that triggered the event.', []),
  'sender.login': field('The login of the account that triggered the event.', []),
  repository: field('The repository the event happened in: name, full_name, owner, default_branch…', []),
  'repository.name': field('The repository name without its owner.', []),
  'repository.full_name': field('owner/name of the repository.', []),
  'repository.default_branch': field('The default branch of the repository, e.g. main.', []),
  'repository.owner.login': field('The login of the repository owner.', []),
  ref: field('The full ref that was pushed (refs/heads/main) or created/deleted.', ['push', 'create', 'delete']),
  ref_type: field('branch or tag.', ['create', 'delete']),
  before: field('The commit the ref pointed to before the push (zeros for a new ref).', ['push']),
  after: field('The commit the ref points to after the push (zeros for a deleted ref).', ['push']),
  created: field('Whether the push created the ref.', ['push']),
  deleted: field('Whether the push deleted the ref.', ['push']),
  forced: field('Whether the push was a force push.', ['push']),
  compare: field('A URL comparing the commits before and after the push.', ['push']),
  commits: field('The pushed commits (at most 2048), oldest first: id, message, author, timestamp, added/removed/modified.', ['push']),
  'commits.*.message': field('The message of a pushed commit.', ['push'], true),
  'commits.*.id': field('The SHA of a pushed commit.', ['push']),
  head_commit: field('The commit the push moved the ref to (null when a branch is deleted): id, message, timestamp, author, committer.', ['push']),
  'head_commit.id': field("The SHA of the push's head commit (github.sha for push runs).", ['push']),
  'head_commit.message': field("The commit message of the push's head commit.", ['push'], true),
  'head_commit.timestamp': field('When the head commit was made (ISO 8601).', ['push']),
  'head_commit.url': field('The head commit on github.com.', ['push']),
  ...author('head_commit', ['push']),
  pusher: field('Who pushed: name and email.', ['push']),
  'pusher.name': field('The name of who pushed.', ['push']),
  number: field('The pull request number.', PR),
  pull_request: field('The pull request: number, title, body, head and base branches, user, labels, draft, merged…', PR),
  'pull_request.number': field('The pull request number.', PR),
  'pull_request.title': field('The title of the pull request.', PR, true),
  'pull_request.body': field('The description of the pull request (may be null).', PR, true),
  'pull_request.head': field('The branch the pull request merges from: ref, sha, label, repo.', PR),
  'pull_request.head.ref': field('The source branch name (chosen by the author, possibly in a fork).', PR, true),
  'pull_request.head.sha': field('The last commit of the source branch.', PR),
  'pull_request.head.label': field('owner:branch of the source branch.', PR, true),
  'pull_request.head.repo.full_name': field('owner/name of the repository the pull request comes from (a fork or this one).', PR),
  'pull_request.head.repo.fork': field('Whether the pull request comes from a fork.', PR),
  'pull_request.base': field('The branch the pull request merges into: ref, sha, repo.', PR),
  'pull_request.base.ref': field('The target branch name.', PR),
  'pull_request.base.sha': field("The target branch's commit when the event happened.", PR),
  'pull_request.user.login': field("The login of the pull request's author.", PR),
  'pull_request.labels': field('The labels on the pull request (name, color…).', PR),
  'pull_request.draft': field('Whether the pull request is a draft.', PR),
  'pull_request.merged': field('Whether the pull request was merged (on closed).', PR),
  'pull_request.merge_commit_sha': field('The merge commit (or the test merge commit while open).', PR),
  'pull_request.state': field('open or closed.', PR),
  'pull_request.html_url': field('The pull request on github.com.', PR),
  issue: field('The issue (or the pull request, for a comment on one): number, title, body, user, labels, state.', ISSUE),
  'issue.number': field('The issue number.', ISSUE),
  'issue.title': field('The title of the issue.', ISSUE, true),
  'issue.body': field('The text of the issue (may be null).', ISSUE, true),
  'issue.user.login': field("The login of the issue's author.", ISSUE),
  'issue.labels': field('The labels on the issue.', ISSUE),
  'issue.state': field('open or closed.', ISSUE),
  'issue.pull_request': field('Present when the issue is a pull request (a comment on a pull request).', ['issue_comment']),
  comment: field('The comment: id, body, user, html_url.', COMMENT),
  'comment.body': field('The text of the comment.', COMMENT, true),
  'comment.user.login': field("The login of the comment's author.", COMMENT),
  review: field('The review: body, state, user.', ['pull_request_review']),
  'review.body': field('The text of the review (may be null).', ['pull_request_review'], true),
  'review.state': field('approved, changes_requested or commented.', ['pull_request_review']),
  release: field('The release: tag_name, name, body, draft, prerelease, target_commitish.', ['release']),
  'release.tag_name': field('The tag of the release.', ['release']),
  'release.name': field('The title of the release.', ['release'], true),
  'release.body': field('The release notes.', ['release'], true),
  'release.draft': field('Whether the release is a draft.', ['release']),
  'release.prerelease': field('Whether the release is marked as a pre-release.', ['release']),
  inputs: field('The inputs given to the dispatch (the inputs context has them typed).', ['workflow_dispatch']),
  client_payload: field('The free-form JSON the repository_dispatch API call sent.', ['repository_dispatch'], true),
  schedule: field('The cron line that triggered the run.', ['schedule']),
  workflow_run: field('The run that triggered this one: id, name, event, conclusion, head_branch, head_sha, head_commit.', ['workflow_run']),
  'workflow_run.conclusion': field('How the triggering run ended: success, failure, cancelled, skipped…', ['workflow_run']),
  'workflow_run.event': field('The event that triggered the triggering run.', ['workflow_run']),
  'workflow_run.head_branch': field("The branch the triggering run ran on (possibly a fork's).", ['workflow_run'], true),
  'workflow_run.head_sha': field('The commit the triggering run ran on.', ['workflow_run']),
  'workflow_run.head_commit.message': field("The message of the triggering run's head commit.", ['workflow_run'], true),
  ...author('workflow_run.head_commit', ['workflow_run']),
};
