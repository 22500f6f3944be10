import { join } from 'node:path';
import { CONFIG_PATH, EMPTY_CONFIG, parseConfig, type ShipshapeConfig } from './config';
import { megabytes, readPipelineFile } from './read-pipeline-file';

/** Reads the repository's `.github/shipshape.yaml`, if there is one. */
export async function loadConfig(root: string): Promise<{ config: ShipshapeConfig; problems: string[] }> {
  // Size and type first, as for pipeline files: a huge config or a link to a device is not read whole.
  const read = await readPipelineFile(join(root, CONFIG_PATH));
  if (read.status === 'missing') return { config: EMPTY_CONFIG, problems: [] };
  if (read.status === 'too-large')
    return { config: EMPTY_CONFIG, problems: [`${CONFIG_PATH} is over 2 MB (${megabytes(read.bytes)}), so it is not read; the defaults apply.`] };
  if (read.status === 'not-checked') return { config: EMPTY_CONFIG, problems: [`${CONFIG_PATH} is not read (${read.reason}); the defaults apply.`] };
  const { config, problems } = parseConfig(read.text);
  return { config, problems: problems.map((problem) => problem.message) };
}
