// The files of the demo project "acme-web". Some pipelines are valid, some
// carry the mistakes Shipshape should point at (marked "mistake:" below).

export const files = {
  'README.md': `# acme-web

A small Node.js web service. Run it with \`npm start\`, test it with \`npm test\`.
`,
  'package.json': `${JSON.stringify({ name: 'acme-web', version: '1.4.0', private: true, scripts: { start: 'node src/server.js', test: 'node --test' } }, null, 2)}\n`,
  // No dependencies, so `npm ci` in the CI workflow works offline (local runs use it).
  'package-lock.json': `${JSON.stringify({ name: 'acme-web', version: '1.4.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'acme-web', version: '1.4.0' } } }, null, 2)}\n`,
  'src/server.js': `const http = require('node:http');

const server = http.createServer((request, response) => {
  if (request.url === '/health') return response.end('ok');
  response.statusCode = 404;
  response.end('not found');
});

server.listen(process.env.PORT || 3000);
`,
  '.gitignore': 'node_modules/\n',
};

/** Valid: a CI workflow with a job graph. */
export const ciWorkflow = `name: CI

on:
  push:
    branches: [main]
  pull_request:

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm run lint --if-present

  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node: [18, 20, 22]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node }}
      - run: npm ci
      - run: npm test

  package:
    needs: [lint, test]
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm pack
`;

/** Mistakes: a misspelled key, a removed workflow command, an untrusted expression in run, an unknown need. */
export const releaseWorkflow = `name: Release

on:
  push:
    tags: ['v*']

jobs:
  build:
    runs_on: ubuntu-latest # mistake: the key is runs-on
    steps:
      - uses: actions/checkout@v4
      - id: version
        run: echo "::set-output name=tag::\${GITHUB_REF#refs/tags/}" # mistake: ::set-output was removed
      - name: Announce
        run: echo "Releasing \${{ github.event.head_commit.message }}" # mistake: untrusted input in a script

  publish:
    needs: buld # mistake: no job is called buld
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`;

/**
 * Azure Pipelines with two mistakes: the Deploy stage depends on a stage that does not exist
 * (Package; the build stage is Build), and the build steps template, included once per Node
 * version, names a step `test`, so the job has two steps of that name (only the expansion shows it).
 */
export const azurePipeline = `trigger:
  branches:
    include: [main]

parameters:
  - name: nodeVersions
    type: object
    default: ['18.x', '20.x']

pool:
  vmImage: ubuntu-latest

stages:
  - stage: Build
    jobs:
      - job: Test
        steps:
          - \${{ each version in parameters.nodeVersions }}:
              - template: templates/build-steps.yml
                parameters:
                  nodeVersion: \${{ version }}

  - stage: Deploy
    dependsOn: Package
    condition: and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))
    jobs:
      - job: Publish
        steps:
          - script: npm publish
            displayName: Publish to the registry
`;

/** The steps template azure-pipelines.yml includes per Node version. */
export const azureBuildSteps = `parameters:
  - name: nodeVersion
    type: string
    default: '20.x'

steps:
  - task: NodeTool@0
    inputs:
      versionSpec: \${{ parameters.nodeVersion }}
  - script: npm ci && npm test
    name: test
    displayName: Install and test on Node \${{ parameters.nodeVersion }}
`;

/**
 * GitLab CI with two mistakes: a job in a stage that is not declared (publish), and, in the review
 * apps file it includes, a job that needs one that does not exist (the test job is called test),
 * which only the merged configuration shows.
 */
export const gitlabPipeline = `stages:
  - build
  - test
  - deploy

include:
  - local: .gitlab/ci/review-apps.yml

default:
  image: node:20

.npm:
  before_script:
    - npm ci

build:
  stage: build
  extends: .npm
  script:
    - npm run build
  artifacts:
    paths: [dist]

test:
  stage: test
  extends: .npm
  needs: [build]
  script:
    - npm test

pages:
  stage: publish # mistake: "publish" is not in stages
  script:
    - npm run build
  artifacts:
    paths: [public]
`;

/** The review apps .gitlab-ci.yml includes: a deployment per merge request, stopped by hand. */
export const gitlabReviewApps = `review:
  stage: deploy
  extends: .npm
  needs: [build, unit-tests] # mistake: the test job is called test
  script:
    - npm run deploy -- --env review/$CI_COMMIT_REF_SLUG
  environment:
    name: review/$CI_COMMIT_REF_SLUG
    on_stop: stop-review
  rules:
    - if: $CI_MERGE_REQUEST_IID

stop-review:
  stage: deploy
  needs: []
  script:
    - npm run undeploy -- --env review/$CI_COMMIT_REF_SLUG
  environment:
    name: review/$CI_COMMIT_REF_SLUG
    action: stop
  rules:
    - if: $CI_MERGE_REQUEST_IID
      when: manual
`;

export const searchModule = `/** Finds items whose name contains the query, case-insensitively. */
function search(items, query) {
  const needle = query.toLowerCase();
  return items.filter((item) => item.name.toLowerCase().includes(needle));
}

module.exports = { search };
`;

export const searchTest = `const test = require('node:test');
const assert = require('node:assert');
const { search } = require('../src/search');

test('search matches case-insensitively', () => {
  assert.deepEqual(search([{ name: 'Anchor' }, { name: 'Sail' }], 'anc'), [{ name: 'Anchor' }]);
});
`;
