import { join } from 'node:path';
import { ACTIONLINT_CONFIG_PATHS, CONFIG_PATH, EMPTY_CONFIG, parseConfig, type ShipshapeConfig } from './config';
import { megabytes, readPipelineFile } from './read-pipeline-file';

/**
 * Reads the repository's `.github/shipshape.yaml`; without one, the runner labels and config
 * variables of `.github/actionlint.yaml` (a project moving from actionlint keeps one file).
 */
export async function loadConfig(root: string): Promise<{ config: ShipshapeConfig; problems: string[] }> {
  const own = await readConfig(root, CONFIG_PATH);
  if (own) return own;
  for (const path of ACTIONLINT_CONFIG_PATHS) {
    const loaded = await readConfig(root, path);
    // Only the two keys both tools share: actionlint's ignore patterns match actionlint's messages, not ours.
    if (loaded) {
      const { runnerLabels, configVariables } = loaded.config;
      return {
        config: { ...EMPTY_CONFIG, runnerLabels, configVariables },
        problems: loaded.problems.filter((problem) => !problem.startsWith('Ignore pattern')),
      };
    }
  }
  return { config: EMPTY_CONFIG, problems: [] };
}

async function readConfig(root: string, path: string): Promise<{ config: ShipshapeConfig; problems: string[] } | undefined> {
  // Size and type first, as for pipeline files: a huge config or a link to a device is not read whole.
  const read = await readPipelineFile(join(root, path));
  if (read.status === 'missing') return undefined;
  if (read.status === 'too-large')
    return { config: EMPTY_CONFIG, problems: [`${path} is over 2 MB (${megabytes(read.bytes)}), so it is not read; the defaults apply.`] };
  if (read.status === 'not-checked') return { config: EMPTY_CONFIG, problems: [`${path} is not read (${read.reason}); the defaults apply.`] };
  const { config, problems } = parseConfig(read.text, path);
  return { config, problems: problems.map((problem) => problem.message) };
}
