/**
 * Expands an Azure Pipelines file as Azure DevOps compiles it, offline and pure (files are read
 * through `read`): local templates with their parameters, `${{ if / elseif / else / each /
 * insert }}`, compile-time expressions, `extends`, Azure's limits (100 files, 20 levels) and
 * cycles. Every node keeps where it was written and the `template:` lines that brought it in, so
 * checks on the result point at the line a person wrote.
 *
 * What cannot be known offline (run-time variables, queue-time parameters, other repositories)
 * stays unknown: an `${{ if }}` on it keeps all its branches, marked `undecided`, so checks can
 * avoid claims that depend on which branch runs.
 */
import {
  evaluateAzure,
  findEmbeddedExpressions,
  isUnknown,
  openObject,
  parseAzureExpression,
  toBoolean,
  toText,
  wholeCompileExpression,
  AzureUnknown,
  type AzureScope,
  type AzureValue,
  type EmbeddedExpression,
} from '../expressions';
import { didYouMean } from '../../expressions/suggest';
import { missingParameterFix, type AzureFix } from '../azure-fixes';
import { bindParameters, readDeclarations } from './parameters';
import { resolveTemplatePath } from './template-paths';
import {
  entryOf,
  keyText,
  scalarText,
  valueOf,
  type AEntry,
  type AMap,
  type ANode,
  type AScalar,
  type ASeq,
  type Origin,
  type ParsedTemplateFile,
} from './tree';
import { valueToNode } from './values';
import { parsedTemplateFile } from './parse-cache';
import { keep, keptResults } from './kept-results';
import { hasCompileExpression } from './long-texts';

export const AZURE_LIMITS = { files: 100, depth: 20, nodes: 100_000 } as const;

export interface ExpandRequest {
  /** Absolute path of the file to expand (a pipeline, or a template checked on its own). */
  readonly file: string;
  readonly repositoryRoot: string;
  /** A file's text, or undefined when it does not exist. */
  readonly read: (file: string) => string | undefined;
  /** Values for the pipeline's own parameters (`--param name=value`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Repository aliases mapped to local folders (absolute). */
  readonly repositories?: Readonly<Record<string, string>>;
  /**
   * The file is a template checked on its own: its parameters come from callers not seen here, so
   * every one is unknown (defaults are only one possibility) and what depends on them undecided.
   */
  readonly template?: boolean;
}

export type ExpansionRule = 'azure-yaml' | 'azure-template' | 'azure-template-parameters' | 'azure-expression' | 'azure-template-remote' | 'azure-keys';

export interface ExpansionProblem {
  readonly rule: ExpansionRule;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly origin: Origin;
  /** The `template:` references the problem was found through, outermost first. */
  readonly via: readonly Origin[];
  /** A template cycle, found at the reference that closes it. */
  readonly cycle?: true;
  readonly fixes?: readonly AzureFix[];
}

export interface Expansion {
  readonly root: ANode | undefined;
  readonly problems: readonly ExpansionProblem[];
  /** Every file read, the entry first. */
  readonly files: readonly string[];
  /** Some `${{ if }}` or `${{ each }}` could not be decided, or a template was not read. */
  readonly undecided: boolean;
  /** The parsed files, for placing origins on lines. */
  readonly parsed: ReadonlyMap<string, ParsedTemplateFile>;
  /** `template: x.yml@alias` references (other than `@self`): the pipeline must declare each alias in `resources.repositories`. */
  readonly repositoryReferences: readonly RepositoryReference[];
  /** A template the pipeline extends was not followed (another repository's, or one extending another): it may declare resources not shown. */
  readonly extendsNotFollowed: boolean;
}

export interface RepositoryReference {
  readonly alias: string;
  readonly origin: Origin;
  readonly via: readonly Origin[];
  /** In a branch not decided offline. */
  readonly undecided: boolean;
}

/** What an error in a branch not decided offline says besides (it is then a warning). */
export const UNDECIDED_NOTE = ' (in an ${{ if }} or ${{ each }} not decided offline: an error if it is taken)';

/** A list key whose items may be `- template:` references, and the key the template holds them under. */
const TEMPLATE_PLACES = new Set(['steps', 'jobs', 'stages', 'variables']);

interface Frame {
  readonly file: string;
  readonly root: string;
  readonly scope: Readonly<Record<string, AzureValue>>;
  readonly via: readonly Origin[];
  readonly depth: number;
  /** Inside a branch not decided offline: it may never be taken, so what it holds is not an error for sure. */
  readonly undecided?: boolean;
}

