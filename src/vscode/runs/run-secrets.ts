import * as vscode from 'vscode';

/** `secrets.NAME` and `secrets['NAME']` a workflow reads; GITHUB_TOKEN is GitHub's own. */
export function referencedSecrets(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*'([^']+)'\s*\])/g)) {
    const name = match[1] ?? match[2];
    if (name && name.toUpperCase() !== 'GITHUB_TOKEN') names.add(name);
  }
  return [...names].sort();
}

const keyOf = (repository: string, name: string) => `shipshape.runs.secret:${repository}:${name}`;

/**
 * The secrets a run needs, from SecretStorage; missing ones are asked for once (a password box)
 * and remembered. An empty answer means "leave it empty"; Escape cancels the run.
 */
export async function collectSecrets(storage: vscode.SecretStorage, repository: string, names: readonly string[], ask: boolean): Promise<Record<string, string> | undefined> {
  const secrets: Record<string, string> = {};
  for (const name of names) {
    const stored = await storage.get(keyOf(repository, name));
    if (stored !== undefined) {
      secrets[name] = stored;
      continue;
    }
    if (!ask) continue;
    const value = await vscode.window.showInputBox({
      title: `Secret ${name} for local runs`,
      prompt: `The workflow reads secrets.${name}. It is kept in VS Code's secret storage, given only to steps that use it, and masked in logs. Leave empty to run without it.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    await storage.store(keyOf(repository, name), value);
    secrets[name] = value;
  }
  return secrets;
}

export async function forgetSecrets(storage: vscode.SecretStorage, repository: string, names: readonly string[]): Promise<void> {
  for (const name of names) await storage.delete(keyOf(repository, name));
}
