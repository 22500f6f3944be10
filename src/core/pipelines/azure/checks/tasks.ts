/**
 * Inputs of the most used in-box Azure Pipelines tasks, to warn about an input a known task does
 * not have (a typo is otherwise silently ignored by the agent). Tasks not listed are never
 * questioned: custom, marketplace and GUID tasks are all valid.
 */
import { didYouMean } from '../../expressions/suggest';
import { didYouMeanFix, type AzureFix } from '../azure-fixes';
import { keyText, type AMap, type ANode } from '../templates/tree';

/**
 * `name@major` (lower case) → its input names and their aliases, from each task's task.json in
 * microsoft/azure-pipelines-tasks. Only tasks checked against that source are listed.
 */
export const KNOWN_TASKS: Readonly<Record<string, readonly string[]>> = {
  'powershell@2': [
    'targetType',
    'filePath',
    'arguments',
    'script',
    'errorActionPreference',
    'warningPreference',
    'informationPreference',
    'verbosePreference',
    'debugPreference',
    'progressPreference',
    'failOnStderr',
    'showWarnings',
    'ignoreLASTEXITCODE',
    'pwsh',
    'workingDirectory',
    'runScriptInSeparateScope',
  ],
  'bash@3': ['targetType', 'filePath', 'arguments', 'script', 'workingDirectory', 'failOnStderr', 'bashEnvValue'],
  'cmdline@2': ['script', 'workingDirectory', 'failOnStderr', 'ignoreHostExpression'],
  'copyfiles@2': [
    'SourceFolder',
    'Contents',
    'TargetFolder',
    'CleanTargetFolder',
    'OverWrite',
    'flattenFolders',
    'preserveTimestamp',
    'retryCount',
    'delayBetweenRetries',
    'ignoreMakeDirErrors',
  ],
  'publishbuildartifacts@1': [
    'PathtoPublish',
    'ArtifactName',
    'ArtifactType',
    'publishLocation',
    'TargetPath',
    'Parallel',
    'ParallelCount',
    'FileCopyOptions',
    'StoreAsTar',
  ],
  'publishpipelineartifact@1': [
    'path',
    'targetPath',
    'artifactName',
    'artifact',
    'artifactType',
    'publishLocation',
    'fileSharePath',
    'parallel',
    'parallelCount',
    'properties',
  ],
  'downloadpipelineartifact@2': [
    'source',
    'buildType',
    'project',
    'pipeline',
    'definition',
    'preferTriggeringPipeline',
    'specificBuildWithTriggering',
    'runVersion',
    'buildVersionToDownload',
    'runBranch',
    'branchName',
    'runId',
    'pipelineId',
    'buildId',
    'tags',
    'allowPartiallySucceededBuilds',
    'allowFailedBuilds',
    'artifact',
    'artifactName',
    'patterns',
    'itemPattern',
    'path',
    'targetPath',
    'downloadPath',
  ],
};

export interface TaskInputProblem {
  readonly message: string;
  readonly node: ANode;
  readonly fixes: readonly AzureFix[];
}

export function checkTaskInputs(reference: string, step: AMap): TaskInputProblem[] {
  const inputsNode = step.entries.find((entry) => keyText(entry) === 'inputs')?.value;
  const inputs = KNOWN_TASKS[reference.toLowerCase()];
  if (!inputs || inputsNode?.kind !== 'map') return [];
  const names = new Set(inputs.map((name) => name.toLowerCase()));
  const problems: TaskInputProblem[] = [];
  for (const entry of inputsNode.entries) {
    const name = keyText(entry);
    if (entry.key.unknown || name.includes('$') || names.has(name.toLowerCase())) continue;
    problems.push({
      message: `Task '${reference}' has no input '${name}'.${didYouMean(name, inputs)}`,
      node: entry.key,
      fixes: didYouMeanFix(entry.key, inputs),
    });
  }
  return problems;
}
