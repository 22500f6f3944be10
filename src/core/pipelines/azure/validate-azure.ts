/**
 * Checks an Azure Pipelines file: expands it (templates, parameters, `${{ }}`), then runs the
 * checks on the result. Findings keep the file and offsets a person wrote, and the `template:`
 * references they were found through. Pure: files are read through `read`.
 */
import { checkGraph, type AzureCheckFinding } from './checks/graph';
import { checkKeys } from './checks/keys';
import { checkExpressionPlacement, checkRepositoryReferences } from './checks/resources';
import { azureRole, isCertainlyPipeline, type AzureRole } from './roles';
import { checkRuntimeExpressions } from './checks/runtime-expressions';
import type { CustomTasks } from './checks/tasks';
import { pipelineModel } from './pipeline-model';
import { expandPipeline, type ExpandRequest, type Expansion } from './templates/expand';

export interface AzureValidation {
  readonly expansion: Expansion;
  readonly findings: readonly AzureCheckFinding[];
}

export interface AzureValidateRequest extends ExpandRequest {
  /** What the file is (default: a pipeline, or a steps template when `template` is set). */
  readonly role?: AzureRole;
  /** A template a pipeline may `extend`: its root may hold a pipeline's keys. */
  readonly extended?: boolean;
  /** The project's custom tasks (config `azure.tasks`). */
  readonly tasks?: CustomTasks;
}

export function validateAzurePipeline(request: AzureValidateRequest): AzureValidation {
  const expansion = expandPipeline(request);
  const findings: AzureCheckFinding[] = expansion.problems.map((problem) => ({
    rule: problem.rule,
    severity: problem.severity,
    message: problem.message,
    origin: problem.origin,
    ...(problem.via.length > 0 ? { via: problem.via } : {}),
    ...(problem.cycle ? { cycle: problem.cycle } : {}),
    ...(problem.fixes ? { fixes: problem.fixes } : {}),
  }));
  const model = pipelineModel(expansion.root);
  findings.push(...checkGraph(model, request.template === true));
  findings.push(...checkRuntimeExpressions(expansion.root));
  const entry = expansion.parsed.get(request.file)?.root;
  const role = request.role ?? (request.template ? azureRole(entry, true) : 'pipeline');
  if (role === 'pipeline' && !request.template) {
    findings.push(...checkExpressionPlacement(entry));
    // The repositories a pipeline uses are declared in it: not judged in a file that may be a template used elsewhere.
    if (isCertainlyPipeline(entry, request.file)) findings.push(...checkRepositoryReferences(expansion, model));
  }
  findings.push(...checkKeys(expansion.root, role, { extended: request.extended === true, ...(request.tasks ? { tasks: request.tasks } : {}) }));
  return { expansion, findings };
}
