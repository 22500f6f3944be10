import * as vscode from 'vscode';
import type { GitOptions } from '../core/git/git';
import { gitPath } from './settings';

/**
 * How the editor runs git: the configured executable, hardened while the
 * workspace is not trusted (Restricted Mode), so that no program the
 * repository's configuration names (fsmonitor, filters, diff drivers, hooks,
 * gpg) runs; see core/git/untrusted.ts. Trust is per workspace, not per
 * folder, so every folder's repository gets the same options.
 */
export function editorGitOptions(): GitOptions {
  const binary = gitPath();
  return { ...(binary ? { binary } : {}), untrusted: !vscode.workspace.isTrusted };
}