/** The same expression text recurs in every `each` round and every expansion of a template: parsed once. */
const parsedExpressions = keptResults<string, ReturnType<typeof parseAzureExpression>>();

/** The `${{ }}` of a scalar's text: the whole text as one, or each one embedded. */
interface CompileParts {
  readonly whole: EmbeddedExpression | undefined;
  readonly embedded: readonly EmbeddedExpression[] | undefined;
}
const compileParts = keptResults<string, CompileParts>();
function compilePartsOf(text: string): CompileParts {
  let parts = compileParts.get(text);
  if (!parts) {
    const whole = wholeCompileExpression(text);
    parts = keep(compileParts, text, { whole, embedded: whole ? undefined : findEmbeddedExpressions(text, true) });
  }
  return parts;
}

const DIRECTIVE = /^\$\{\{\s*(if|elseif|else|each|insert)\b([\s\S]*?)\}\}\s*$/;
const EACH = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([\s\S]+)$/;

/** A directive key read: its word, the rest, and for `each` the name and collection (null when not written so). */
interface Directive {
  readonly word: string;
  readonly rest: string;
  readonly each: { readonly name: string; readonly source: string } | null;
}
/** The same directive keys recur in every expansion of a template (and every `each` round): read once. */
const directives = keptResults<string, Directive | null>();
function directiveOf(text: string): Directive | undefined {
  let known = directives.get(text);
  if (known === undefined) {
    const match = DIRECTIVE.exec(text);
    const [, word = '', rest = ''] = match ?? [];
    const each = match && word === 'each' ? EACH.exec(rest) : null;
    known = keep(directives, text, match ? { word, rest, each: each ? { name: each[1] ?? '', source: each[2] ?? '' } : null } : null);
  }
  return known ?? undefined;
}

/** Where a run of `${{ if }}`/`elseif`/`else` stands. */
interface Chain {
  state: 'none' | 'taken' | 'open' | 'undecided';
}

/** A frame with another scope or undecided mark, always built in one shape (its fields in one order). */
const frameWith = (frame: Frame, scope: Frame['scope'], undecided: boolean | undefined): Frame => ({
  file: frame.file,
  root: frame.root,
  scope,
  via: frame.via,
  depth: frame.depth,
  undecided,
});

/** A key that may be a directive: most keys are plain names, and skip the closure and the pattern. */
const isDirectiveKey = (key: AScalar): boolean => typeof key.value === 'string' && key.value.startsWith('${{');

class Expander {
  readonly problems: ExpansionProblem[] = [];
  readonly parsed = new Map<string, ParsedTemplateFile>();
  readonly repositoryReferences: RepositoryReference[] = [];
  extendsNotFollowed = false;
  undecided = false;
  private nodes = 0;
  overBudget = false;

  constructor(private readonly request: ExpandRequest) {}

  problem(
    rule: ExpansionRule,
    severity: ExpansionProblem['severity'],
    message: string,
    origin: Origin,
    frame: Frame,
    extra: { readonly cycle?: true; readonly fixes?: readonly AzureFix[] } = {},
  ): void {
    // In a branch that may never be taken, a would-be error is a warning: Azure fails only if it is taken.
    if (frame.undecided && severity === 'error') {
      severity = 'warning';
      message = `${message}${UNDECIDED_NOTE}`;
    }
    this.problems.push({
      rule,
      severity,
      message,
      origin,
      via: frame.via,
      ...(extra.cycle ? { cycle: extra.cycle } : {}),
      ...(extra.fixes?.length ? { fixes: extra.fixes } : {}),
    });
  }

  /** Files found missing: `x@self` paths and includes probe the same ones again. */
  private readonly missing = new Set<string>();

  parse(file: string): ParsedTemplateFile | undefined {
    const known = this.parsed.get(file);
    if (known) return known;
    if (this.missing.has(file)) return undefined;
    const text = this.request.read(file);
    if (text === undefined) {
      this.missing.add(file);
      return undefined;
    }
    const parsed = parsedTemplateFile(file, text);
    this.parsed.set(file, parsed);
    return parsed;
  }

  private count(frame: Frame, origin: Origin): boolean {
    if (this.overBudget) return false;
    if (++this.nodes <= AZURE_LIMITS.nodes) return true;
    this.overBudget = true;
    this.problem(
      'azure-template',
      'error',
      `The expanded pipeline is too large (over ${AZURE_LIMITS.nodes.toLocaleString('en-US')} nodes): check the \${{ each }} loops.`,
      origin,
      frame,
    );
    return false;
  }

  // ---- expressions -------------------------------------------------------------------------

