import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { azureRepositoryFolders, EMPTY_CONFIG, type ShipshapeConfig } from './config';
import { detectKind } from './detect-kind';
import { sortFindings, type Finding, type Range, type Severity } from './finding';
import type { PipelineKind } from './pipeline-kind';
import type { FindingInput, Rule, RuleContext } from './rule';
import { rulesFor } from './rules-registry';
import { isSuppressed, suppressedRules } from './suppression';
import { sourceWithLazyDocument, type SourceFile } from './yaml/source-file';
import { parseSourceReusing } from './yaml/source-cache';
import { isIgnoredByConfig } from './config-ignore';
import { insideUnsupportedTag } from './yaml/tag-and-alias-rules';
import { errorMessage } from '../errors';
import { isIn, locatedFindingsOf, type LocatedFinding } from './located-findings';
import type { AzureCheckFinding } from './azure/checks/graph';
import { azureRole } from './azure/roles';
import { keptTemplateSource, parsedTemplateFile } from './azure/templates/parse-cache';
import { validateAzurePipeline } from './azure/validate-azure';
import { validateAzureFiles } from './azure/validate-azure-files';
import { possibleIncluders } from './azure/includers';
import type { GitLabFinding } from './gitlab/finding';
import { listYamlFiles } from './gitlab/repository-files';
import { validateGitLabFiles } from './gitlab/validate-gitlab-files';
import { outlineAzure, type AzureOutline } from './azure/pipeline-outline';
import { outlineGitLab, type GitLabOutline } from './gitlab/pipeline-outline';
import { MAX_FILE_BYTES, readReachedFileSync } from './read-pipeline-file';

export { MAX_FILE_BYTES };

export interface ValidateOptions {
  /** Absolute path of the file (used for `./` references, ignore globs and messages). */
  readonly path: string;
  readonly text: string;
  /** Forces the kind; otherwise it is detected from the path and content. */
  readonly kind?: PipelineKind;
  /** The folder local references resolve against. */
  readonly root: string;
  readonly config?: ShipshapeConfig;
  readonly readFile?: (absolutePath: string) => string | undefined;
  /** For tests: run these rules instead of the registry's. */
  readonly rules?: readonly Rule[];
  readonly azure?: AzureOptions;
  /** Set when this file is validated on behalf of another (a local action at its uses: site): its own references are not followed. */
  readonly nested?: boolean;
  readonly gitlab?: GitLabOptions;
  /** A parse of `text` made already (lint parsed the file to tell its kind): used instead of parsing again. */
  readonly source?: SourceFile;
}

export interface AzureOptions {
  /** Another file references this one with `template:` (so it is a template, whatever its keys). */
  readonly referenced?: boolean;
  /** Repository aliases mapped to local folders (absolute). */
  readonly repositories?: Readonly<Record<string, string>>;
  /** This file's findings, already found with the repository's other files (validateAzureFiles). */
  readonly findings?: readonly AzureCheckFinding[];
  /**
   * The repository's Azure files (absolute; the editor's list): a template is then checked through
   * the files that include it, as `shipshape lint` does, with the chain it was found through.
   */
  readonly files?: readonly string[];
  /** Also outline the expanded file (the Pipelines view's stages, jobs and steps), from the same expansion. */
  readonly outline?: boolean;
}

export interface GitLabOptions {
  /** This file's findings, already found with the repository's other files (validateGitLabFiles). */
  readonly findings?: readonly GitLabFinding[];
  /** The repository's files, relative to `root` with forward slashes, for wildcard includes (default: its YAML files on disk). */
  readonly list?: () => readonly string[];
  /** Also outline the merged configuration (the Pipelines view's stages and jobs), from the same merge. */
  readonly outline?: boolean;
}

export interface ValidationResult {
  readonly kind: PipelineKind | undefined;
  readonly findings: readonly Finding[];
  /** Azure files validated with `azure.outline`. */
  readonly azureOutline?: AzureOutline;
  /** GitLab files validated with `gitlab.outline`. */
  readonly gitlabOutline?: GitLabOutline;
}

