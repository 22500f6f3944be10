import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { forgetActionLookups, latestMajor, lookupPopularAction, parseUsesRef, popularActionNames } from '../../src/core/pipelines/github/data/popular-actions';

const SHA = '3d3c42e5aac5ba805825da76410c181273ba90b1';

describe('parseUsesRef', () => {
  it('splits owner, repo, path and ref', () => {
    assert.deepEqual(parseUsesRef('actions/checkout@v4'), {
      owner: 'actions',
      repo: 'checkout',
      path: undefined,
      ref: 'v4',
    });
    assert.deepEqual(parseUsesRef('github/codeql-action/init@v3'), {
      owner: 'github',
      repo: 'codeql-action',
      path: 'init',
      ref: 'v3',
    });
    assert.deepEqual(parseUsesRef('org/repo/a/b/c.yml@main')?.path, 'a/b/c.yml');
  });

  it('keeps refs with slashes whole', () => {
    assert.equal(parseUsesRef('pypa/gh-action-pypi-publish@release/v1')?.ref, 'release/v1');
    assert.equal(parseUsesRef('owner/repo/sub@refs/heads/main')?.ref, 'refs/heads/main');
  });

  it('rejects local, docker, expression and malformed references', () => {
    for (const uses of [
      './.github/actions/setup',
      './',
      'docker://alpine:3.20',
      'actions/checkout',
      'actions/checkout@',
      'checkout@v4',
      '/checkout@v4',
      'actions//x@v1',
      '${{ matrix.action }}@v1',
      '',
    ]) {
      assert.equal(parseUsesRef(uses), undefined, uses);
    }
  });
});

describe('lookupPopularAction', () => {
  it('maps full, minor and major tags to the same major', () => {
    for (const ref of ['v4', 'v4.1', 'v4.1.2']) {
      const action = lookupPopularAction(`actions/checkout@${ref}`);
      assert.equal(action?.major, 'v4', ref);
      assert.equal(action?.inputsComplete, true);
      assert.equal(action?.using, 'node20');
      assert.equal(action?.outdatedRuntime, undefined);
      assert.ok(action?.inputs['fetch-depth']?.hasDefault);
      assert.deepEqual(action?.outputs, ['ref', 'commit']);
    }
  });

  it('matches owner and repository case-insensitively and returns the canonical name', () => {
    const action = lookupPopularAction('Actions/Checkout@v7');
    assert.equal(action?.name, 'actions/checkout');
    assert.equal(action?.major, 'v7');
    assert.equal(lookupPopularAction('swatinem/rust-cache@v2')?.name, 'Swatinem/rust-cache');
  });

  it('treats SHAs and branches as an unknown version of the latest major', () => {
    for (const ref of [SHA, 'main', 'v3-node20', 'release/v1']) {
      const action = lookupPopularAction(`actions/checkout@${ref}`);
      assert.equal(action?.major, latestMajor('actions/checkout'), ref);
      assert.equal(action?.inputsComplete, false);
      assert.equal(action?.outputsComplete, false);
      assert.equal(action?.outdatedRuntime, undefined);
      assert.ok(action && 'fetch-depth' in action.inputs);
    }
  });

  it('flags majors on retired runtimes without claiming their inputs', () => {
    const v2 = lookupPopularAction('actions/checkout@v2');
    assert.equal(v2?.outdatedRuntime, 'node12');
    assert.equal(v2?.inputsComplete, true); // v2's action.yml was read
    const v3 = lookupPopularAction('actions/checkout@v3.6.0');
    assert.equal(v3?.outdatedRuntime, 'node16');
    assert.equal(v3?.using, 'node16');
    assert.equal(v3?.inputsComplete, false);
    assert.ok(v3 && Object.values(v3.inputs).every((input) => !input.required && !input.deprecationMessage));
    assert.equal(lookupPopularAction('actions-rs/toolchain@v1')?.outdatedRuntime, 'node12');
    assert.equal(lookupPopularAction('actions/setup-node@v3')?.outdatedRuntime, 'node16');
  });

  it('falls back to the latest data, incomplete, for a major it has no record of', () => {
    const future = lookupPopularAction('actions/checkout@v99');
    assert.equal(future?.major, latestMajor('actions/checkout'));
    assert.equal(future?.inputsComplete, false);
    assert.equal(future?.outdatedRuntime, undefined);
  });

  it('finds sub-path actions and keeps them apart from the repository root', () => {
    const init = lookupPopularAction('github/codeql-action/init@v4');
    assert.equal(init?.name, 'github/codeql-action/init');
    assert.ok(init && 'languages' in init.inputs);
    assert.equal(lookupPopularAction('github/codeql-action/init@v2')?.outdatedRuntime, 'node16');
    const restore = lookupPopularAction('actions/cache/restore@v5');
    assert.ok(restore?.outputs.includes('cache-primary-key'));
    assert.ok(!lookupPopularAction('actions/cache@v5')?.outputs.includes('cache-primary-key'));
    assert.equal(lookupPopularAction('actions/cache/nope@v5'), undefined);
  });

  it('records required inputs and deprecations', () => {
    const script = lookupPopularAction('actions/github-script@v6');
    assert.deepEqual(script?.inputs.script, { required: true, hasDefault: false });
    const cache = lookupPopularAction('actions/cache@v5');
    assert.equal(cache?.inputs.key?.required, true);
    assert.match(cache?.inputs['save-always']?.deprecationMessage ?? '', /\S/);
  });

  it('completes majors from a typed binding that states the version it was generated from', () => {
    const node = lookupPopularAction('actions/setup-node@v4.1.0');
    assert.equal(node?.inputsComplete, true);
    assert.ok(node && 'always-auth' in node.inputs); // the recalled v4 list lacked it
    assert.match(node?.source ?? '', /github-actions-workflow-ts binding of actions\/setup-node v4\.4\.0/);
    const script = lookupPopularAction('actions/github-script@v7');
    assert.equal(script?.inputsComplete, true);
    assert.equal(script?.outputsComplete, false); // core.setOutput sets any output
  });

  it('returns undefined for unknown, local and docker actions', () => {
    assert.equal(lookupPopularAction('someone/unheard-of@v1'), undefined);
    assert.equal(lookupPopularAction('./.github/actions/build'), undefined);
    assert.equal(lookupPopularAction('docker://node:20'), undefined);
    assert.equal(latestMajor('someone/unheard-of'), undefined);
  });

  it('answers one object per table record, even with the lookups forgotten (what callers build from it holds for every file)', () => {
    const checkout = lookupPopularAction('actions/checkout@v4');
    const sha = lookupPopularAction(`actions/checkout@${SHA}`);
    const retired = lookupPopularAction('actions/checkout@v2');
    forgetActionLookups();
    assert.equal(lookupPopularAction('Actions/Checkout@v4.1.0'), checkout);
    assert.equal(lookupPopularAction('actions/checkout@main'), sha);
    assert.equal(lookupPopularAction('actions/checkout@v2.3'), retired);
    assert.notEqual(checkout, sha);
  });
});