  evaluate(source: string, at: Origin, frame: Frame): AzureValue | undefined {
    const parsed = parsedExpressions.get(source) ?? keep(parsedExpressions, source, parseAzureExpression(source));
    const evaluation = parsed.expr ? evaluateAzure(parsed.expr, this.scopeOf(frame.scope)) : undefined;
    const problem = parsed.problem ?? evaluation?.problem;
    if (problem) {
      this.problem('azure-expression', 'error', problem.message, this.inScalar(at, source, problem.start, problem.end), frame);
      return undefined;
    }
    return evaluation?.value;
  }

  /**
   * The evaluator's view of a frame's names: one for the expander, pointed at the scope being
   * evaluated (evaluation never re-enters the expander). The evaluator asks `has` then `value` for
   * the same name: the second answer is the first one's, kept while the scope stays the same.
   */
  private names: Frame['scope'] = {};
  private lastName: string | undefined;
  private lastFound: AzureValue | undefined;
  private readonly find = (name: string): AzureValue | undefined => {
    if (name !== this.lastName) {
      this.lastName = name;
      this.lastFound = lookup(this.names, name);
    }
    return this.lastFound;
  };
  private readonly view: AzureScope = { names: { has: (name: string) => this.find(name) !== undefined }, value: this.find, compileTime: true };
  private scopeOf(names: Frame['scope']): AzureScope {
    if (names !== this.names) {
      this.names = names;
      this.lastName = undefined;
    }
    return this.view;
  }

  /** The offsets of part of an expression inside its scalar, where the file shows it verbatim. */
  private inScalar(at: Origin, source: string, start: number, end: number): Origin {
    const text = this.parsed.get(at.file)?.source.text ?? '';
    const found = text.slice(at.start, at.end).indexOf(source);
    return found < 0 ? at : { file: at.file, start: at.start + found + start, end: at.start + found + Math.max(end, start + 1) };
  }

  scalar(node: AScalar, frame: Frame): ANode {
    if (typeof node.value !== 'string' || !hasCompileExpression(node.value)) return node;
    const { whole, embedded = [] } = compilePartsOf(node.value);
    if (whole) {
      const value = this.evaluate(whole.source, node.origin, frame);
      if (value === undefined) return scalarWith(node, '', true);
      return valueToNode(value, node.origin);
    }
    let unknown = false;
    let text = '';
    let from = 0;
    for (const found of embedded) {
      text += node.value.slice(from, found.start);
      from = found.end;
      if (found.kind !== 'compile') {
        text += node.value.slice(found.start, found.end);
        continue;
      }
      if (found.unclosed) {
        this.problem('azure-expression', 'error', 'This ${{ has no closing }}.', node.origin, frame);
        text += node.value.slice(found.start);
        from = node.value.length;
        continue;
      }
      const value = this.evaluate(found.source, node.origin, frame);
      if (value === undefined || isUnknown(value)) {
        unknown = true;
        text += node.value.slice(found.start, found.end);
      } else if (typeof value === 'object' && value !== null && !('text' in value)) {
        this.problem(
          'azure-expression',
          'error',
          'A mapping or sequence cannot be inserted into text: use the whole value (`key: ${{ parameters.x }}`).',
          node.origin,
          frame,
        );
      } else text += toText(value);
    }
    text += node.value.slice(from);
    return scalarWith(node, text, unknown);
  }

  // ---- the tree ------------------------------------------------------------------------------

  value(node: ANode, frame: Frame, place: string | undefined): ANode {
    if (!this.count(frame, node.origin)) return node;
    // What a template brings in remembers the `template:` lines it came through.
    const via = frame.via.length > 0 && !node.via ? frame.via : undefined;
    // Outside templates (no `via` to add) a node nothing changed is kept as it is, not copied.
    if (node.kind === 'seq') {
      const items = this.items(node.items, frame, place);
      return via || !same(items, node.items) ? seqWith(node, items, via) : node;
    }
    if (node.kind === 'map') {
      const entries = this.entries(node, frame);
      return via || !same(entries, node.entries) ? mapWith(node, entries, via) : node;
    }
    const result = this.scalar(node, frame);
    return via && !result.via ? withVia(result, via) : result;
  }

  /** A directive's condition: true, false, or undefined when it cannot be known offline. */
  private condition(source: string, at: Origin, frame: Frame): boolean | undefined {
    if (source.trim() === '') {
      this.problem('azure-expression', 'error', 'Expected an expression after `if`.', at, frame);
      return false;
    }
    const value = this.evaluate(source, at, frame);
    if (value === undefined) return false;
    if (isUnknown(value)) return undefined;
    return toBoolean(value);
  }

