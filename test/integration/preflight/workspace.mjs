// The Preflight suites open a repository of their own: a feature branch pushed to a bare origin (nothing to push yet)
// with a workflow; the tests commit on it and watch the status bar and the Preflight view follow.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn, write } from '../../../scripts/lib/demo-workspace.mjs';

const workflow = `name: CI
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: echo testing
`;

export function createWorkspace(scratch) {
  const env = { ...process.env, HOME: scratch };
  const dir = join(scratch, 'preflight-repo');
  const origin = join(scratch, 'preflight-repo-origin.git');
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin], { env });
  const git = gitIn(dir, env);
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Dana Developer']);
  git(['config', 'user.email', 'dana@acme.example']);
  git(['remote', 'add', 'origin', origin]);
  write(dir, 'README.md', '# Preflight demo\n');
  write(dir, '.github/workflows/ci.yml', workflow);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Initial commit']);
  git(['push', '-q', '-u', 'origin', 'main']);
  git(['switch', '-q', '-c', 'feature']);
  git(['push', '-q', '-u', 'origin', 'feature']);
  return dir;
}
