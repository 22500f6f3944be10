import type { ShipshapeConfig } from './config';
import type { Severity } from './finding';
import { ALL_RULES } from './rules-registry';

/** The levels of the editor's `shipshape.pipelines.ruleSeverity` setting (VS Code's diagnostic severities, and off). */
export const RULE_SEVERITY_LEVELS = ['error', 'warning', 'information', 'hint', 'off'] as const;
export type RuleSeverityLevel = (typeof RULE_SEVERITY_LEVELS)[number];

/** Every rule id a severity can be set for, in registry order (the setting's schema enumerates them). */
export function ruleIds(): string[] {
  return [...new Set(ALL_RULES.map((rule) => rule.id))];
}

const TO_CORE: Readonly<Record<Exclude<RuleSeverityLevel, 'off'>, Severity>> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

export interface EditorRules {
  /** The project config with the setting's levels over its `rules:`. */
  readonly config: ShipshapeConfig;
  /** Rules the editor shows as hints (validated at info: a finding's severity has no hint level). */
  readonly hints: ReadonlySet<string>;
}

/**
 * The editor's validation config: `.github/shipshape.yaml` with the user's setting over it, rule by
 * rule (as ESLint's editor customizations over a project config). A rule the setting names gets its
 * level, even one the project turned off; the others keep the project's. The CLI and CI read the
 * project file alone. Values that are not a rule id and a level are ignored.
 */
export function editorRules(project: ShipshapeConfig, setting: Readonly<Record<string, unknown>> | undefined): EditorRules {
  const known = new Set(ruleIds());
  const rules: Record<string, Severity | 'off'> = { ...project.rules };
  const hints = new Set<string>();
  const entries = typeof setting === 'object' && setting !== null && !Array.isArray(setting) ? Object.entries(setting) : [];
  for (const [rule, level] of entries) {
    if (!known.has(rule) || !(RULE_SEVERITY_LEVELS as readonly unknown[]).includes(level)) continue;
    rules[rule] = level === 'off' ? 'off' : TO_CORE[level as Exclude<RuleSeverityLevel, 'off'>];
    if (level === 'hint') hints.add(rule);
  }
  return { config: { ...project, rules }, hints };
}