  /**
   * Walks a run of directive keys (or single-key sequence items) with the if/elseif/else chain
   * state, calling `emit` with what each taken branch contributes.
   */
  private directive(key: AScalar, value: ANode, frame: Frame, chain: Chain, emit: (branch: ANode, frame: Frame, undecided: boolean) => void): boolean {
    const parts = typeof key.value === 'string' ? directiveOf(key.value) : undefined;
    if (!parts) {
      chain.state = 'none';
      return false;
    }
    const { word, rest } = parts;
    if (word === 'if' || word === 'elseif') {
      if (word === 'elseif' && chain.state === 'none') {
        this.problem('azure-template', 'error', '`${{ elseif }}` must follow an `${{ if }}` or another `${{ elseif }}`.', key.origin, frame);
        return true;
      }
      if (word === 'elseif' && chain.state === 'taken') return true;
      const decided = this.condition(rest, key.origin, frame);
      const wasUndecided = word === 'elseif' && chain.state === 'undecided';
      if (decided === undefined || (wasUndecided && decided !== false)) {
        this.undecided = true;
        chain.state = 'undecided';
        emit(value, frameWith(frame, frame.scope, true), true);
      } else if (decided) {
        chain.state = 'taken';
        emit(value, frame, false);
      } else if (!wasUndecided) chain.state = 'open';
      return true;
    }
    if (word === 'else') {
      if (chain.state === 'none') this.problem('azure-template', 'error', '`${{ else }}` must follow an `${{ if }}` or `${{ elseif }}`.', key.origin, frame);
      else if (chain.state === 'open') emit(value, frame, false);
      else if (chain.state === 'undecided') emit(value, frameWith(frame, frame.scope, true), true);
      chain.state = 'none';
      return true;
    }
    chain.state = 'none';
    if (word === 'insert') {
      emit(value, frame, false);
      return true;
    }
    // each NAME in EXPRESSION
    const each = parts.each;
    if (!each) {
      this.problem('azure-template', 'error', 'Write `${{ each item in collection }}`.', key.origin, frame);
      return true;
    }
    const { name, source } = each;
    const collection = this.evaluate(source, key.origin, frame);
    if (collection === undefined) return true;
    const bind = (item: AzureValue, undecided = frame.undecided): Frame => frameWith(frame, { ...frame.scope, [name]: item }, undecided);
    if (isUnknown(collection)) {
      this.undecided = true;
      emit(value, bind(collection, true), true);
    } else if (Array.isArray(collection)) for (const item of collection as AzureValue[]) emit(value, bind(item), false);
    else if (typeof collection === 'object' && collection !== null && !('text' in collection))
      for (const [itemKey, itemValue] of Object.entries(collection)) emit(value, bind({ key: itemKey, value: itemValue }), false);
    else if (collection !== null)
      this.problem('azure-template', 'error', `\${{ each }} needs a sequence or a mapping, not '${toText(collection)}'.`, key.origin, frame);
    return true;
  }

  entries(map: AMap, frame: Frame): AEntry[] {
    const out: AEntry[] = [];
    // The if/elseif/else state, made at the first directive key (most mappings have none).
    let chain: Chain | undefined;
    for (const entry of map.entries) {
      if (this.overBudget) break;
      const handled =
        isDirectiveKey(entry.key) &&
        this.directive(entry.key, entry.value, frame, (chain ??= { state: 'none' }), (branch, branchFrame, undecided) => {
          if (branch.kind === 'scalar' && branch.value === null) return;
          const expanded = this.value(branch, branchFrame, undefined);
          if (expanded.kind === 'scalar' && expanded.unknown) {
            // Keys not known offline: kept as one unknown key, so checks know this mapping holds more than they see.
            this.undecided = true;
            out.push({ key: { kind: 'scalar', value: keyText(entry), unknown: true, origin: entry.key.origin }, value: expanded });
            return;
          }
          if (expanded.kind === 'scalar' && (expanded.value === null || expanded.value === '')) return;
          if (expanded.kind !== 'map') {
            this.problem('azure-template', 'error', 'Expected a mapping here (the keys to insert).', branch.origin, branchFrame);
            return;
          }
          for (const inner of expanded.entries) out.push(undecided ? { key: undecidedOf(inner.key), value: undecidedOf(inner.value) } : inner);
        });
      if (handled) continue;
      if (chain) chain.state = 'none';
      const scalar = this.scalar(entry.key, frame);
      const key = scalar.kind === 'scalar' ? scalar : entry.key;
      const value = this.value(entry.value, frame, keyText(entry));
      out.push(key === entry.key && value === entry.value ? entry : { key, value });
    }
    return out;
  }