/**
 * Validates one pipeline file, synchronously and without running other
 * programs (shellcheck, pyflakes). Never throws: a rule that fails becomes a
 * finding saying so.
 */
export function validatePipeline(options: ValidateOptions): ValidationResult {
  return startValidation(options).finish();
}

/**
 * validatePipeline plus the rules that run other programs, asynchronously
 * (bounded: see run-program.ts). The signal stops those programs. Never rejects.
 */
export async function validatePipelineWithPrograms(options: ValidateOptions, signal?: AbortSignal): Promise<ValidationResult> {
  const validation = startValidation(options);
  await Promise.all(validation.external.map((check) => check(signal)));
  return validation.finish();
}

interface StartedValidation {
  /** The checkWithPrograms parts of the rules; each reports into this validation and never rejects. */
  readonly external: readonly ((signal?: AbortSignal) => Promise<void>)[];
  /** Drops what is suppressed, ignored or after a syntax error, and sorts. */
  finish(): ValidationResult;
}

/** Parses once and runs the synchronous rules; findings of the asynchronous ones join before finish(). */
function startValidation(options: ValidateOptions): StartedValidation {
  const relativePath = relative(options.root, options.path).split('\\').join('/');
  const whole = (severity: Severity, rule: string, message: string): Finding => ({
    rule,
    severity,
    message,
    range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  });
  const done = (result: ValidationResult): StartedValidation => ({ external: [], finish: () => result });
  // A UTF-16 unit takes at most 3 bytes in UTF-8: most texts need no byte count.
  if (options.text.length * 3 > MAX_FILE_BYTES && Buffer.byteLength(options.text, 'utf8') > MAX_FILE_BYTES) {
    const kind = options.kind ?? detectKind(relativePath, undefined);
    return done({
      kind,
      findings: kind ? [whole('info', 'file-too-large', `This file is over ${MAX_FILE_BYTES / 1024 / 1024} MB, so Shipshape does not check it.`)] : [],
    });
  }

  // An Azure file just expanded with its repository (lint) is parsed already.
  // A GitLab file is read by the GitLab pass (parseGitLabFile, its parses kept); this parse would only place findings.
  const source =
    options.kind === 'gitlab-ci' && !options.rules
      ? sourceWithLazyDocument(options.path, options.text, () => parseSourceReusing(options.text, options.path).doc)
      : (keptTemplateSource(options.path, options.text) ??
        (options.source?.text === options.text ? options.source : parseSourceReusing(options.text, options.path)));
  const kind = options.kind ?? detectKind(relativePath, source.doc);
  if (!kind) return done({ kind, findings: [] });

  const config = options.config ?? EMPTY_CONFIG;
  const findings: Finding[] = [];
  // GitLab files are read by the GitLab pass, as GitLab reads them (a `spec:` header makes two documents).
  const syntaxError = kind === 'gitlab-ci' ? undefined : source.doc.errors[0];
  if (syntaxError) {
    const [start, end] = syntaxError.pos;
    findings.push({
      rule: 'yaml-syntax',
      severity: 'error',
      message: yamlErrorMessage(syntaxError.message),
      range: source.rangeOf(start, Math.max(end, start + 1)),
    });
  }

  const withReader = { ...options, readFile: memoizedReader(options.readFile ?? readReachedFileSync) };
  let azureOutline: AzureOutline | undefined;
  let gitlabOutline: GitLabOutline | undefined;
  if (kind === 'azure-pipelines') {
    try {
      const azure = azureFindings(source, withReader, config);
      findings.push(...azure.findings);
      azureOutline = azure.outline;
    } catch (error) {
      findings.push(whole('warning', 'internal', `Shipshape could not finish the Azure Pipelines checks on this file: ${errorMessage(error)}`));
    }
  }
  if (kind === 'gitlab-ci') {
    try {
      const gitlab = gitLabFindings(source, withReader, config);
      findings.push(...gitlab.findings);
      gitlabOutline = gitlab.outline;
    } catch (error) {
      findings.push(whole('warning', 'internal', `Shipshape could not finish the GitLab CI checks on this file: ${errorMessage(error)}`));
    }
  }
  const rules = options.rules ?? (kind === 'azure-pipelines' || kind === 'gitlab-ci' ? [] : rulesFor(kind));
  const validateFile = options.nested ? undefined : otherFileValidator(withReader, config);
  const external: ((signal?: AbortSignal) => Promise<void>)[] = [];
  const failed = (rule: Rule, error: unknown) =>
    findings.push(whole('warning', 'internal', `Shipshape could not finish the "${rule.id}" check on this file: ${errorMessage(error)}`));
  for (const rule of rules) {
    if (config.rules[rule.id] === 'off') continue;
    const context = ruleContext(source, kind, withReader, config, rule, findings, validateFile);
    try {
      rule.check(context);
    } catch (error) {
      failed(rule, error);
    }
    const withPrograms = rule.checkWithPrograms?.bind(rule);
    if (withPrograms) external.push((signal) => withPrograms(context, signal).catch((error: unknown) => void failed(rule, error)));
  }

  const finish = (): ValidationResult => {
    // After a syntax error only what comes before it is trustworthy.
    const errorLine = syntaxError ? source.positionAt(syntaxError.pos[0]).line : Infinity;
    const suppressed = suppressedRules(options.text);
    // GitLab reads `!reference`: only GitHub's files have tags that hide what is under them.
    const underTag = kind === 'gitlab-ci' ? () => false : insideUnsupportedTag(source);
    // A specific rule explains better than the schema: the generic finding at the same spot goes.
    const specific = new Set(findings.filter((f) => f.rule !== 'syntax-check').map((f) => `${f.range.start.line}:${f.range.start.column}`));
    const kept = findings
      .filter((finding) => !(finding.rule === 'syntax-check' && specific.has(`${finding.range.start.line}:${finding.range.start.column}`)))
      .filter(
        (finding) =>
          (finding.rule === 'yaml-syntax' || finding.rule === 'internal' || finding.range.end.line < errorLine) &&
          !underTag(finding.range) &&
          !isSuppressed(suppressed, finding.range.start.line, finding.rule) &&
          !isIgnoredByConfig(config, relativePath, finding.message),
      );
    return { kind, findings: sortFindings(kept), ...(azureOutline ? { azureOutline } : {}), ...(gitlabOutline ? { gitlabOutline } : {}) };
  };
  return { external, finish };
}

