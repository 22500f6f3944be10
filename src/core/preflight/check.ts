import { branchFindings } from './branch-findings';
import { contentFindings } from './content-findings';
import { forecastPipelines, pipelineFindings } from './pipeline-findings';
import type { PipelineForecast, PreflightFacts, PreflightFinding, PreflightReport, PreflightVerdict } from './types';

const ORDER = { block: 0, warn: 1, info: 2 } as const;

/** The verdict of a list of findings: block if any blocks, warn if any warns, else pass. */
export function verdictOf(findings: readonly PreflightFinding[]): PreflightVerdict {
  if (findings.some((finding) => finding.severity === 'block')) return 'block';
  if (findings.some((finding) => finding.severity === 'warn')) return 'warn';
  return 'pass';
}

/** The whole check over facts read once: findings (blocking ones first), the verdict, and what CI will run. */
export function checkPush(facts: PreflightFacts): PreflightReport {
  const findings = [...contentFindings(facts), ...pipelineFindings(facts), ...branchFindings(facts)]
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => ORDER[a.finding.severity] - ORDER[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
  return { verdict: verdictOf(findings), commits: facts.commits.map((commit) => commit.sha), findings, pipelines: forecast(facts) };
}

/** What CI runs for the first branch pushed (the current branch for a plain push); nothing for a tag-only or delete-only push. */
function forecast(facts: PreflightFacts): PipelineForecast[] {
  const target = facts.targets.find((candidate) => candidate.localSha !== undefined && candidate.remoteRef.startsWith('refs/heads/'));
  if (!target?.localSha) return [];
  return forecastPipelines(facts, target.remoteRef.slice('refs/heads/'.length), target.localSha);
}