  items(items: readonly ANode[], frame: Frame, place: string | undefined): ANode[] {
    const out: ANode[] = [];
    let chain: Chain | undefined;
    for (const item of items) {
      if (this.overBudget) break;
      const only = item.kind === 'map' && item.entries.length === 1 ? (item.entries[0] as AEntry) : undefined;
      // `- ${{ each pair in step }}:` over a mapping: every round inserts its keys into this one item
      // (the wrapper that rebuilds a step key by key), not an item per round.
      if (only && only.value.kind === 'map' && isDirectiveKey(only.key) && directiveOf(String(only.key.value))?.word === 'each') {
        if (chain) chain.state = 'none';
        const expanded = this.value(item, frame, undefined);
        if (expanded.kind !== 'map' || expanded.entries.length > 0) out.push(expanded);
        continue;
      }
      const handled =
        only !== undefined &&
        isDirectiveKey(only.key) &&
        this.directive(only.key, only.value, frame, (chain ??= { state: 'none' }), (branch, branchFrame, undecided) => {
          if (branch.kind === 'scalar' && branch.value === null) return;
          const spliced = branch.kind === 'seq' ? this.items(branch.items, branchFrame, place) : this.items([branch], branchFrame, place);
          for (const node of spliced) out.push(undecided ? undecidedOf(node) : node);
        });
      if (handled) continue;
      if (chain) chain.state = 'none';
      // `- ${{ parameters.steps }}`: a list value is spliced in place.
      if (item.kind === 'scalar' && typeof item.value === 'string' && item.value.includes('${{') && compilePartsOf(item.value).whole) {
        const expanded = this.scalar(item, frame);
        if (expanded.kind === 'seq') out.push(...this.items(expanded.items, frame, place));
        else if (expanded.kind === 'map') out.push(...this.items([expanded], frame, place));
        else if (!(expanded.value === null || expanded.value === '') || expanded.unknown) out.push(expanded);
        continue;
      }
      if (item.kind === 'map' && place && TEMPLATE_PLACES.has(place) && entryOf(item, 'template')) {
        out.push(...this.include(item, frame, place));
        continue;
      }
      out.push(this.value(item, frame, undefined));
    }
    return out;
  }

  // ---- templates ------------------------------------------------------------------------------

  /** The content of the template a `- template:` item names, expanded with its parameters. */
  include(reference: AMap, frame: Frame, place: string): ANode[] {
    const loaded = this.load(reference, frame, place);
    // A template not read (another repository, a missing file) stays as an undecided placeholder:
    // checks then know this list may hold names they cannot see.
    if (!loaded) return [{ undecided: true, ...reference }];
    // The template's keys may sit under its own `${{ if }}`s: expand its root, then take what goes here.
    const expanded = this.entries(contentOf(loaded.root), loaded.frame);
    let content: ANode | undefined;
    for (let index = expanded.length - 1; index >= 0 && !content; index--) if (keyText(expanded[index] as AEntry) === place) content = expanded[index]?.value;
    if (!content) {
      if (!expanded.some((candidate) => candidate.key.undecided))
        this.problem('azure-template', 'error', `The template has no '${place}' to insert here.`, loaded.at, frame);
      return [];
    }
    if (place === 'variables' && content.kind === 'map') return content.entries.map((variable) => variableItem(variable));
    if (content.kind === 'scalar' && (content.value === null || content.unknown)) return [];
    if (content.kind !== 'seq') {
      this.problem('azure-template', 'error', `'${place}' in the template must be a sequence.`, content.origin, loaded.frame);
      return [];
    }
    return [...content.items];
  }