/**
 * The Azure checks (one pass over the expanded pipeline), this file's part, with the config's
 * severities. A syntax error is already reported as yaml-syntax: the same one from the Azure
 * parse is dropped.
 */
function azureFindings(
  source: SourceFile,
  options: ValidateOptions & { readFile: (path: string) => string | undefined },
  config: ShipshapeConfig,
): { findings: Finding[]; outline?: AzureOutline } {
  const read = (file: string): string | undefined => (file === options.path ? options.text : options.readFile(file));
  let found = options.azure?.findings;
  let outline: AzureOutline | undefined;
  const repositories = options.azure?.repositories ?? azureRepositoryFolders(config, options.root);
  const includers = !found && options.azure?.files ? possibleIncluders(options.path, options.azure.files, read) : [];
  if (includers.length)
    found =
      validateAzureFiles({ files: [options.path, ...includers], repositoryRoot: options.root, read, repositories, tasks: config.azure.tasks }).findings.get(
        options.path,
      ) ?? [];
  if (!found || options.azure?.outline) {
    // As validateAzureFiles does for a repository: the role from the keys, the path and who references the file.
    const role = azureRole(
      parsedTemplateFile(options.path, options.text, source).root,
      options.azure?.referenced === true,
      relative(options.root, options.path),
    );
    const validation = validateAzurePipeline({
      file: options.path,
      repositoryRoot: options.root,
      read,
      repositories,
      tasks: config.azure.tasks,
      template: role !== 'pipeline',
      role,
    });
    // A template checked through its includers keeps those findings; its own expansion only gives the outline.
    found ??= [...validation.findings, ...cyclesThroughHere(validation.findings, options.path, options.root)];
    if (options.azure?.outline) outline = outlineAzure(validation.expansion, role);
  }
  const syntaxErrors = new Set(source.doc.errors.map((error) => error.pos[0]));
  const findings = configured(source, options.path, found, read, config, (finding) => finding.rule === 'azure-yaml' && syntaxErrors.has(finding.origin.start));
  return outline ? { findings, outline } : { findings };
}

