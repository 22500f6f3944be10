import { strict as assert } from 'node:assert';
import { tooltipHead, wholeTooltip } from '../../../src/vscode/views/tooltip-head';

describe('a tree row’s hover holds its whole text', () => {
  it('adds the label and description when the tooltip lacks them', () => {
    assert.equal(tooltipHead('release.yml', '4 errors', 'GitHub Actions workflow: .github/workflows/release.yml'), 'release.yml · 4 errors');
    assert.equal(tooltipHead('2 commits on main belong on a branch', undefined, 'They were made on main…'), '2 commits on main belong on a branch');
    assert.equal(tooltipHead('build', 'failure · push · main · 963 ms', undefined), 'build · failure · push · main · 963 ms');
  });

  it('adds nothing when the tooltip already says it all', () => {
    assert.equal(tooltipHead('ci.yml', undefined, 'ci.yml: checked, no findings'), undefined);
    assert.equal(tooltipHead('lint', 'skipped', 'lint was skipped: no changes'), undefined);
  });
});

describe('a tree row’s whole hover', () => {
  it('does not repeat what the row’s text already says', () => {
    assert.equal(
      wholeTooltip('Check the bundle size', '13 ms · exited with code 1', 'exited with code 1'),
      'Check the bundle size · 13 ms · exited with code 1',
    );
    assert.equal(wholeTooltip('release.yml', '4 errors', 'GitHub Actions workflow'), 'release.yml · 4 errors\nGitHub Actions workflow');
    assert.equal(wholeTooltip('ci.yml', undefined, 'ci.yml: fine'), undefined);
  });
});
