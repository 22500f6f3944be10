import { strict as assert } from 'node:assert';
import { indexResets, resetBefore } from '../../../../src/core/recovery/deep/index-resets';
import { bestMatch, lineCounts, lineSimilarity } from '../../../../src/core/recovery/deep/line-similarity';
import { looksBinary, parseBatch, parseBatchCheck } from '../../../../src/core/recovery/deep/parse-batch';
import { parseFsck } from '../../../../src/core/recovery/deep/parse-fsck';
import { parseRawLog } from '../../../../src/core/recovery/deep/parse-raw-log';
import { parseTreeListing } from '../../../../src/core/recovery/deep/read-lost-blobs';
import { riskReasons } from '../../../../src/core/recovery/deep/read-risky';
import { findSecrets, maskSecret, riskyName } from '../../../../src/core/recovery/deep/risky-patterns';
import type { ReflogEntry } from '../../../../src/core/recovery/facts/types';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const ZERO = '0'.repeat(40);
// Built from parts so that this file itself holds nothing a secret scanner would flag.
const AWS_KEY = ['AKIA', 'Z7QW3RT5YU8IOP2L'].join('');
const GITHUB_TOKEN = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');

describe('deep pass parsers', () => {
  describe('parseFsck', () => {
    it('sorts dangling and unreachable objects by type, keeps damage reports and skips notices', () => {
      const text = [
        `dangling commit ${A}`,
        `unreachable blob ${B}`,
        `dangling tree ${C}`,
        `dangling tag ${'d'.repeat(64)}`,
        'notice: HEAD points to an unborn branch (main)',
        `missing blob ${B}`,
        `broken link from  tree ${C}`,
        'Checking connectivity: 12',
        '',
      ].join('\n');
      assert.deepEqual(parseFsck(text), {
        commits: [A],
        blobs: [B],
        trees: [C],
        tags: ['d'.repeat(64)],
        problems: [`missing blob ${B}`, `broken link from  tree ${C}`],
      });
      assert.deepEqual(parseFsck('dangling commit abc\n').commits, [], 'short names are not object names');
    });
  });

  describe('parseRawLog', () => {
    it('reads headers and per-file changes, paths with spaces and colons included', () => {
      const text =
        `\x01${A}\0${B} ${C}\x001790000000\0On main: WIP: x\0\n:100644 100644 ${B} ${C} M\0src/a file.js\0:000000 100755 ${ZERO} ${A} A\0bin/run:me\0` +
        `\x01${B}\0\x001790000001\0root\0\n:000000 100644 ${ZERO} ${C} A\0README.md\0`;
      assert.deepEqual(parseRawLog(text), [
        {
          sha: A,
          parents: [B, C],
          time: 1_790_000_000,
          subject: 'On main: WIP: x',
          changes: [
            { status: 'M', path: 'src/a file.js', oldMode: '100644', newMode: '100644', oldBlob: B, newBlob: C },
            { status: 'A', path: 'bin/run:me', oldMode: '000000', newMode: '100755', oldBlob: ZERO, newBlob: A },
          ],
        },
        {
          sha: B,
          parents: [],
          time: 1_790_000_001,
          subject: 'root',
          changes: [{ status: 'A', path: 'README.md', oldMode: '000000', newMode: '100644', oldBlob: ZERO, newBlob: C }],
        },
      ]);
    });
  });

  describe('cat-file output', () => {
    it('parseBatch counts bytes, not characters, and skips missing objects', () => {
      const content = Buffer.from('é\nline\n', 'utf8');
      const output = Buffer.concat([Buffer.from(`${A} blob ${content.length}\n`), content, Buffer.from(`\n${B} missing\n${C} blob 2\nok\n`)]);
      const objects = parseBatch(output);
      assert.deepEqual(
        objects.map((object) => [object.sha, object.size, object.content.toString('utf8')]),
        [
          [A, content.length, 'é\nline\n'],
          [C, 2, 'ok'],
        ],
      );
    });

    it('parseBatchCheck maps names to sizes; looksBinary follows git (a NUL early on)', () => {
      assert.deepEqual([...parseBatchCheck(`${A} blob 12\n${B} missing\n`)], [[A, { type: 'blob', size: 12 }]]);
      assert.equal(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x00])), true);
      assert.equal(looksBinary(Buffer.from('plain text\n')), false);
    });

    it('parseTreeListing reads modes, sizes and paths with tabs left intact', () => {
      const text = `100644 blob ${A}     120\tsrc/a.js\x00100755 blob ${B}       7\tbin/run me\x00160000 commit ${C}       -\tvendor/lib\0`;
      assert.deepEqual(parseTreeListing(text), [
        { mode: '100644', sha: A, size: 120, path: 'src/a.js' },
        { mode: '100755', sha: B, size: 7, path: 'bin/run me' },
      ]);
    });
  });

  describe('line similarity', () => {
    it('scores shared lines, ignoring indentation and blank lines', () => {
      const original = lineCounts('a\n  b\nc\n\nd\n');
      assert.equal(lineSimilarity(original, lineCounts('a\nb\nc\nd\n')), 1);
      assert.equal(lineSimilarity(original, lineCounts('a\nb\nx\ny\n')), 0.5);
      assert.equal(lineSimilarity(original, lineCounts('')), 0);
    });

    it('bestMatch picks the closest candidate above the threshold, else none', () => {
      const candidates = [
        { name: 'far', lines: lineCounts('q\nr\ns\nt\n') },
        { name: 'near', lines: lineCounts('a\nb\nc\nz\n') },
      ];
      assert.equal(bestMatch(lineCounts('a\nb\nc\nd\n'), candidates)?.candidate.name, 'near');
      assert.equal(bestMatch(lineCounts('x\ny\n'), candidates), undefined);
    });
  });

  describe('index resets', () => {
    const entry = (index: number, sha: string, message: string, time: number): ReflogEntry => ({ index, sha, parents: [], message, time, subject: '' });

    it('keeps resets that left HEAD in place, skips those at a stash time and those that moved HEAD', () => {
      const reflog = [
        entry(0, A, 'reset: moving to HEAD', 1000),
        entry(1, A, 'reset: moving to HEAD', 900), // a stash push at 900
        entry(2, A, 'reset: moving to HEAD~1', 800),
        entry(3, B, 'commit: x', 700),
      ];
      assert.deepEqual(indexResets(reflog, [901]), [{ index: 0, sha: A, time: 1000, since: 900 }]);
      assert.deepEqual(
        indexResets(reflog, []).map((reset) => reset.index),
        [0, 1],
      );
    });

    it('resetBefore finds the reset whose window holds the time', () => {
      const resets = [
        { index: 0, sha: A, time: 1000, since: 900 },
        { index: 3, sha: A, time: 500, since: 100 },
      ];
      assert.equal(resetBefore(resets, 950)?.index, 0);
      assert.equal(resetBefore(resets, 300)?.index, 3);
      assert.equal(resetBefore(resets, 700), undefined, 'written between the two: staged and then committed');
      assert.equal(resetBefore(resets, 2000), undefined, 'written after every reset');
    });
  });

  describe('risky files', () => {
    it('finds AWS keys, private key headers, GitHub and Slack tokens, and masks all but the header', () => {
      const text = `key = "${AWS_KEY}"\nexample = "AKIAIOSFODNN7EXAMPLE"\n-----BEGIN RSA PRIVATE KEY-----\ntoken: ${GITHUB_TOKEN}\nslack: ${['xoxb', '1234567890', 'abcdefghij'].join('-')}\npassword=hunter2\n`;
      const found = findSecrets(text);
      assert.deepEqual(
        found.map((secret) => [secret.what, secret.masked]),
        [
          ['an AWS access key', 'AKIA********'],
          ['a private key', '-----BEGIN RSA PRIVATE KEY-----'],
          ['a GitHub token', 'ghp_********'],
          ['a Slack token', 'xoxb********'],
        ],
      );
      assert.equal(maskSecret('abc'), 'abc');
      assert.deepEqual(findSecrets(`${AWS_KEY} and ${AWS_KEY}`).length, 1, 'each value once');
    });

    it('names risky files, templates and credential-free config excepted', () => {
      assert.equal(riskyName('.env', ''), 'an environment file');
      assert.equal(riskyName('app/.env.production', ''), 'an environment file');
      assert.equal(riskyName('.env.example', ''), undefined);
      assert.equal(riskyName('home/.ssh/id_ed25519', ''), 'an SSH private key');
      assert.equal(riskyName('id_rsa.pub', ''), undefined);
      assert.equal(riskyName('certs/server.pem', ''), 'a key or certificate file');
      assert.equal(riskyName('signing.p12', undefined), 'a certificate bundle with its private key');
      assert.equal(riskyName('.npmrc', 'registry=https://registry.npmjs.org/\n'), undefined);
      assert.equal(riskyName('.npmrc', '//registry.npmjs.org/:_authToken=abc\n'), 'a .npmrc with a credential');
      assert.equal(riskyName('src/environment.ts', ''), undefined);
    });

    it('counts only what a commit newly brings: secrets already in the previous version do not count', () => {
      const before = `const key = "${AWS_KEY}";\n`;
      assert.deepEqual(riskReasons({ path: 'config.js', status: 'M' }, 100, `${before}const more = 1;\n`, before), []);
      assert.deepEqual(
        riskReasons({ path: 'config.js', status: 'M' }, 100, before, 'const key = "";\n').map((reason) => reason.kind),
        ['secret'],
      );
      assert.deepEqual(riskReasons({ path: '.env', status: 'M' }, 10, 'A=1\n', 'A=0\n'), [], 'the .env was committed before');
      assert.deepEqual(riskReasons({ path: 'data.bin', status: 'A' }, 6 * 1024 * 1024, undefined, undefined), [{ kind: 'large', size: 6 * 1024 * 1024 }]);
    });
  });
});