/**
 * The GitLab checks (one pass over the merged configuration), this file's part, with the config's
 * severities. The file is checked as `validateGitLabFiles` checks a repository's: a file the
 * repository's `.gitlab-ci.yml` includes is checked through it.
 */
function gitLabFindings(
  source: SourceFile,
  options: ValidateOptions & { readFile: (path: string) => string | undefined },
  config: ShipshapeConfig,
): { findings: Finding[]; outline?: GitLabOutline } {
  const read = (file: string): string | undefined => (file === options.path ? options.text : options.readFile(file));
  let found = options.gitlab?.findings;
  let outline: GitLabOutline | undefined;
  if (!found) {
    const result = validateGitLabFiles({
      files: [options.path],
      repositoryRoot: options.root,
      read,
      list: options.gitlab?.list ?? (() => listYamlFiles(options.root)),
      // The text being edited exists whatever the disk says; other files are looked up, not read.
      exists: (file) => file === options.path || existsSync(file),
    });
    const own = result.findings.get(options.path) ?? [];
    // A loop that closes here is shown here already; one that closes elsewhere, at this file's line into it.
    const merged = own.some((finding) => finding.cycle) ? [] : [...result.merged.values()].flatMap((config) => config.problems);
    found = [...own, ...includeCyclesThroughHere(merged, options.path, options.root)];
    if (options.gitlab?.outline) {
      // Its own merge, else (an included file) the merge of the configuration that includes it.
      const configuration = result.merged.get(options.path) ?? [...result.merged.values()].find((other) => other.files.includes(options.path));
      if (configuration) outline = outlineGitLab(configuration, options.path, options.root);
    }
  }
  const findings = configured(source, options.path, found, read, config, () => false);
  return outline ? { findings, outline } : { findings };
}

/**
 * An include cycle closes in another file, whose line the editor shows only when that file is
 * open: the include line of this file that leads into the loop says so (as for Azure's templates,
 * cyclesThroughHere). Lint files every finding under its own file and needs none of this.
 */
function includeCyclesThroughHere(found: readonly GitLabFinding[], path: string, root: string): GitLabFinding[] {
  const lifted = new Map<string, GitLabFinding>();
  for (const finding of found) {
    const index = finding.via?.findIndex((origin) => isIn(origin, path)) ?? -1;
    const here = finding.via?.[index];
    if (!finding.cycle || isIn(finding.origin, path) || !here) continue;
    const where = relative(root, finding.origin.file).split('\\').join('/');
    const via = finding.via?.slice(0, index) ?? [];
    const message = `An include cycle: in ${where}, ${finding.message}`;
    lifted.set(`${here.start}\0${message}`, { rule: finding.rule, severity: finding.severity, message, origin: here, ...(via.length ? { via } : {}) });
  }
  return [...lifted.values()];
}

/** Located findings of this file with the config's levels (`off` dropped), and related locations. */
function configured(
  source: SourceFile,
  path: string,
  found: readonly LocatedFinding[],
  read: (file: string) => string | undefined,
  config: ShipshapeConfig,
  drop: (finding: LocatedFinding) => boolean,
): Finding[] {
  const kept = found.filter((finding) => config.rules[finding.rule] !== 'off' && !drop(finding));
  return locatedFindingsOf(path, source, kept, read).map((finding) => {
    const override = config.rules[finding.rule];
    return override && override !== 'off' ? { ...finding, severity: override } : finding;
  });
}

/**
 * A cycle closes in another file (its `template:` line leads back here), which the editor shows
 * only when that file is validated, and whose own validation finds the cycle closing here instead:
 * so neither file would show it. This file's reference that starts the loop says so. (Lint files
 * every finding under its own file, so it needs none of this.)
 */