  /** Reads, checks and binds the template a `template:` reference names. */
  load(source: AMap, frame: Frame, place: string): { root: AMap; frame: Frame; at: Origin } | undefined {
    // `${{ if }}` may choose the parameters (or the path) of a reference: expand it first, in the caller's scope.
    const reference = mapWith(source, this.entries(source, frame), undefined);
    const pathEntry = entryOf(reference, 'template');
    if (!pathEntry) return undefined;
    const at = pathEntry.value.origin;
    for (const entry of reference.entries) {
      const name = keyText(entry);
      if (name === 'template' || name === 'parameters' || entry.key.unknown) continue;
      // `extends:` is a pipeline key of its own: Azure names the place.
      if (place === 'extends')
        this.problem(
          'azure-keys',
          'error',
          `Unexpected value '${name}' in an extends.${didYouMean(name, ['template', 'parameters'])}`,
          entry.key.origin,
          frame,
        );
      else
        this.problem(
          'azure-template',
          'error',
          `Unexpected value '${name}': a template reference holds only 'template' and 'parameters'.`,
          entry.key.origin,
          frame,
        );
    }
    const path = pathEntry.value;
    const written = scalarText(path);
    const alias = written && path.kind === 'scalar' && !path.unknown ? repositoryAlias(written) : undefined;
    if (alias) this.repositoryReferences.push({ alias, origin: at, via: frame.via, undecided: frame.undecided === true });
    if (path.kind !== 'scalar' || path.unknown || !written) {
      this.undecided = true;
      if (!(path.kind === 'scalar' && path.unknown)) this.problem('azure-template', 'error', 'A template path is a file name.', at, frame);
      return undefined;
    }
    const target = resolveTemplatePath(
      written,
      frame.file,
      this.request.repositoryRoot,
      this.request.repositories,
      frame.root,
      (file) => this.parse(file) !== undefined,
    );
    if (target.kind === 'remote') {
      this.undecided = true;
      this.problem(
        'azure-template-remote',
        'info',
        `'${written}' is in the repository '${target.alias}': not resolved offline (map the alias to a local folder in the project config to check it).`,
        at,
        frame,
      );
      return undefined;
    }
    if (target.kind === 'outside') {
      this.problem('azure-template', 'error', `'${written}' is outside the repository.`, at, frame);
      return undefined;
    }
    if (frame.depth + 1 > AZURE_LIMITS.depth) {
      this.problem('azure-template', 'error', `Templates nest more than ${AZURE_LIMITS.depth} levels deep (Azure DevOps' limit).`, at, frame);
      return undefined;
    }
    if (frame.file === target.file || frame.via.some((origin) => origin.file === target.file)) {
      this.problem('azure-template', 'error', `'${written}' includes itself (a template cycle).`, at, frame, { cycle: true });
      return undefined;
    }
    // "No more than 100 separate YAML files may be included": the entry file is not one of them.
    if (!this.parsed.has(target.file) && this.parsed.size > AZURE_LIMITS.files) {
      this.problem('azure-template', 'error', `More than ${AZURE_LIMITS.files} template files are used (Azure DevOps' limit).`, at, frame);
      return undefined;
    }
    const template = this.parse(target.file);
    if (!template) {
      this.problem('azure-template', 'error', `Template file '${written}' not found.`, at, frame);
      return undefined;
    }
    const inner: Frame = {
      file: target.file,
      root: rootOf(target.file, this.request),
      scope: frame.scope,
      via: [...frame.via, at],
      depth: frame.depth + 1,
      undecided: undefined,
    };
    this.reportFileProblems(template, inner);
    if (template.root?.kind !== 'map') {
      if (template.root)
        this.problem('azure-template', 'error', 'A template file is a mapping (for example `steps:` with a list).', template.root.origin, inner);
      return undefined;
    }
    const { declarations, problems } = readDeclarations(valueOf(template.root, 'parameters'));
    for (const problem of problems) this.problem(problem.rule, problem.severity, problem.message, problem.origin, inner);
    const bound = bindParameters(declarations, valueOf(reference, 'parameters'), at, { open: reference.entries.some((entry) => entry.key.undecided === true) });
    for (const problem of bound.problems)
      this.problem(problem.rule, problem.severity, problem.message, problem.origin, frame, { fixes: this.missingFix(problem.missing, pathEntry, reference) });
    return { root: template.root, frame: frameWith(inner, { ...frame.scope, parameters: bound.values }, undefined), at };
  }

  /** Adding a required parameter at the reference, in the file it was written in. */
  private missingFix(name: string | undefined, template: AEntry, reference: AMap): AzureFix[] | undefined {
    const text = name === undefined ? undefined : this.parse(template.key.origin.file)?.source.text;
    const fix = text === undefined || name === undefined ? undefined : missingParameterFix(text, template, entryOf(reference, 'parameters'), name);
    return fix ? [fix] : undefined;
  }

  private reported = new Set<string>();
  reportFileProblems(file: ParsedTemplateFile, frame: Frame): void {
    if (this.reported.has(file.source.path)) return;
    this.reported.add(file.source.path);
    for (const problem of file.problems) this.problem(problem.rule, problem.severity, problem.message, problem.origin, frame);
  }
}

