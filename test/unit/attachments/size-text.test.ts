// Issue 14 item 2: file sizes and limits as each language writes numbers ("88,0 kB" in Dutch).
import assert from 'node:assert/strict';
import { maxMbText, sizeText } from '../../../server/attachments/attachments.view-model.js';

describe('attachment sizes', () => {
  it('when a size is shown on a Dutch page, then it has a decimal comma; on an English page a decimal point', () => {
    assert.equal(sizeText(512, 'nl'), '512 B');
    assert.equal(sizeText(90_112, 'nl'), '88 kB');
    assert.equal(sizeText(90_200, 'nl'), '88,1 kB');
    assert.equal(sizeText(90_200, 'en'), '88.1 kB');
    assert.equal(sizeText(4.5 * 1024 * 1024, 'nl'), '4,5 MB');
    assert.equal(maxMbText(10 * 1024 * 1024, 'nl'), '10');
    assert.equal(maxMbText(2.5 * 1024 * 1024, 'nl'), '2,5');
  });
});
