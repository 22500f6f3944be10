import type { Evidence, FixPlan, Situation } from '../model';
import { stableId } from '../model';
import type { RecoveryFacts } from '../facts/types';
import { currentRefName, shortSha } from '../facts/queries';
import type { DeepFacts, RiskReason, RiskyCommit, RiskyFile } from '../deep/types';
import { commitLabel, plan } from './plans';
import { listWords, timeAgo } from './words';

const KIND = 'risky-commit';
/** A secret (pushed or not) is told before any other mistake: it is the one that gets worse with every push. */
export const SECRET_LIKELIHOOD = 0.85;
export const holdsSecret = (situation: Situation): boolean => situation.kind === KIND && situation.likelihood >= SECRET_LIKELIHOOD;

/**
 * Commits not yet pushed that hold a secret, a file that looks like one
 * (.env, id_rsa, *.pem, ...) or a large file. Secrets are only ever shown
 * masked. The last commit can be amended without them; an older one needs an
 * interactive rebase, which is explained rather than run.
 */
export function detectRiskyCommits(facts: RecoveryFacts, deep: Pick<DeepFacts, 'risky'>): Situation[] {
  return [...deep.risky.commits.map((risky) => describe(facts, deep, risky)), ...deep.risky.pushed.map((risky) => describePushed(facts, risky))];
}

/**
 * A secret already pushed: nothing local undoes that. What to do is rotate it first, then (if the
 * history must be clean) rewrite the shared branch, which Shipshape explains rather than runs.
 */
function describePushed(facts: RecoveryFacts, risky: RiskyCommit): Situation {
  const { commit, files } = risky;
  const remote = facts.status.upstream ?? 'the remote';
  const paths = files.map((file) => file.path);
  const names = listWords(paths);
  return {
    id: stableId(KIND, 'pushed', commit.sha, ...paths),
    kind: KIND,
    title: `Commit ${shortSha(commit.sha)}, already pushed to ${remote}, holds ${titleWords(files)}`,
    explanation:
      `${commitLabel(commit)} (${timeAgo(commit.time, facts.now)}) is on ${remote} and holds ${listWords(files.map(fileWords), 4)}. ` +
      'Anyone who can read the repository may have it already: revoke or rotate the credential now; removing it from the history does not make it secret again.',
    evidence: [
      { kind: 'commit', label: commitLabel(commit), sha: commit.sha, time: commit.time },
      ...files.map((file) => ({ kind: 'file' as const, label: fileWords(file), sha: file.blob })),
    ],
    fixes: [
      plan(KIND, 'pushed-guidance', [commit.sha, ...paths], {
        title: 'Rotate the credential, then clean the history if you must',
        effect: `Leaves the commits as they are: ${names} stay${paths.length === 1 ? 's' : ''} in ${remote}'s history until it is rewritten there.`,
        steps: [],
        movesRefs: [],
        changesIndex: false,
        changesFiles: false,
        rewritesHistory: false,
        risks: [
          'Rewriting a pushed branch needs a force push, and everyone who cloned it must fetch the new history (their old copies still hold the secret).',
        ],
        refusal:
          `It is already pushed, so no local fix removes it: first revoke or rotate the credential where it was issued. Then, to take ${names} out of the history, ` +
          `rewrite it (for example "git filter-repo --invert-paths --path ${paths[0] ?? 'FILE'}", or an interactive rebase from before ${shortSha(commit.sha)}), force-push with "git push --force-with-lease", ` +
          `and add ${names} to .gitignore. Hosts may keep cached views of the old commits: GitHub and GitLab support can purge them.`,
      }),
    ],
    likelihood: SECRET_LIKELIHOOD + 0.05,
  };
}

function describe(facts: RecoveryFacts, deep: Pick<DeepFacts, 'risky'>, risky: RiskyCommit): Situation {
  const { commit, files } = risky;
  const secret = files.some((file) => file.reasons.some((reason) => reason.kind !== 'large'));
  const explanation =
    `${commitLabel(commit)} (${timeAgo(commit.time, facts.now)}) is not pushed yet and holds ${listWords(files.map(fileWords), 4)}. ` +
    (secret
      ? 'Take it out before you push: once a credential is pushed it must be treated as leaked.'
      : 'Large files make every clone slower, and hosts refuse files over 100 MB.');
  const evidence: Evidence[] = [
    { kind: 'commit', label: commitLabel(commit), sha: commit.sha, time: commit.time },
    ...files.map((file) => ({ kind: 'file' as const, label: fileWords(file), sha: file.blob })),
  ];
  const paths = files.map((file) => file.path);
  return {
    id: stableId(KIND, commit.sha, ...paths),
    kind: KIND,
    title: `Commit ${shortSha(commit.sha)}, not pushed yet, holds ${titleWords(files)}`,
    explanation,
    evidence,
    fixes: [fixFor(facts, deep, risky, secret)],
    likelihood: secret ? SECRET_LIKELIHOOD : 0.6,
  };
}

