// Makes the demo workspace: a git repository "acme-web" with a believable
// history, a remote, and fresh mistakes to undo:
//   - two commits made on main that belong on a feature branch (ahead of origin/main)
//   - a dropped stash ("WIP: pagination")
//   - a deleted branch whose commit is on no other ref (experiment/cache)
// plus GitHub Actions, Azure Pipelines and GitLab CI files, some with mistakes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  azureBuildSteps,
  azurePipeline,
  ciWorkflow,
  files,
  gitlabPipeline,
  gitlabReviewApps,
  releaseWorkflow,
  searchModule,
  searchTest,
} from '../demo/files.mjs';

const PEOPLE = {
  dana: ['Dana Developer', 'dana@acme.example'],
  sam: ['Sam Reviewer', 'sam@acme.example'],
};

export function gitIn(cwd, baseEnv) {
  return (args, { who = 'dana', day = 1 } = {}) => {
    const [name, email] = PEOPLE[who];
    const date = new Date(Date.UTC(2026, 10, day, 9 + (day % 7), 15)).toISOString();
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...baseEnv,
        LC_ALL: 'C',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: name,
        GIT_AUTHOR_EMAIL: email,
        GIT_COMMITTER_NAME: name,
        GIT_COMMITTER_EMAIL: email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    });
  };
}

export function write(root, path, text) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/**
 * Creates `<parent>/acme-web` (the workspace) and `<parent>/acme-web-origin.git`
 * (its remote). Returns their paths.
 */
export function createDemoWorkspace(parent) {
  const workspace = join(parent, 'acme-web');
  const origin = join(parent, 'acme-web-origin.git');
  const env = { ...process.env, HOME: parent };
  mkdirSync(workspace, { recursive: true });
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin], { env });
  const git = gitIn(workspace, env);
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', PEOPLE.dana[0]]);
  git(['config', 'user.email', PEOPLE.dana[1]]);
  git(['remote', 'add', 'origin', origin]);

  const commit = (message, opts) => {
    git(['add', '-A'], opts);
    git(['commit', '-q', '-m', message], opts);
  };

  for (const [path, text] of Object.entries(files)) write(workspace, path, text);
  commit('Initial commit: HTTP server with a health check', { day: 2 });
  write(workspace, '.github/workflows/ci.yml', ciWorkflow);
  commit('Add CI workflow', { day: 3, who: 'sam' });
  write(workspace, 'azure-pipelines.yml', azurePipeline);
  write(workspace, 'templates/build-steps.yml', azureBuildSteps);
  write(workspace, '.gitlab-ci.yml', gitlabPipeline);
  write(workspace, '.gitlab/ci/review-apps.yml', gitlabReviewApps);
  commit('Mirror CI on Azure Pipelines and GitLab', { day: 5, who: 'sam' });
  write(workspace, '.github/workflows/release.yml', releaseWorkflow);
  commit('Add release workflow', { day: 9 });
  git(['push', '-q', '-u', 'origin', 'main'], { day: 9 });

  // A branch deleted before its work landed anywhere.
  git(['checkout', '-q', '-b', 'experiment/cache'], { day: 12 });
  write(workspace, 'src/cache.js', 'const cache = new Map();\nmodule.exports = { cache };\n');
  commit('Try an in-memory cache', { day: 12 });
  git(['checkout', '-q', 'main'], { day: 12 });
  git(['branch', '-q', '-D', 'experiment/cache'], { day: 12 });

  // The fresh mistake: feature work committed straight onto main.
  write(workspace, 'src/search.js', searchModule);
  commit('Add search endpoint', { day: 20 });
  write(workspace, 'test/search.test.js', searchTest);
  commit('Add search tests', { day: 20 });

  // Work in progress stashed, then dropped by accident.
  write(workspace, 'src/server.js', `${files['src/server.js']}\n// TODO: paginate /search results (page, perPage)\n`);
  git(['stash', 'push', '-q', '-m', 'WIP: pagination'], { day: 21 });
  git(['stash', 'drop', '-q'], { day: 21 });

  return { workspace, origin };
}
