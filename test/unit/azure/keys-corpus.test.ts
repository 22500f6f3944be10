import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkKeys } from '../../../src/core/pipelines/azure/checks/keys';
import { azureRole } from '../../../src/core/pipelines/azure/roles';
import { expandPipeline } from '../../../src/core/pipelines/azure/templates/expand';
import { extendedTemplates } from '../../../src/core/pipelines/azure/checks/extended-templates';
import { parseTemplateFile } from '../../../src/core/pipelines/azure/templates/tree';
import { templateReferences } from '../../../src/core/pipelines/azure/validate-azure-files';
import { CORPUS_ROOT, filesUnder } from '../../support/corpus';

const AZURE = join(CORPUS_ROOT, 'azure', 'real');
const available = existsSync(AZURE);

/** Every finding of checkKeys over each repository, files taking the role validateAzureFiles gives them. */
export function corpusFindings(): { files: number; findings: string[] } {
  const findings: string[] = [];
  let files = 0;
  for (const repository of readdirSync(AZURE)) {
    const root = join(AZURE, repository);
    if (!existsSync(root) || repository.endsWith('.txt')) continue;
    const paths = filesUnder(root).filter((path) => /\.ya?ml$/.test(path));
    const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    const roots = new Map(paths.map((path) => [path, parseTemplateFile(path, read(path) ?? '').root]));
    const referenced = new Set([...roots].flatMap(([path, parsed]) => templateReferences(path, parsed, root).filter((target) => target !== path)));
    const extended = extendedTemplates(roots, referenced, root);
    for (const [path, parsed] of roots) {
      files++;
      const role = azureRole(parsed, referenced.has(path));
      const expansion = expandPipeline({ file: path, repositoryRoot: root, read, template: role !== 'pipeline' });
      for (const finding of checkKeys(expansion.root, role, { extended: extended.has(path) })) {
        const text = read(finding.origin.file) ?? '';
        const line = text.slice(0, finding.origin.start).split('\n').length;
        findings.push(`${relative(AZURE, finding.origin.file)}:${line} ${finding.severity} ${finding.rule} ${finding.message}`);
      }
    }
  }
  return { files, findings: [...new Set(findings)] };
}

/** Non-error findings on the corpus, each checked against the task's task.json and found real. */
const REVIEWED: readonly { finding: RegExp; reason: string }[] = [
  {
    finding: /^dotnet\+arcade\/eng\/publishing\/v3\/publish\.yml:\d+ warning azure-tasks Task 'DownloadPipelineArtifact@2' has no input 'downloadType'\.$/,
    reason:
      "downloadType is DownloadBuildArtifacts' input; DownloadPipelineArtifact@2 has none, so the agent ignores it (the four steps were moved from the older task)",
  },
  {
    finding:
      /^dotnet\+arcade\/eng\/common\/templates\/steps\/publish-build-artifacts\.yml:46 warning azure-tasks Task 'PublishBuildArtifacts@1' has no input 'retryCountOnTaskFailure'\.$/,
    reason: 'retryCountOnTaskFailure is a step key, not a task input: written under inputs, the step is never retried',
  },
];

describe('Azure keys and shapes on the real corpus', () => {
  it(`finds no error in 425 working pipelines and templates${available ? '' : ' (skipped: ../shared/corpus/azure/real is not on this machine)'}`, function () {
    if (!available) this.skip();
    this.timeout(120_000);
    const { files, findings } = corpusFindings();
    assert.ok(files >= 400, `read ${files} files`);
    const errors = findings.filter((finding) => / error /.test(finding));
    assert.deepEqual(errors, []);
    // Every warning and info is a real mistake someone looked at, with the reason it is real.
    const unreviewed = findings.filter((finding) => !/ error /.test(finding) && !REVIEWED.some((reviewed) => reviewed.finding.test(finding)));
    assert.deepEqual(unreviewed, []);
  });
});
