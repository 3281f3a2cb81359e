// The compact text the read models keep (models/db/kept-text.ts): same values, shared copies.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { idText, vocabulary, vocabularyList } from '../../../models/db/kept-text.js';

describe('unit: kept text of the read models', () => {
  it('when an ObjectId or its text is kept, then the text is its 24 hex characters', () => {
    const id = new Types.ObjectId();
    assert.equal(idText(id), id.toHexString());
    assert.equal(idText(id.toHexString()), id.toHexString());
    assert.equal(idText('65f0c0ffee00000000000001'), '65f0c0ffee00000000000001');
  });

  it('when the same vocabulary value is read twice, then both are the same value', () => {
    const a = vocabulary(['op', 'en'].join(''));
    const b = vocabulary('open');
    assert.equal(a, 'open');
    assert.equal(b, 'open');
  });

  it('when lists of vocabulary values are kept, then equal lists are one frozen list, and order counts', () => {
    const a = vocabularyList(['confidentiality', 'integrity']);
    const b = vocabularyList(['confidentiality', 'integrity'].slice());
    assert.equal(a, b);
    assert.ok(Object.isFrozen(a));
    assert.deepEqual(a, ['confidentiality', 'integrity']);
    assert.notEqual(vocabularyList(['integrity', 'confidentiality']), a);
    assert.deepEqual(vocabularyList([]), []);
    assert.throws(() => (a as string[]).push('availability'));
  });
});
