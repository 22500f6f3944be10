import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { isScalar } from '../../yaml/identity';
import type { Rule, RuleContext } from '../../rule';
import { get } from '../../yaml/nodes';

/**
 * The files an action.yml names: `runs.main`/`pre`/`post` of Node actions and
 * the Dockerfile of `runs.image`. (`shell:` of composite `run` steps is the schema's.)
 */
export const actionFilesRule: Rule = {
  id: 'action',
  kinds: ['github-action'],
  defaultSeverity: 'error',
  description: 'The scripts and Dockerfile an action.yml names must exist next to it.',
  check(context) {
    // Only a git checkout is a complete tree; a lone action.yml (or a copy of one) may have its files elsewhere.
    if (!isGitCheckout(context.root)) return;
    const { doc } = context.source;
    const runs = get(doc, doc.contents, 'runs');
    const using = get(doc, runs, 'using');
    if (!isScalar(using) || typeof using.value !== 'string') return;
    const folder = dirname(context.source.path);
    if (/^node\d+$/.test(using.value)) {
      for (const key of ['main', 'pre', 'post']) checkFile(context, folder, `runs.${key}`, get(doc, runs, key));
    } else if (using.value === 'docker') {
      checkFile(context, folder, 'runs.image', get(doc, runs, 'image'));
    }
  },
};

function checkFile(context: RuleContext, folder: string, key: string, node: unknown): void {
  if (!isScalar(node) || typeof node.value !== 'string') return;
  const path = node.value.trim();
  if (path === '' || path.includes('${{') || path.startsWith('docker://')) return;
  const target = resolve(folder, path);
  if (isFile(target)) return;
  const parent = dirname(target);
  if (existsSync(parent)) {
    context.report({ message: `${key} names "${path}", which does not exist (paths are relative to this action.yml).`, at: node as YamlNode });
  } else {
    // A missing folder is often build output (dist/, lib/) that is ignored by git and made before release.
    const missing = relative(folder, parent).split('\\').join('/');
    context.report({
      severity: 'warning',
      message: `${key} names "${path}", which does not exist; neither does its folder "${missing}", so run the build that makes it before using this action.`,
      at: node as YamlNode,
    });
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isGitCheckout(root: string): boolean {
  try {
    return existsSync(join(root, '.git'));
  } catch {
    return false;
  }
}
