import type { PreflightFacts, PreflightFinding } from './types';

const short = (ref: string): string => ref.replace(/^refs\/heads\//, '');
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Where the branch stands against its upstream and what the push does to the remote's refs. Pure. */
export function branchFindings(facts: PreflightFacts): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  if (facts.inProgress) {
    findings.push({
      kind: 'in-progress',
      severity: 'warn',
      message: `A ${facts.inProgress} is in progress: the push sends the commits as they are now, not the finished ${facts.inProgress}.`,
      action: `Finish it (git ${facts.inProgress} --continue) or abort it (git ${facts.inProgress} --abort) first.`,
    });
  }
  if (!facts.hook) findings.push(...upstreamFindings(facts));
  const defaultRef = facts.defaultBranch === undefined ? undefined : `refs/heads/${facts.defaultBranch}`;
  for (const target of facts.targets) {
    const onDefault = target.remoteRef === defaultRef;
    if (target.localSha === undefined) {
      if (onDefault)
        findings.push({
          kind: 'default-branch',
          severity: 'block',
          message: `The push deletes ${short(target.remoteRef)}, the default branch of ${facts.remote ?? 'the remote'}.`,
          action: 'Delete it on the hosting site if you really mean to; git push --no-verify skips this check.',
        });
      continue;
    }
    if (target.remoteSha !== undefined && target.dropped !== 0) {
      const what = target.dropped === undefined ? 'commits you have never fetched' : plural(target.dropped, 'published commit');
      findings.push({
        kind: 'force-push',
        severity: onDefault ? 'block' : 'warn',
        message: `This is a force push: ${short(target.remoteRef)} on ${facts.remote ?? 'the remote'} would lose ${what}${onDefault ? ', on the default branch others build on' : ''}.`,
        action: onDefault
          ? `Fetch and "git pull --rebase" instead; if you must rewrite it, "git push --force-with-lease" after telling the others.`
          : `Prefer "git push --force-with-lease", which refuses when someone else pushed since you fetched.`,
        commit: target.localSha,
      });
    }
    if (onDefault) {
      findings.push({
        kind: 'default-branch',
        severity: 'warn',
        message: `You are pushing straight to ${short(target.remoteRef)}, the default branch of ${facts.remote ?? 'the remote'}.`,
        action: 'Push a branch and open a pull request if the others review changes.',
      });
    }
  }
  return findings;
}

/** A plain `git push`: a detached HEAD and a branch behind its upstream are known before git tries. */
function upstreamFindings(facts: PreflightFacts): PreflightFinding[] {
  if (facts.branch === undefined) {
    return [
      {
        kind: 'detached-head',
        severity: 'warn',
        message: 'HEAD is detached: "git push" has no branch to push, and commits made here belong to no branch.',
        action: 'Create a branch for them ("git switch -c NAME"), or push explicitly ("git push origin HEAD:NAME").',
      },
    ];
  }
  if (facts.upstream === undefined || facts.behind === 0) return [];
  if (facts.ahead > 0) {
    return [
      {
        kind: 'diverged',
        severity: 'block',
        message: `${facts.branch} and ${facts.upstream} have diverged (${plural(facts.ahead, 'commit')} here, ${plural(facts.behind, 'commit')} there, as of your last fetch): git will refuse the push, and a force push would drop the ${plural(facts.behind, 'commit')} published there.`,
        action: 'Run "git pull --rebase" first, then push.',
      },
    ];
  }
  return [
    {
      kind: 'behind-upstream',
      severity: 'warn',
      message: `${facts.branch} is ${plural(facts.behind, 'commit')} behind ${facts.upstream}, with nothing of its own to push.`,
      action: 'Run "git pull --rebase" to catch up.',
    },
  ];
}
