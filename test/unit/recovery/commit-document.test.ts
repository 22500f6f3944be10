import { strict as assert } from 'node:assert';
import { commitIdLinks, commitDocumentPath, parseCommitDocumentQuery, commitDocumentQuery } from '../../../src/core/recovery/commit-document';

const A = 'a'.repeat(40);
const B = 'b1'.repeat(20);

describe('the read-only commit document', () => {
  it('carries the repository and the commits in its query, and refuses anything else', () => {
    const query = commitDocumentQuery('/work/demo repo', [A, B]);
    assert.deepEqual(parseCommitDocumentQuery(query), { root: '/work/demo repo', shas: [A, B] });
    assert.equal(parseCommitDocumentQuery('root=%2Fx&shas=not-a-sha'), undefined);
    assert.equal(parseCommitDocumentQuery(`shas=${A}`), undefined);
    assert.equal(parseCommitDocumentQuery(''), undefined);
  });

  it('is named for its commits, as a .diff so the editor colours it', () => {
    assert.equal(commitDocumentPath([A]), `/${A.slice(0, 7)}.diff`);
    assert.equal(commitDocumentPath([A, B]), `/${A.slice(0, 7)}..${B.slice(0, 7)} (2 commits).diff`);
  });

  it("links every commit id git show prints: the commit lines and a merge commit's parents", () => {
    const text = `commit ${A}\nMerge: 1234567 abcdef0\nAuthor: x\n\n    Fix ${'c'.repeat(40)} in a message\n`;
    const links = commitIdLinks(text);
    assert.deepEqual(
      links.map((link) => [text.slice(link.offset, link.offset + link.length), link.sha]),
      [
        [A, A],
        ['1234567', '1234567'],
        ['abcdef0', 'abcdef0'],
      ],
    );
  });
});
