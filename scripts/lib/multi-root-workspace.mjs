// Makes a multi-root workspace of two repositories, for the integration and UI tests:
//   web/       commits made on main that belong on a branch (a git mistake), a CI workflow
//   web/docs   a second folder of the same repository (it must be diagnosed once)
//   api/       a deleted branch, and a build workflow whose steps only pass in api
// and `multi-root.code-workspace` listing the three folders.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitIn, write } from './demo-workspace.mjs';

const webWorkflow = `name: Web CI
on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: echo linting web
`;

// Passes only in a copy of api: the marker file is in no other repository.
export const apiWorkflow = `name: API Build
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check this is the api repository
        run: test -f api-marker.txt
      - name: Build
        run: echo "built $(cat api-marker.txt)"
`;

function repository(parent, name, env) {
  const dir = join(parent, name);
  const origin = join(parent, `${name}-origin.git`);
  mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', origin], { env });
  const git = gitIn(dir, env);
  git(['init', '-q', '-b', 'main']);
  git(['config', 'user.name', 'Dana Developer']);
  git(['config', 'user.email', 'dana@acme.example']);
  git(['remote', 'add', 'origin', origin]);
  const commit = (message, day) => {
    git(['add', '-A'], { day });
    git(['commit', '-q', '-m', message], { day });
  };
  return { dir, git, commit };
}

/** Creates the two repositories and the workspace file under `parent`; returns their paths. */
export function createMultiRootWorkspace(parent) {
  const env = { ...process.env, HOME: parent };

  const web = repository(parent, 'web', env);
  write(web.dir, 'index.html', '<h1>Acme</h1>\n');
  write(web.dir, 'docs/README.md', '# Acme web docs\n');
  write(web.dir, '.github/workflows/ci.yml', webWorkflow);
  web.commit('Initial web page and CI', 2);
  web.git(['push', '-q', '-u', 'origin', 'main'], { day: 2 });
  // The mistake: feature work committed straight onto main.
  write(web.dir, 'search.html', '<form>search</form>\n');
  web.commit('Add search page', 10);
  write(web.dir, 'search.css', 'form { display: flex; }\n');
  web.commit('Style the search page', 10);

  const api = repository(parent, 'api', env);
  write(api.dir, 'api-marker.txt', 'acme api\n');
  write(api.dir, '.github/workflows/build.yml', apiWorkflow);
  api.commit('Initial API with its build workflow', 3);
  api.git(['push', '-q', '-u', 'origin', 'main'], { day: 3 });
  // A branch deleted before its work landed anywhere.
  api.git(['checkout', '-q', '-b', 'experiment/graphql'], { day: 5 });
  write(api.dir, 'schema.graphql', 'type Query { health: String }\n');
  api.commit('Try a GraphQL schema', 5);
  api.git(['checkout', '-q', 'main'], { day: 5 });
  api.git(['branch', '-q', '-D', 'experiment/graphql'], { day: 5 });

  const workspaceFile = join(parent, 'multi-root.code-workspace');
  const folders = [{ path: web.dir }, { name: 'web-docs', path: join(web.dir, 'docs') }, { path: api.dir }];
  writeFileSync(workspaceFile, `${JSON.stringify({ folders, settings: {} }, null, 2)}\n`);
  return { workspaceFile, web: web.dir, webDocs: join(web.dir, 'docs'), api: api.dir };
}
