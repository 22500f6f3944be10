import { createGit, type GitOptions } from './git';

/** The top level of the repository holding `dir`, or undefined when `dir` is in none (or git is missing). */
export async function topLevelOf(dir: string, options: GitOptions = {}): Promise<string | undefined> {
  const output = await createGit(dir, options)
    .tryRaw(['rev-parse', '--show-toplevel'])
    .catch(() => undefined);
  const top = output?.trim();
  return top ? top : undefined;
}
