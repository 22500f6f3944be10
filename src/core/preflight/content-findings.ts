import { findSecrets, riskyName } from '../recovery/deep/risky-patterns';
import type { PreflightFacts, PreflightFinding } from './types';

/** GitHub warns about files over 50 MB and refuses files over 100 MB. */
export const LARGE_FILE_WARN_BYTES = 50 * 1024 * 1024;
export const LARGE_FILE_BLOCK_BYTES = 100 * 1024 * 1024;

const SECRET_ACTION =
  'Take it out of the commit before you push: "shipshape doctor" shows the fix (amend or rebase), undoable. Rotate it if it was ever shared.';
const megabytes = (size: number): string => (size / (1024 * 1024)).toFixed(1);
const isFileMode = (mode: string): boolean => /^100(644|755)$/.test(mode);

/** Secrets, large files, conflict markers and `.env`-style files in what the push sends. Pure. */
export function contentFindings(facts: PreflightFacts): PreflightFinding[] {
  return [...secretFindings(facts), ...conflictFindings(facts), ...fileFindings(facts)];
}

/** One finding per distinct secret value, at the first line that added it (oldest commit first, as it entered history). */
function secretFindings(facts: PreflightFacts): PreflightFinding[] {
  const seen = new Set<string>();
  const findings: PreflightFinding[] = [];
  for (const added of [...facts.added].reverse()) {
    for (const secret of findSecrets(added.text)) {
      if (seen.has(secret.value)) continue;
      seen.add(secret.value);
      findings.push({
        kind: 'secret',
        severity: 'block',
        message: `${added.file}:${added.line} adds ${secret.what} (${secret.masked}) in commit ${added.commit.slice(0, 7)}.`,
        action: SECRET_ACTION,
        commit: added.commit,
        file: added.file,
        line: added.line,
      });
    }
  }
  return findings;
}

const OPENS = /^<{7}(?: |$)/;
const CLOSES = /^>{7}(?: |$)/;

/** A file whose added lines hold both ends of a conflict (<<<<<<< and >>>>>>>): a merge left unresolved. */
function conflictFindings(facts: PreflightFacts): PreflightFinding[] {
  const byFile = new Map<string, { opens?: number; closes: boolean; commit: string; file: string }>();
  for (const added of facts.added) {
    const key = `${added.commit}\0${added.file}`;
    const entry = byFile.get(key) ?? { closes: false, commit: added.commit, file: added.file };
    if (OPENS.test(added.text) && entry.opens === undefined) entry.opens = added.line;
    if (CLOSES.test(added.text)) entry.closes = true;
    byFile.set(key, entry);
  }
  const reported = new Set<string>();
  return [...byFile.values()].flatMap((entry): PreflightFinding[] => {
    if (entry.opens === undefined || !entry.closes || reported.has(entry.file)) return [];
    reported.add(entry.file);
    return [
      {
        kind: 'conflict-marker',
        severity: 'block',
        message: `${entry.file}:${entry.opens} still holds conflict markers (<<<<<<< … >>>>>>>) from commit ${entry.commit.slice(0, 7)}.`,
        action: 'Resolve the conflict in the file, then commit (or amend) before you push.',
        commit: entry.commit,
        file: entry.file,
        line: entry.opens,
      },
    ];
  });
}

/** Large files by size, and files whose name says they hold credentials. */
function fileFindings(facts: PreflightFacts): PreflightFinding[] {
  const findings: PreflightFinding[] = [];
  const seen = new Set<string>();
  const addedText = new Map<string, string>();
  for (const added of facts.added) addedText.set(`${added.commit}\0${added.file}`, `${addedText.get(`${added.commit}\0${added.file}`) ?? ''}${added.text}\n`);
  for (const commit of facts.commits) {
    for (const change of commit.changes) {
      if ((change.status !== 'A' && change.status !== 'M') || !isFileMode(change.newMode)) continue;
      const key = `${change.path}\0${change.newBlob}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const size = facts.sizes.get(change.newBlob) ?? 0;
      const where = { commit: commit.sha, file: change.path };
      if (size > LARGE_FILE_WARN_BYTES) {
        const refused = size > LARGE_FILE_BLOCK_BYTES;
        findings.push({
          kind: 'large-file',
          severity: refused ? 'block' : 'warn',
          message: `${change.path} is ${megabytes(size)} MB (commit ${commit.sha.slice(0, 7)}): ${refused ? 'GitHub refuses files over 100 MB' : 'GitHub warns about files over 50 MB'}.`,
          action: 'Take it out of the commit ("shipshape doctor" shows the fix) and use Git LFS or a release asset for it.',
          ...where,
        });
      }
      const name = riskyName(change.path, addedText.get(`${commit.sha}\0${change.path}`));
      if (!name) continue;
      const env = name === 'an environment file';
      // A file already in the repository was published before; a certificate may well be public.
      const severity = change.status === 'A' && name !== 'a key or certificate file' ? 'block' : 'warn';
      findings.push({
        kind: env ? 'env-file' : 'secret',
        severity,
        message: `${change.path} is ${name}, ${change.status === 'A' ? 'added' : 'changed'} in commit ${commit.sha.slice(0, 7)}.`,
        action: `Take it out of the commit ("shipshape doctor" shows the fix) and add it to .gitignore.`,
        ...where,
      });
    }
  }
  return findings;
}
