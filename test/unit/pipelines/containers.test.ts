import { strict as assert } from 'node:assert';
import { lint, ofRule } from './helpers';

describe('container: containers and services GitHub cannot start', () => {
  it('reports a missing image, credentials without a username or password, and (as a note) an empty container', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '      credentials:',
      '        username: u',
      '    services:',
      '      db:',
      '        env: {A: b}',
      '      cache:',
      '        image: redis',
      '        credentials:',
      '          password: ${{ secrets.P }}',
      '    steps: [{run: echo}]',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    container:',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'container'), [
      '5:5 container The container of job "a" has no "image"; GitHub needs the image to start it.',
      '6:7 container The credentials of the container of job "a" have no "password"; GitHub needs both username and password.',
      '9:7 container Service "db" of job "a" has no "image"; GitHub needs the image to start it.',
      '13:9 container The credentials of service "cache" of job "a" have no "username"; GitHub needs both username and password.',
      '18:5 container The container of job "b" is empty, so the job runs without one; give it an image or remove the key.',
    ]);
  });

  it('accepts an image as a string or an expression, full credentials, and credentials given by an expression', () => {
    const findings = lint([
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    container: node:20',
      '    services:',
      '      db:',
      '        image: ${{ matrix.db }}',
      '        credentials: ${{ fromJSON(vars.CREDS) }}',
      '      cache:',
      '        image: redis',
      '        credentials: {username: u, password: "${{ secrets.P }}"}',
      '    steps: [{run: echo}]',
    ]);
    assert.deepEqual(ofRule(findings, 'container'), []);
  });
});