// A node with new parts, its other properties kept. The parse's plain nodes (most) are written out:
// about 5x faster than a spread. Where a spread is needed, new properties go before it: V8 gives each
// `{ ...node, via }` copy a hidden class of its own (about 25x slower to build, and every later read
// of it megamorphic); `{ via, ...node }` shares one.
function mapWith(node: AMap, entries: readonly AEntry[], via: readonly Origin[] | undefined): AMap {
  if (node.via === undefined && node.undecided === undefined)
    return via ? { kind: 'map', entries, origin: node.origin, via } : { kind: 'map', entries, origin: node.origin };
  return via ? { via, ...node, entries } : { ...node, entries };
}

function seqWith(node: ASeq, items: readonly ANode[], via: readonly Origin[] | undefined): ASeq {
  if (node.via === undefined && node.undecided === undefined && node.reference === undefined)
    return via ? { kind: 'seq', items, origin: node.origin, via } : { kind: 'seq', items, origin: node.origin };
  return via ? { via, ...node, items } : { ...node, items };
}

/** A scalar with another text (and marked unknown when `unknown`). */
function scalarWith(node: AScalar, value: string, unknown: boolean): AScalar {
  if (node.unknown === undefined && node.undecided === undefined) {
    if (node.via === undefined) return unknown ? { kind: 'scalar', value, origin: node.origin, unknown: true } : { kind: 'scalar', value, origin: node.origin };
    return unknown
      ? { kind: 'scalar', value, origin: node.origin, via: node.via, unknown: true }
      : { kind: 'scalar', value, origin: node.origin, via: node.via };
  }
  return unknown ? { unknown: true, ...node, value } : { ...node, value };
}

/** A node brought in by a branch not decided offline. */
function undecidedOf<T extends ANode>(node: T): T;
function undecidedOf(node: ANode): ANode {
  if (node.undecided === undefined) {
    const { origin, via } = node;
    if (node.kind === 'map')
      return via === undefined
        ? { kind: 'map', entries: node.entries, origin, undecided: true }
        : { kind: 'map', entries: node.entries, origin, via, undecided: true };
    if (node.kind === 'seq' && node.reference === undefined)
      return via === undefined ? { kind: 'seq', items: node.items, origin, undecided: true } : { kind: 'seq', items: node.items, origin, via, undecided: true };
    if (node.kind === 'scalar' && node.unknown === undefined)
      return via === undefined
        ? { kind: 'scalar', value: node.value, origin, undecided: true }
        : { kind: 'scalar', value: node.value, origin, via, undecided: true };
  }
  return { undecided: true, ...node };
}

/** A node (without `via`) brought in through `via`. */
function withVia(node: ANode, via: readonly Origin[]): ANode {
  if (node.kind === 'map') return mapWith(node, node.entries, via);
  if (node.kind === 'seq') return seqWith(node, node.items, via);
  if (node.unknown === undefined && node.undecided === undefined) return { kind: 'scalar', value: node.value, origin: node.origin, via };
  return { via, ...node };
}

/** A template's root but its `parameters`: what its expansion inserts. Made once per parse. */
const contents = new WeakMap<AMap, AMap>();
function contentOf(root: AMap): AMap {
  let content = contents.get(root);
  if (!content)
    contents.set(
      root,
      (content = mapWith(
        root,
        root.entries.filter((entry) => keyText(entry) !== 'parameters'),
        undefined,
      )),
    );
  return content;
}

/** Whether two lists hold the very same items. */
function same<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function variableItem(entry: AEntry): ANode {
  const origin = entry.key.origin;
  return {
    kind: 'map',
    origin,
    entries: [
      { key: { kind: 'scalar', value: 'name', origin }, value: entry.key },
      { key: { kind: 'scalar', value: 'value', origin }, value: entry.value },
    ],
  };
}

function lookup(scope: Readonly<Record<string, AzureValue>>, name: string): AzureValue | undefined {
  // `name` is lower case: a key of another length cannot match, and most match as written.
  for (const key in scope) if (key === name || (key.length === name.length && key.toLowerCase() === name)) return scope[key];
  return undefined;
}

function rootOf(file: string, request: ExpandRequest): string {
  for (const folder of Object.values(request.repositories ?? {})) if (file.startsWith(folder.endsWith('/') ? folder : `${folder}/`)) return folder;
  return request.repositoryRoot;
}

/** The compile-time `variables`: the pipeline's own literal ones; anything else is not known offline. */
function compileTimeVariables(root: AMap): AzureValue {
  const known: Record<string, AzureValue> = {};
  const variables = valueOf(root, 'variables');
  if (variables?.kind === 'map')
    for (const entry of variables.entries)
      if (entry.value.kind === 'scalar' && !String(entry.value.value).includes('$')) known[keyText(entry)] = entry.value.value;
  if (variables?.kind === 'seq')
    for (const item of variables.items) {
      const name = scalarText(valueOf(item, 'name'));
      const value = valueOf(item, 'value');
      if (name && value?.kind === 'scalar' && !String(value.value).includes('$')) known[name] = value.value;
    }
  return openObject(known, 'variables other than the literal ones in the YAML are known only when the run is queued');
}

