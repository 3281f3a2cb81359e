// Each duty links to the page where it is done.
import assert from 'node:assert/strict';
import { dutyActionPath } from '../../../server/duties/duties.view-model.js';

describe('duties: where to act', () => {
  const id = '65a1b2c3d4e5f60718293a4b';
  for (const [duty, path] of [
    ['authority', `/authority/incidents/${id}`],
    ['authority_followup', `/authority/incidents/${id}`],
    ['controller', `/authority/incidents/${id}`],
    ['ministry', `/ministry/incidents/${id}/notice`],
    ['subjects', `/incidents/${id}/notices`],
    ['public', `/incidents/${id}/notices`],
  ] as const) {
    it(`when the ${duty} duty is open, then its link goes to ${path}`, () => {
      assert.equal(dutyActionPath(duty, id), path);
    });
  }
});
