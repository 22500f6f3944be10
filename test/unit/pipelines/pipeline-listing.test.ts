import { strict as assert } from 'node:assert';
import { listPipelineFiles, MAX_LISTED_FILES } from '../../../src/core/pipelines/pipeline-listing';

const files = (count: number) => Array.from({ length: count }, (_, index) => ({ relativePath: `.github/workflows/w${String(index).padStart(5, '0')}.yml` }));

/** The Pipelines view lists at most MAX_LISTED_FILES files per folder, and says so: no silent cap. */
describe('listPipelineFiles', () => {
  it('lists every file up to the cap, with no note', () => {
    const all = files(MAX_LISTED_FILES);
    assert.deepEqual(listPipelineFiles(all), { shown: all, notShown: 0, note: undefined });
  });

  it('names how many files are not shown, and how to check them all', () => {
    const all = files(MAX_LISTED_FILES + 101);
    const listing = listPipelineFiles(all);
    assert.equal(listing.shown.length, MAX_LISTED_FILES);
    assert.deepEqual(listing.shown, all.slice(0, MAX_LISTED_FILES), 'the first files by path, the same ones every time');
    assert.equal(listing.notShown, 101);
    assert.equal(listing.note, '101 more pipeline files not shown (the view lists 2,000); use `shipshape lint` to check them all.');
    assert.equal(listPipelineFiles(files(3), 2).note, '1 more pipeline file not shown (the view lists 2); use `shipshape lint` to check them all.');
  });
});