describe('popular actions table', () => {
  const names = popularActionNames();

  it('covers at least 80 actions, each once regardless of case', () => {
    assert.ok(names.length >= 80, `${names.length} actions`);
    assert.equal(new Set(names.map((name) => name.toLowerCase())).size, names.length);
  });

  it('gives every action a latest major with data and a source', () => {
    for (const name of names) {
      const major = latestMajor(name);
      assert.match(major ?? '', /^v\d+$/, name);
      const action = lookupPopularAction(`${name}@${major}`);
      assert.ok(action, name);
      assert.ok(action.source.length > 0, name);
      assert.ok(Object.keys(action.inputs).length > 0 || action.outputs.length > 0 || action.inputsComplete, name);
      assert.equal(action.outdatedRuntime === undefined, !['node12', 'node16'].includes(action.using), name);
    }
  });

  it('has the well-known actions', () => {
    for (const name of [
      'actions/checkout',
      'actions/setup-node',
      'actions/setup-python',
      'actions/setup-go',
      'actions/setup-java',
      'actions/setup-dotnet',
      'actions/cache/restore',
      'actions/upload-artifact',
      'actions/download-artifact',
      'actions/github-script',
      'docker/build-push-action',
      'github/codeql-action/analyze',
      'aws-actions/configure-aws-credentials',
      'softprops/action-gh-release',
      'astral-sh/setup-uv',
      'actions-rs/toolchain',
    ]) {
      assert.ok(latestMajor(name), name);
    }
  });
});

// ---- Cross-check against real workflows that pass on GitHub ----

const CORPUS_DIRS = ['/work/shared/corpus/github/real', '/work/shared/corpus/github/actionlint-ok'];
const corpusPresent = CORPUS_DIRS.every((dir) => existsSync(dir));

