/**
 * The Azure Pipelines rule ids. Azure checks run in one pass over the expanded pipeline
 * (validateAzurePipeline, called by validate.ts), not rule by rule, since every check needs the
 * expansion: these entries give each id its severity and description for the registry, the docs
 * and SARIF, and their `check` does nothing.
 */
import type { Rule } from '../rule';
import type { Severity } from '../finding';

const azureRule = (id: string, defaultSeverity: Severity, description: string): Rule => ({
  id,
  kinds: ['azure-pipelines'],
  defaultSeverity,
  description,
  check: () => undefined,
});

export const AZURE_RULES: readonly Rule[] = [
  azureRule('azure-yaml', 'error', 'Azure Pipelines YAML: one document, no duplicate keys, no anchors.'),
  azureRule('azure-template', 'error', 'Template references: missing files, cycles, Azure DevOps limits, what a template may hold.'),
  azureRule('azure-template-parameters', 'error', 'Template parameters: required ones missing, unexpected ones, wrong types, values not allowed.'),
  azureRule('azure-template-remote', 'info', 'A template in another repository, which is not resolved offline unless its alias is mapped.'),
  azureRule('azure-expression', 'error', 'Expressions in ${{ }}, $[ ] and conditions: syntax, functions, arity, named values.'),
  azureRule('azure-names', 'error', 'Stage, job and step names must be identifiers.'),
  azureRule('azure-duplicate-names', 'error', 'Stage, job and step names must be unique where Azure DevOps requires it.'),
  azureRule('azure-depends-on', 'error', 'dependsOn must name existing stages or jobs, without cycles (counting the implicit stage order).'),
  azureRule(
    'azure-keys',
    'error',
    'Keys Azure DevOps accepts in each place (root by role, stage, job, deployment, step kind, variables, triggers, resources…), with the nearest one.',
  ),
  azureRule(
    'azure-shapes',
    'error',
    'A mapping or a list where the other is expected, a step with no kind or two, a deployment without an environment, wrong boolean, number or enum values.',
  ),
  azureRule('azure-resources', 'error', 'Repositories a checkout or a template@repository names must be declared in resources.repositories.'),
  azureRule('azure-tasks', 'error', 'Task references need @major; inputs a known in-box task does not have are a warning.'),
];