const PIPELINE_CONTEXT = (): AzureValue => new AzureUnknown('pipeline values are known only when the run is queued');

/** Expands `request.file` as a pipeline: its parameters bound to their defaults (or the given values), `extends` followed. */
export function expandPipeline(request: ExpandRequest): Expansion {
  const expander = new Expander(request);
  const file = expander.parse(request.file);
  const frame: Frame = { file: request.file, root: rootOf(request.file, request), scope: {}, via: [], depth: 0, undecided: undefined };
  if (!file) {
    expander.problem('azure-template', 'error', 'The file could not be read.', { file: request.file, start: 0, end: 0 }, frame);
    return result(expander, undefined, request);
  }
  expander.reportFileProblems(file, frame);
  if (file.root?.kind !== 'map') return result(expander, file.root, request);
  const { declarations, problems } = readDeclarations(valueOf(file.root, 'parameters'));
  for (const problem of problems) expander.problem(problem.rule, problem.severity, problem.message, problem.origin, frame);
  const bound = bindParameters(declarations, undefined, file.root.origin, {
    queueTime: true,
    ...(request.parameters ? { overrides: request.parameters } : {}),
  });
  // A pipeline's defaults are what a run takes unless it is queued with others: checked as given values are.
  if (!request.template) for (const problem of bound.problems) expander.problem(problem.rule, problem.severity, problem.message, problem.origin, frame);
  // A template without typed declarations takes whatever its callers pass: all of it unknown here.
  const parameters =
    request.template && !declarations.typed
      ? new AzureUnknown('the parameters are given by the pipeline using this template')
      : request.template
        ? Object.fromEntries(
            declarations.list.map((declaration) => [
              declaration.name,
              new AzureUnknown(`the '${declaration.name}' parameter is given by the pipeline using this template`),
            ]),
          )
        : bound.values;
  const scope = { parameters, variables: compileTimeVariables(file.root), pipeline: PIPELINE_CONTEXT(), resources: PIPELINE_CONTEXT() };
  const top = frameWith(frame, scope, undefined);
  const extendsNode = valueOf(file.root, 'extends');
  if (extendsNode?.kind === 'map' && entryOf(extendsNode, 'template')) return result(expander, expandExtends(expander, file.root, extendsNode, top), request);
  return result(expander, expander.value(file.root, top, undefined), request);
}

/** `extends:`: the template's content is the pipeline, with the pipeline's other keys kept beside it. */
function expandExtends(expander: Expander, root: AMap, reference: AMap, frame: Frame): ANode {
  const loaded = expander.load(reference, frame, 'extends');
  const own = expander.entries({ ...root, entries: root.entries.filter((entry) => keyText(entry) !== 'extends' && keyText(entry) !== 'parameters') }, frame);
  if (!loaded) {
    expander.extendsNotFollowed = true;
    return { ...root, entries: own };
  }
  const content = expander.entries(contentOf(loaded.root), loaded.frame);
  if (content.some((entry) => keyText(entry) === 'extends' || entry.key.unknown)) expander.extendsNotFollowed = true;
  const mine = new Map(own.map((entry) => [keyText(entry), entry]));
  for (const entry of content) {
    const clash = mine.get(keyText(entry));
    if (clash)
      expander.problem('azure-template', 'error', `'${keyText(entry)}' is already defined by the template this pipeline extends.`, clash.key.origin, frame);
  }
  return { ...root, entries: [...own, ...content] };
}

function result(expander: Expander, root: ANode | undefined, request: ExpandRequest): Expansion {
  return {
    root,
    problems: expander.problems,
    files: [request.file, ...[...expander.parsed.keys()].filter((file) => file !== request.file)],
    undecided: expander.undecided,
    parsed: expander.parsed,
    repositoryReferences: expander.repositoryReferences,
    extendsNotFollowed: expander.extendsNotFollowed,
  };
}

/** The repository of `path@alias` (not `self`, not one written with an expression). */
function repositoryAlias(written: string): string | undefined {
  const at = written.lastIndexOf('@');
  const alias = at > 0 ? written.slice(at + 1).trim() : '';
  return alias && alias.toLowerCase() !== 'self' && !alias.includes('$') ? alias : undefined;
}