function cyclesThroughHere(found: readonly AzureCheckFinding[], path: string, root: string): AzureCheckFinding[] {
  const lifted: AzureCheckFinding[] = [];
  for (const finding of found) {
    const first = finding.via?.[0];
    if (!finding.cycle || isIn(finding.origin, path) || !first || !isIn(first, path)) continue;
    const where = relative(root, finding.origin.file).split('\\').join('/');
    lifted.push({ rule: finding.rule, severity: finding.severity, message: `A template cycle: in ${where}, ${finding.message}`, origin: first });
  }
  return lifted;
}

/** One validation reads each other file (local actions, callees) once, however many steps use it. */
function memoizedReader(read: (path: string) => string | undefined): (path: string) => string | undefined {
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) cache.set(path, read(path));
    return cache.get(path);
  };
}

/** Validates other files of the repository (same root, config and reader), each once, without following their own references. */
function otherFileValidator(options: ValidateOptions & { readFile: (path: string) => string | undefined }, config: ShipshapeConfig) {
  const done = new Map<string, readonly Finding[]>();
  const validate = (path: string, kind: PipelineKind, rules?: readonly Rule[]): readonly Finding[] => {
    const text = options.readFile(path);
    if (text === undefined) return [];
    return validatePipeline({ path, text, kind, root: options.root, config, readFile: options.readFile, nested: true, ...(rules ? { rules } : {}) }).findings;
  };
  const once = (key: string, find: () => readonly Finding[]): readonly Finding[] => {
    let findings = done.get(key);
    if (!findings) done.set(key, (findings = find()));
    return findings;
  };
  const withEveryRule = (path: string, kind: PipelineKind) => once(`${kind}\0${path}`, () => validate(path, kind));
  return (path: string, kind: PipelineKind, only?: ReadonlySet<string>): readonly Finding[] => {
    if (!only) return withEveryRule(path, kind);
    return once(`${kind}\0${path}\0${[...only].join('\0')}`, () => {
      const every = done.get(`${kind}\0${path}`);
      if (every) return every.filter((finding) => only.has(finding.rule));
      const found = validate(
        path,
        kind,
        rulesFor(kind).filter((rule) => only.has(rule.id)),
      );
      // finish() drops a schema finding where another rule reports at the same spot: only every rule tells which go.
      const exact = found.some((finding) => finding.rule === 'syntax-check') ? withEveryRule(path, kind) : found;
      return exact.filter((finding) => only.has(finding.rule));
    });
  };
}

function ruleContext(
  source: SourceFile,
  kind: PipelineKind,
  options: ValidateOptions,
  config: ShipshapeConfig,
  rule: Rule,
  sink: Finding[],
  validateFile: RuleContext['validateFile'],
): RuleContext {
  const override = config.rules[rule.id];
  return {
    source,
    kind,
    root: options.root,
    config,
    readFile: options.readFile ?? readReachedFileSync,
    ...(validateFile ? { validateFile } : {}),
    report(input: FindingInput) {
      const severity = override && override !== 'off' ? override : (input.severity ?? rule.defaultSeverity);
      sink.push({
        rule: rule.id,
        severity,
        message: input.message,
        range: toRange(source, input.at),
        ...(input.fixes?.length ? { fixes: input.fixes } : {}),
        ...(input.related?.length ? { related: input.related } : {}),
        ...(input.advisory ? { advisory: true } : {}),
      });
    },
  };
}

function toRange(source: SourceFile, at: FindingInput['at']): Range {
  if (!at) return source.rangeOf(0, 0);
  if (Array.isArray(at)) return source.rangeOf(at[0] as number, at[1] as number);
  if ('start' in at && 'end' in at && typeof at.start === 'object') return at as Range;
  return source.nodeRange(at as Parameters<SourceFile['nodeRange']>[0]);
}

/** The yaml library's messages end with a position excerpt; keep the sentence. */
function yamlErrorMessage(message: string): string {
  const sentence = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
  return `YAML syntax error: ${sentence}`;
}
