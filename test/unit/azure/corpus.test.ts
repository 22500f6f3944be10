import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { AzureCheckFinding } from '../../../src/core/pipelines/azure/checks/graph';
import { resolveTemplatePath } from '../../../src/core/pipelines/azure/templates/template-paths';
import { validateAzureFiles } from '../../../src/core/pipelines/azure/validate-azure-files';

/**
 * The guard over real Azure Pipelines files (each folder a repository root): no error findings
 * but the reviewed ones below, each with its reason.
 */
const CORPUS = '/work/shared/corpus/azure/real';

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : /\.ya?ml$/i.test(name) ? [path] : [];
  });

/** Each repository's selection regex from SOURCES.txt: templates outside it are absent by construction. */
function selections(): Map<string, RegExp> {
  const out = new Map<string, RegExp>();
  for (const line of readFileSync(join(CORPUS, 'SOURCES.txt'), 'utf8').split('\n')) {
    const match = /^(\S+)\/(\S+)\t.*\tregex=(.+)$/.exec(line);
    if (match) out.set(`${match[1]}+${match[2]}`, new RegExp(match[3] as string));
  }
  return out;
}

/**
 * Reviewed false positives still open in the core, by repository, file and message. Each is a
 * claim the checks cannot make yet; remove an entry when the core stops reporting it.
 */
const KNOWN: readonly { repo: string; file: string; message: RegExp; reason: string }[] = [
  // None open: templates found by folder and legacy parameters, ${{ }} inside $[ ], undecided branches as warnings.
];

/**
 * Templates the selection regex covers that the repository does not hold at the corpus commit
 * (checked: no such file under any spelling): a real mistake upstream, or a pipeline no longer run.
 */
const MISSING_UPSTREAM: readonly { repo: string; written: RegExp }[] = [
  { repo: 'Azure+azure-sdk-tools', written: /^\/eng\/pipelines\/common\/content-validation-for-(dotnet|java|javascript|python)\.yml$/ },
  { repo: 'PowerShell+PowerShell', written: /^templates\/windows-test\.yml$/ },
];

describe('Azure corpus: real repositories, no errors', function () {
  this.timeout(120_000);
  if (!existsSync(join(CORPUS, 'SOURCES.txt'))) {
    it(`skipped: ${CORPUS} is absent on this machine`, function () {
      this.skip();
    });
    return;
  }
  const regexes = selections();
  for (const repo of readdirSync(CORPUS).filter((name) => statSync(join(CORPUS, name)).isDirectory())) {
    it(`${repo}: no unreviewed errors`, () => {
      const root = join(CORPUS, repo);
      const selected = regexes.get(repo);
      assert.ok(selected, `${repo} has no line in SOURCES.txt`);
      const result = validateAzureFiles({
        files: walk(root),
        repositoryRoot: root,
        read: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
      });
      const absentTemplate = (finding: AzureCheckFinding): boolean => {
        const written = /^Template file '(.+)' not found\.$/.exec(finding.message)?.[1];
        if (written === undefined) return false;
        if (MISSING_UPSTREAM.some((missing) => missing.repo === repo && missing.written.test(written))) return true;
        const path = written.replace(/@self$/i, '');
        const candidates = [
          resolveTemplatePath(path, finding.origin.file, root),
          resolveTemplatePath(`${path.startsWith('/') ? '' : '/'}${path}`, finding.origin.file, root),
        ];
        return candidates.every((target) => target.kind !== 'file' || !selected.test(relative(root, target.file).split('\\').join('/')));
      };
      const unexpected: string[] = [];
      for (const [file, findings] of result.findings)
        for (const finding of findings) {
          if (finding.severity !== 'error' || absentTemplate(finding)) continue;
          const path = relative(root, file).split('\\').join('/');
          if (KNOWN.some((known) => known.repo === repo && known.file === path && known.message.test(finding.message))) continue;
          const line = readFileSync(file, 'utf8').slice(0, finding.origin.start).split('\n').length;
          unexpected.push(`${path}:${line} [${finding.rule}] ${finding.message}`);
        }
      assert.deepEqual(unexpected, []);
    });
  }
});