interface CorpusStep {
  readonly file: string;
  readonly uses: string;
  readonly id: string | undefined;
  readonly withKeys: readonly string[];
  /** The job (or composite action) holding the step, as text, to find `steps.<id>.outputs.*`. */
  readonly scopeText: string;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A SHA pin's trailing `# v4.2.2` comment names its version; use it so pins get checked too. */
function versionedUses(uses: string, lines: readonly string[]): string {
  const [name, ref] = uses.split('@');
  if (!ref || !/^[0-9a-f]{40}$/.test(ref)) {
    return uses;
  }
  const line = lines.find((candidate) => candidate.includes(uses));
  const version = line ? /#\s*(?:pin@)?v?(\d+(?:\.\d+)*)\s*$/.exec(line)?.[1] : undefined;
  return version ? `${name}@v${version}` : uses;
}

function corpusSteps(): CorpusStep[] {
  const steps: CorpusStep[] = [];
  for (const file of CORPUS_DIRS.flatMap(yamlFiles)) {
    const text = readFileSync(file, 'utf8');
    let doc: unknown;
    try {
      doc = parse(text, { maxAliasCount: -1, uniqueKeys: false });
    } catch {
      continue; // some actionlint-ok samples are not plain YAML documents
    }
    const lines = text.split('\n');
    const visit = (node: unknown, scopeText: string): void => {
      if (Array.isArray(node)) {
        node.forEach((child) => visit(child, scopeText));
        return;
      }
      if (node === null || typeof node !== 'object') {
        return;
      }
      const record = node as Record<string, unknown>;
      const scope = Array.isArray(record.steps) ? JSON.stringify(record.steps) : scopeText;
      if (typeof record.uses === 'string') {
        const withBlock = record.with;
        steps.push({
          file,
          uses: versionedUses(record.uses, lines),
          id: typeof record.id === 'string' ? record.id : undefined,
          withKeys: withBlock && typeof withBlock === 'object' ? Object.keys(withBlock) : [],
          scopeText: scope,
        });
      }
      Object.values(record).forEach((child) => visit(child, scope));
    };
    visit(doc, '');
  }
  return steps;
}

const corpusTitle = corpusPresent
  ? 'popular actions against the real-world corpus'
  : `popular actions against the real-world corpus (skipped: ${CORPUS_DIRS.join(' and ')} not found)`;

(corpusPresent ? describe : describe.skip)(corpusTitle, () => {
  const steps = corpusPresent ? corpusSteps() : [];

  it('finds many known actions in the corpus', () => {
    const known = steps.filter((step) => lookupPopularAction(step.uses));
    assert.ok(known.length > 1000, `${known.length} known steps`);
    assert.ok(known.filter((step) => lookupPopularAction(step.uses)?.inputsComplete).length > 200);
  });

  it('knows every with: key used with an action whose inputs are complete', () => {
    const problems: string[] = [];
    for (const step of steps) {
      const action = lookupPopularAction(step.uses);
      if (!action?.inputsComplete) {
        continue;
      }
      const known = new Set(Object.keys(action.inputs).map((name) => name.toLowerCase()));
      for (const key of step.withKeys) {
        if (!known.has(key.toLowerCase())) {
          problems.push(`${step.file}: ${step.uses} with ${key}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('finds every required input without a default supplied', () => {
    const problems: string[] = [];
    for (const step of steps) {
      const action = lookupPopularAction(step.uses);
      const given = new Set(step.withKeys.map((key) => key.toLowerCase()));
      for (const [name, input] of Object.entries(action?.inputs ?? {})) {
        if (input.required && !input.hasDefault && !given.has(name.toLowerCase())) {
          problems.push(`${step.file}: ${step.uses} lacks ${name}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('knows every steps.<id>.outputs.<name> read from an action whose outputs are complete', () => {
    const problems: string[] = [];
    for (const step of steps) {
      const action = lookupPopularAction(step.uses);
      if (!step.id || !action?.outputsComplete) {
        continue;
      }
      const known = new Set(action.outputs.map((name) => name.toLowerCase()));
      const pattern = new RegExp(`steps\\.${step.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.outputs\\.([\\w-]+)`, 'g');
      for (const match of step.scopeText.matchAll(pattern)) {
        const output = match[1] ?? '';
        if (!known.has(output.toLowerCase())) {
          problems.push(`${step.file}: ${step.uses} (id ${step.id}) has no output ${output}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
});
