import * as vscode from 'vscode';

const keyOf = (repository: string, name: string) => `shipshape.runs.secret:${repository}:${name}`;

/**
 * The secrets a run needs, from SecretStorage; missing ones are asked for once (a password box)
 * and remembered. An empty answer means "leave it empty"; Escape cancels the run.
 */
export async function collectSecrets(
  storage: vscode.SecretStorage,
  repository: string,
  names: readonly string[],
  ask: boolean,
): Promise<Record<string, string> | undefined> {
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
