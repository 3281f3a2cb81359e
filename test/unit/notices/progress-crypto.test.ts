// Sending progress derived from page states (pure), and sealing of contact data.
import assert from 'node:assert/strict';
import { deriveProgress } from '../../../notifications/notice-run/progress.js';
import { ContactCipher } from '../../../server/notices/contact-crypto.js';

describe('unit: notice progress and contact sealing', () => {
  it('when pages are partly sent, then counts, rate and time left follow from them', () => {
    const p = deriveProgress(
      [
        { status: 'SSSSrpsF', inFlightRecovered: 1 },
        { status: 'LSS', inFlightRecovered: 0 },
      ],
      { recipients: 20 },
      3000,
    );
    assert.equal(p.total, 20);
    assert.equal(p.counts.sent, 6);
    assert.equal(p.pending, 2 + 9, 'pending, in flight, and the 9 not yet written to a page');
    assert.equal(p.failed, 1);
    assert.equal(p.letters, 2);
    assert.equal(p.ratePerSecond, 2);
    assert.equal(p.secondsLeft, Math.ceil((11 + 1) / 2));
    assert.equal(p.done, 8, 'sent, failed for good, and letter from the start');
    assert.equal(p.percent, 40);
    assert.equal(p.inFlightRecovered, 1);
    const none = deriveProgress([], null, 0);
    assert.deepEqual([none.total, none.ratePerSecond, none.secondsLeft, none.percent], [0, null, 0, 0]);
  });

  it('when contact data are sealed, then they open only with the same key and purpose, and duplicates share a key', () => {
    const a = new ContactCipher('a-secret-a-secret-a-secret-a-secret-0001');
    const b = new ContactCipher('b-secret-b-secret-b-secret-b-secret-0002');
    const c = {
      name: 'Jan',
      email: 'jan@example.test',
      addressLines: ['Laan 1'],
      postcode: '1000 AA',
      city: 'Amsterdam',
      country: '',
    };
    const sealed = a.sealContact(c);
    assert.notEqual(sealed, a.sealContact(c), 'a fresh nonce each time');
    assert.doesNotMatch(sealed, /Jan|example/);
    assert.deepEqual(a.openContact(sealed), c);
    assert.throws(() => b.openContact(sealed));
    assert.throws(() => a.open(sealed, 'page'));
    const tampered = sealed.slice(0, -3) + (sealed.endsWith('A') ? 'BBB' : 'AAA');
    assert.throws(() => a.openContact(tampered));
    assert.equal(a.dedupeKey(c), a.dedupeKey({ ...c, email: ' JAN@EXAMPLE.TEST', name: 'J.' }));
    assert.notEqual(a.dedupeKey(c), b.dedupeKey(c));
    const letter = { ...c, email: null };
    assert.equal(a.dedupeKey(letter), a.dedupeKey({ ...letter, postcode: '1000aa', name: 'JAN ' }));
    const page = a.sealPageContacts([{ name: 'x', email: 'x@y.test' }, null]);
    assert.deepEqual(a.openPageContacts(page), [{ name: 'x', email: 'x@y.test' }, null]);
  });
});
