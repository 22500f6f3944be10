import { join } from 'node:path';
import type { Finding } from '../../../src/core/pipelines/finding';
import { parseConfig } from '../../../src/core/pipelines/config';
import type { PipelineKind } from '../../../src/core/pipelines/pipeline-kind';
import { validatePipeline } from '../../../src/core/pipelines/validate';

export interface LintOptions {
  readonly path?: string;
  readonly kind?: PipelineKind;
  readonly root?: string;
  readonly config?: string;
  readonly files?: Readonly<Record<string, string>>;
}

/** Validates a workflow given as lines; the result is compact `line:col rule message` strings. */
export function lint(text: string | readonly string[], options: LintOptions = {}): Finding[] {
  const root = options.root ?? '/repo';
  const body = typeof text === 'string' ? text : text.join('\n');
  const files = options.files ?? {};
  return [
    ...validatePipeline({
      path: join(root, options.path ?? '.github/workflows/ci.yml'),
      text: body,
      root,
      ...(options.kind ? { kind: options.kind } : {}),
      ...(options.config ? { config: parseConfig(options.config).config } : {}),
      readFile: (path) => files[path.slice(root.length + 1)],
    }).findings,
  ];
}

export const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.range.start.line}:${f.range.start.column} ${f.rule} ${f.message}`);

/** Only the findings of one rule, briefly. */
export const ofRule = (findings: readonly Finding[], rule: string) => brief(findings.filter((finding) => finding.rule === rule));

/** A minimal valid workflow around some jobs (YAML lines indented under `jobs:`). */
export function workflow(...jobLines: string[]): string[] {
  return ['on: push', 'jobs:', ...jobLines.map((line) => `  ${line}`)];
}
