// Issue 15: the receipt code, the passphrase and the signed form token of the public report page.
import assert from 'node:assert/strict';
import {
  MAX_FORM_AGE_MS,
  MIN_FILL_MS,
  formTokenProblem,
  hashPassphrase,
  newFormToken,
  newPassphrase,
  newReceiptCode,
  normaliseReceiptCode,
  receiptCodeLookup,
  verifyPassphrase,
} from '../../../server/intake/intake-codes.js';

const SECRET = 'unit-secret-unit-secret-unit-secret';

describe('unit: receipt codes and form tokens of the public page (issue 15)', () => {
  it('when codes are made, then they are in groups without look-alike characters and differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newReceiptCode()));
    assert.equal(codes.size, 200);
    for (const c of codes) assert.match(c, /^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
    assert.match(newPassphrase(), /^[a-hj-np-z2-9]{5}(-[a-hj-np-z2-9]{5}){3}$/);
  });

  it('when a code is typed with spaces, dashes or lower case, then it finds the same report; anything else is no code', () => {
    const code = newReceiptCode();
    const typed = code.toLowerCase().replace(/-/g, ' ');
    assert.equal(normaliseReceiptCode(typed), code.replace(/-/g, ''));
    assert.equal(receiptCodeLookup(SECRET, typed), receiptCodeLookup(SECRET, code));
    assert.notEqual(
      receiptCodeLookup(SECRET, code),
      receiptCodeLookup('another-secret', code),
      'the look-up is keyed',
    );
    assert.equal(normaliseReceiptCode('ABC'), undefined);
    assert.equal(normaliseReceiptCode('{"$ne":null}'), undefined);
  });

  it('when a passphrase is hashed, then only the same passphrase (however spaced) verifies', async () => {
    const p = newPassphrase();
    const hash = await hashPassphrase(p);
    assert.match(hash, /^\$argon2id\$/);
    assert.ok(!hash.includes(p));
    assert.equal(await verifyPassphrase(hash, p.toUpperCase().replace(/-/g, ' ')), true);
    assert.equal(await verifyPassphrase(hash, `${p}x`), false);
  });

  it('when a form token is checked, then it must be signed here, at least the fill time old and not older than the maximum', () => {
    const loaded = new Date('2026-03-02T10:00:00Z');
    const token = newFormToken(SECRET, loaded);
    const at = (ms: number) => new Date(loaded.getTime() + ms);
    assert.equal(formTokenProblem(SECRET, token, at(MIN_FILL_MS)), null);
    assert.equal(formTokenProblem(SECRET, token, at(MIN_FILL_MS - 1)), 'tooFast');
    assert.equal(formTokenProblem(SECRET, token, at(MAX_FORM_AGE_MS + 1)), 'expired');
    assert.equal(formTokenProblem('other-secret', token, at(MIN_FILL_MS)), 'forged');
    const [time, mac] = token.split('.');
    assert.equal(
      formTokenProblem(SECRET, `${Number(time) - 10_000}.${mac}`, at(MIN_FILL_MS)),
      'forged',
      'an earlier time with the same signature',
    );
    for (const bad of [undefined, '', ['x'], 'x.y', `${time}.${mac}extra`])
      assert.notEqual(formTokenProblem(SECRET, bad, at(MIN_FILL_MS)), null);
  });
});
