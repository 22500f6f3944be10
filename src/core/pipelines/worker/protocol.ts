// The messages between the extension host and the validation worker (plain data: structured clone carries them).
import type { ShipshapeConfig } from '../config';
import type { Finding } from '../finding';
import type { PipelineKind } from '../pipeline-kind';
import type { WorkflowOutline } from '../workflow-outline';
import type { AzureOptions } from '../validate';
import type { AzureOutline } from '../azure/pipeline-outline';
import type { GitLabOutline } from '../gitlab/pipeline-outline';

/** One file to validate: everything the worker needs, so it reads nothing but referenced files. */
export interface ValidationRequest {
  /** Absolute path. */
  readonly path: string;
  /** The open document's text, or the file's text on disk. */
  readonly text: string;
  /** The folder `./` references resolve against. */
  readonly root: string;
  /** Forces the kind; otherwise detected from the path and content. */
  readonly kind?: PipelineKind;
  /** The repository's `.github/shipshape.yaml`, already read (RegExps survive structured cloning). */
  readonly config: ShipshapeConfig;
  /**
   * Azure files: whether another file references this one as a template (so it is checked as one,
   * as `shipshape lint` does), the config's repository aliases as absolute folders, and the folder's
   * Azure files (a template is checked through the files that include it).
   */
  readonly azure?: Pick<AzureOptions, 'referenced' | 'repositories' | 'files'>;
}

/** Host -> worker. A cancel stops the external linters of that request; its answer still comes. */
export type ToValidationWorker =
  { readonly type: 'validate'; readonly id: number; readonly request: ValidationRequest } | { readonly type: 'cancel'; readonly id: number };

/** Worker -> host: `ready` once its code has loaded, then exactly one answer per validate message. */
export type FromValidationWorker =
  | { readonly type: 'ready' }
  /** `outline` for workflows: the Pipelines view's jobs and steps, from the same parse. */
  | {
      readonly type: 'result';
      readonly id: number;
      readonly kind: PipelineKind | undefined;
      readonly findings: readonly Finding[];
      readonly outline?: WorkflowOutline;
      /** Azure files: stages, jobs and steps after expansion, from the same expansion. */
      readonly azureOutline?: AzureOutline;
      /** GitLab files: stages and jobs of the merged configuration, from the same merge. */
      readonly gitlabOutline?: GitLabOutline;
    }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
