import type { Node as YamlNode } from 'yaml';
import type { Finding, Fix, Range, RelatedLocation, Severity } from './finding';
import type { PipelineKind } from './pipeline-kind';
import type { ShipshapeConfig } from './config';
import type { SourceFile } from './yaml/source-file';

/** What a rule may read besides the file: the repository root, the config, other files. */
export interface RuleContext {
  readonly source: SourceFile;
  readonly kind: PipelineKind;
  /** The folder `./` references resolve against (git top-level or cwd). */
  readonly root: string;
  readonly config: ShipshapeConfig;
  /** Reads another file of the repository (local actions, reusable workflows); undefined when absent. */
  readonly readFile: (absolutePath: string) => string | undefined;
  /**
   * Another file of the repository, validated as `kind` (once per validation); undefined inside such a
   * validation, so a chain of files is followed one level only. With `only`, just the findings of those
   * rule ids, the same as a validation with every rule gives (running fewer rules where that is exact).
   */
  readonly validateFile?: (absolutePath: string, kind: PipelineKind, only?: ReadonlySet<string>) => readonly Finding[];
  report(finding: FindingInput): void;
}

export interface FindingInput {
  readonly severity?: Severity;
  readonly message: string;
  /** A node, an absolute [start, end) offset pair, or a ready range. */
  readonly at: YamlNode | readonly [number, number] | Range | null | undefined;
  readonly fixes?: readonly Fix[];
  /** Other places that explain it (the line in another file the finding comes from). */
  readonly related?: readonly RelatedLocation[];
  /** GitHub runs the workflow all the same: a local run shows the finding as a warning instead of refusing. */
  readonly advisory?: boolean;
}

/** A check with a stable id; ids are documented in docs/rules.md. */
export interface Rule {
  readonly id: string;
  readonly kinds: readonly PipelineKind[];
  readonly defaultSeverity: Severity;
  /** One line for the docs and hovers. */
  readonly description: string;
  /** Pure and synchronous: reads the file and, through readFile, the repository. */
  check(context: RuleContext): void;
  /**
   * Checks that run another program (shellcheck, pyflakes), asynchronously;
   * only validatePipelineWithPrograms calls it, never the pure path.
   */
  checkWithPrograms?(context: RuleContext, signal?: AbortSignal): Promise<void>;
}

export type { Finding };
