import * as vscode from 'vscode';
import type { GitOptions } from '../core/git/git';
import { Settings } from './constants';

/**
 * How the editor runs git: the configured executable, hardened while the
 * workspace is not trusted (Restricted Mode), so that no program the
 * repository's configuration names (fsmonitor, filters, diff drivers, hooks,
 * gpg) runs; see core/git/untrusted.ts.
 */
export function editorGitOptions(): GitOptions {
  const binary = vscode.workspace.getConfiguration().get<string>(Settings.gitPath) || undefined;
  return { ...(binary ? { binary } : {}), untrusted: !vscode.workspace.isTrusted };
}
