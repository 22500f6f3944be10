import { actionRule } from './github/rules/action';
import { actionFilesRule } from './github/rules/action-files';
import { localActionRule } from './github/rules/local-action';
import { caseInsensitiveMaps } from './github/case-insensitive-maps';
import { containerRule } from './github/rules/container';
import { numberValuesRule } from './github/rules/number-values';
import { emptyValuesRule } from './github/rules/empty-values';
import { deprecatedCommandsRule } from './github/rules/deprecated-commands';
import { credentialsRule, envVarRule } from './github/rules/env-and-credentials';
import { idsRule } from './github/rules/ids';
import { ifCondRule } from './github/rules/if-cond';
import { jobNeedsRule } from './github/rules/job-needs';
import { matrixRule } from './github/rules/matrix';
import { eventsRule, globRule } from './github/rules/events';
import { runnerLabelRule } from './github/rules/runner-label';
import { shellNameRule } from './github/rules/shell-name';
import { expressionRule } from './github/rules/expression';
import { pyflakesRule } from './github/rules/pyflakes';
import { shellcheckRule } from './github/rules/shellcheck';
import { workflowCallRule } from './github/rules/workflow-call';
import type { PipelineKind } from './pipeline-kind';
import type { Rule } from './rule';
import { schemaRule } from './schema/schema-rule';
import { duplicateKeysRule, unusedAnchorsRule } from './yaml/yaml-rules';
import { mergeKeysRule } from './github/rules/merge-keys';
import { undefinedAliasRule, unsupportedTagsRule } from './yaml/tag-and-alias-rules';
import { AZURE_RULES } from './azure/azure-rules';
import { GITLAB_RULES } from './gitlab/gitlab-rules';

const GITHUB: PipelineKind[] = ['github-workflow', 'github-action'];

/** Every rule, in the order they run. */
export const ALL_RULES: readonly Rule[] = [
  schemaRule('github-workflow', 'github-workflow', 'workflow'),
  schemaRule('github-action', 'github-action', 'action'),
  duplicateKeysRule(GITHUB, (context) => caseInsensitiveMaps(context.source.doc, context.kind)),
  unusedAnchorsRule(GITHUB),
  undefinedAliasRule(GITHUB),
  unsupportedTagsRule(GITHUB),
  mergeKeysRule,
  idsRule,
  jobNeedsRule,
  matrixRule,
  actionRule,
  actionFilesRule,
  localActionRule,
  workflowCallRule,
  deprecatedCommandsRule,
  ifCondRule,
  emptyValuesRule,
  containerRule,
  numberValuesRule,
  envVarRule,
  credentialsRule,
  eventsRule,
  globRule,
  runnerLabelRule,
  shellNameRule,
  expressionRule,
  shellcheckRule,
  pyflakesRule,
  ...AZURE_RULES,
  ...GITLAB_RULES,
];

export function rulesFor(kind: PipelineKind): readonly Rule[] {
  return ALL_RULES.filter((rule) => rule.kinds.includes(kind));
}
