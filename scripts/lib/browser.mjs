// Debian's Chromium driven by playwright-core (installed with the host).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SetupError } from './fail.mjs';
import { hostInstallDir } from './paths.mjs';

export const CHROMIUM = process.env.SHIPSHAPE_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export function playwright() {
  const require = createRequire(join(hostInstallDir, 'package.json'));
  try {
    return require('playwright-core');
  } catch {
    throw new SetupError('playwright-core is not installed: run "npm test" or "npm run sandbox" once to install the test host.');
  }
}

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new SetupError(`Chromium not found at ${CHROMIUM}: install Debian's "chromium" package (or set SHIPSHAPE_CHROMIUM).`);
  return playwright().chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