function fixFor(facts: RecoveryFacts, deep: Pick<DeepFacts, 'risky'>, risky: RiskyCommit, secret: boolean): FixPlan {
  const { commit, files } = risky;
  const paths = files.map((file) => file.path);
  const names = listWords(paths);
  const parent = commit.parents[0];
  const risks = [
    `Add ${names} to .gitignore so ${paths.length === 1 ? 'it is' : 'they are'} not committed again.`,
    ...(secret ? ['If the credential was ever pushed or shared, rotate it: taking it out of the commit does not make it secret again.'] : []),
    'The old commit stays in git\'s reflog (and in the undo backup) until they expire; "git reflog expire --expire-unreachable=now --all" then "git gc --prune=now" delete it for good.',
  ];
  const fields = { movesRefs: [currentRefName(facts)], changesIndex: true, changesFiles: false, rewritesHistory: false, risks };
  // Files the fix makes untracked go to .gitignore with it, so a later "git add -A" cannot take them in again.
  // (Files that stay tracked gain nothing from .gitignore: the advice, risks[0], goes.)
  const ignoring = (added: readonly string[]) => (added.length === 0 ? {} : { risks: risks.slice(1), ignorePaths: added, changesFiles: true });

  if (commit.sha !== facts.status.head || commit.parents.length > 1) {
    const how = parent
      ? `run "git rebase -i ${shortSha(parent)}", mark ${shortSha(commit.sha)} as "edit", then "git rm --cached -- ${paths.join(' ')}", "git commit --amend --no-edit" and "git rebase --continue".`
      : 'this is the first commit: "git rebase -i --root" lets you edit it.';
    const reason = commit.parents.length > 1 ? 'It is a merge commit' : 'It is not the last commit';
    return plan(KIND, 'rebase-guidance', [commit.sha, ...paths], {
      ...fields,
      title: 'Take the files out of the commit',
      effect: `Rewrites ${shortSha(commit.sha)} without ${names}; the files stay on disk.`,
      steps: [],
      refusal: `${reason}, so taking files out needs an interactive rebase: ${how}`,
    });
  }

  const added = files.filter((file) => file.status === 'A').map((file) => file.path);
  const modified = files.filter((file) => file.status !== 'A').map((file) => file.path);
  const emptied = risky.changedPaths.every((path) => paths.includes(path));
  // An amend takes in everything staged; undoing the commit only touches the files' own index entries.
  const staged = deep.risky.staged.filter((path) => !emptied || paths.includes(path));
  const withRefusal =
    staged.length > 0
      ? {
          refusal: `Your staged changes to ${listWords(staged)} would ${emptied ? 'be lost' : 'go into the commit too'}: commit them, or unstage them with "git restore --staged", first.`,
        }
      : {};

  if (emptied) {
    if (!parent) {
      return plan(KIND, 'undo-commit', [commit.sha, ...paths], {
        ...fields,
        title: 'Undo the commit, keeping the files',
        effect: `Takes ${names} out of git, keeping ${paths.length === 1 ? 'it' : 'them'} on disk.`,
        steps: [],
        refusal: 'It is the first commit and holds nothing else: run "git update-ref -d HEAD" to undo it (your files stay), then commit again without them.',
      });
    }
    return plan(KIND, 'undo-commit', [commit.sha, ...paths], {
      ...fields,
      title: 'Undo the commit, keeping the files',
      effect: `The commit holds nothing but ${names}, so it is undone: ${currentRefName(facts).replace('refs/heads/', '')} goes back to ${shortSha(parent)} and the files stay on disk${added.length > 0 ? `, ${listWords(added)} untracked` : ''}${modified.length > 0 ? `, ${listWords(modified)} with your edits unstaged` : ''}.${ignoreWords(added)}`,
      steps: [{ args: ['reset', '--soft', parent] }, { args: ['reset', '-q', parent, '--', ...paths] }],
      ...ignoring(added),
      ...withRefusal,
    });
  }
  return plan(KIND, 'amend', [commit.sha, ...paths], {
    ...fields,
    title: 'Take the files out of the last commit',
    effect:
      `Amends ${shortSha(commit.sha)} so it no longer holds ${names}; its message and other changes stay.` +
      `${added.length > 0 ? ` ${listWords(added)} stay${added.length === 1 ? 's' : ''} on disk, untracked.` : ''}` +
      `${modified.length > 0 ? ` ${listWords(modified)} go${modified.length === 1 ? 'es' : ''} back to the previous version in the commit; your edits stay on disk, unstaged.` : ''}` +
      ignoreWords(added),
    ...ignoring(added),
    steps: [
      ...(added.length > 0 ? [{ args: ['rm', '--cached', '-q', '--', ...added] }] : []),
      ...(modified.length > 0 && parent ? [{ args: ['reset', '-q', parent, '--', ...modified] }] : []),
      { args: ['commit', '--amend', '--no-edit', '--quiet'] },
    ],
    ...withRefusal,
  });
}

/** " Then it adds x to .gitignore, so it is not committed again." */
function ignoreWords(added: readonly string[]): string {
  if (added.length === 0) return '';
  return ` Then it adds ${listWords(added)} to .gitignore (unless ignored already), so ${added.length === 1 ? 'it is' : 'they are'} not committed again.`;
}

function fileWords(file: RiskyFile): string {
  return `${file.path} (${listWords(file.reasons.map(reasonWords))})`;
}

function reasonWords(reason: RiskReason): string {
  if (reason.kind === 'large') return `${megabytes(reason.size)} MB`;
  if (reason.kind === 'name') return reason.what;
  return `${reason.what}: ${reason.masked}`;
}

function titleWords(files: readonly RiskyFile[]): string {
  const reasons = files.flatMap((file) => file.reasons);
  const secrets = [...new Set(reasons.flatMap((reason) => (reason.kind === 'secret' ? [reason.what] : [])))];
  if (secrets.length > 0) return listWords(secrets, 2);
  const named = files.find((file) => file.reasons.some((reason) => reason.kind === 'name'));
  if (named) return `${named.path}${files.length > 1 ? ` and ${files.length - 1} more` : ''}`;
  const largest = [...files].sort((a, b) => b.size - a.size)[0];
  return largest ? `a ${megabytes(largest.size)} MB file${files.length > 1 ? ` and ${files.length - 1} more` : ''}` : 'risky files';
}

function megabytes(size: number): string {
  return (size / (1024 * 1024)).toFixed(1);
}
