// The personal-data detector (pure, issue 12 problem 5): checksummed numbers, contact details, dates
// of birth and the names of the incident's affected persons, in Dutch and English texts. The valid
// and invalid numbers were worked out by hand (11-proef, ISO 13616 mod 97).
import assert from 'node:assert/strict';
import {
  detectPersonalData,
  isValidBsn,
  isValidIban,
  nameKeys,
  type PersonalDataKind,
} from '../../../server/privacy/personal-data-detector.js';

const kinds = (text: string, opts = {}) =>
  detectPersonalData(text, { year: 2026, ...opts }).map((f) => f.kind);
const only = (text: string, kind: PersonalDataKind, opts = {}) =>
  detectPersonalData(text, { year: 2026, ...opts })
    .filter((f) => f.kind === kind)
    .map((f) => f.match);

describe('unit: personal-data detector', () => {
  it('when a number passes the 11-proef, then it is a BSN; one digit off, then it is not', () => {
    // 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8 − 2 = 154 = 14·11
    assert.equal(isValidBsn('123456782'), true);
    // 9+8+7+12+10+8+9+6 − 3 = 66 = 6·11
    assert.equal(isValidBsn('111222333'), true);
    assert.equal(isValidBsn('1234.56.782'), true);
    assert.equal(isValidBsn('123456789'), false); // 147
    assert.equal(isValidBsn('111222334'), false); // 65
    assert.equal(isValidBsn('000000000'), false);
    assert.equal(isValidBsn('12345678'), false);
  });

  it('when an IBAN has its mod-97 remainder 1, then it is valid; a changed digit breaks it', () => {
    assert.equal(isValidIban('NL91ABNA0417164300'), true);
    assert.equal(isValidIban('NL91 ABNA 0417 1643 00'), true);
    assert.equal(isValidIban('NL39RABO0300065264'), true); // check digits computed: 98 − (n mod 97) = 39
    assert.equal(isValidIban('DE89370400440532013000'), true);
    assert.equal(isValidIban('GB82WEST12345698765432'), true);
    assert.equal(isValidIban('NL91ABNA0417164301'), false);
    assert.equal(isValidIban('NL38RABO0300065264'), false);
    assert.equal(isValidIban('NL91'), false);
  });

  it('when a text holds a valid BSN, then it is flagged; an invalid 9-digit number is not', () => {
    assert.deepEqual(only('cliënt met BSN 123456782 en dossier 123456789', 'bsn'), ['123456782']);
    assert.deepEqual(only('BSN 1234.56.782', 'bsn'), ['1234.56.782']);
    assert.deepEqual(only('BSN 111 222 333', 'bsn'), ['111 222 333']);
    assert.deepEqual(only('ordernummer 1234567820', 'bsn'), []);
  });

  it('when a text holds an IBAN, then only a valid one is flagged', () => {
    assert.deepEqual(only('Rekening NL91 ABNA 0417 1643 00 is geraakt.', 'iban'), ['NL91 ABNA 0417 1643 00']);
    assert.deepEqual(only('account DE89370400440532013000', 'iban'), ['DE89370400440532013000']);
    assert.deepEqual(kinds('Rekening NL91ABNA0417164301.'), []);
  });

  it('when a text holds e-mail addresses, then each is flagged unless it is our own', () => {
    assert.deepEqual(only('Mail j.devries@example.nl of info@zorg-instelling.nl.', 'email'), [
      'j.devries@example.nl',
      'info@zorg-instelling.nl',
    ]);
    assert.deepEqual(
      only('Vragen? privacy@organisatie.nl', 'email', { allow: ['Privacy@organisatie.nl'] }),
      [],
    );
  });

  it('when a text holds Dutch or international phone numbers, then they are flagged; amounts and dates are not', () => {
    assert.deepEqual(only('Bel 06-12345678 of 020 123 4567.', 'phone'), ['06-12345678', '020 123 4567']);
    assert.deepEqual(only('Call +31 6 1234 5678 or +44 20 7946 0958.', 'phone'), [
      '+31 6 1234 5678',
      '+44 20 7946 0958',
    ]);
    assert.deepEqual(only('Tel. 0031 20 123 4567', 'phone'), ['0031 20 123 4567']);
    assert.deepEqual(only('Tel. (020) 123 45 67', 'phone'), ['(020) 123 45 67']);
    assert.deepEqual(only('+31 (0)20 123 4567', 'phone'), ['+31 (0)20 123 4567']);
    assert.deepEqual(only('Op 01-03-2026 om 07:54, 1.000 personen, 0612', 'phone'), []);
    assert.deepEqual(only('Bel ons op 088 123 4567.', 'phone', { allow: ['088-1234567'] }), []);
  });

  it('when a text holds a date of birth, then it is flagged; a recent date of the breach is not', () => {
    assert.deepEqual(only('geboren op 12-03-1985', 'birthDate'), ['12-03-1985']);
    assert.deepEqual(only('geboortedatum: 3 maart 2019', 'birthDate'), ['3 maart 2019']);
    assert.deepEqual(only('date of birth March 12, 1985', 'birthDate'), ['March 12, 1985']);
    assert.deepEqual(only('DOB 1985-03-12', 'birthDate'), ['1985-03-12']);
    assert.deepEqual(only('Op 5 januari 2026 ontdekten wij het lek (04-01-2026).', 'birthDate'), []);
    assert.deepEqual(only('geboren 31-02-1985', 'birthDate'), [], 'no such day');
  });

  it("when a text names someone from the incident's persons list, then the name is flagged in its usual forms", () => {
    const names = ['Jan de Vries', 'Fatma Yılmaz'];
    assert.deepEqual(only('cliënt J. de Vries (inclusief BSN)', 'name', { names }), ['J. de Vries']);
    assert.deepEqual(only('Mevrouw Yılmaz en jan  de vries', 'name', { names }), [
      'Mevrouw Yılmaz',
      'jan  de vries',
    ]);
    assert.deepEqual(only('Wij hebben de Vriesafdeling gebeld.', 'name', { names }), []);
    assert.deepEqual(only('Een medewerker heeft een e-mail verstuurd.', 'name', { names }), []);
    assert.deepEqual(only('Brief aan Jan de Vries.', 'name', { names }), ['Jan de Vries']);
    assert.deepEqual(only('dhr. De Vries belde', 'name', { names }), ['dhr. De Vries']);
    assert.deepEqual(only('de heer de Vries belde', 'name', { names }), ['de heer de Vries']);
    assert.deepEqual(nameKeys('Jan de Vries'), ['jan de vries', 'i:j|de vries', 's:de vries']);
    assert.deepEqual(nameKeys('Cher'), [], 'one word alone is not looked for');
  });

  it('when everything appears at once, then each flag is reported once, in text order', () => {
    const text =
      'Cliënt J. de Vries (BSN 123456782, geboren 12-03-1985, j.devries@example.nl, 06-12345678, NL91ABNA0417164300).';
    assert.deepEqual(kinds(text, { names: ['Jan de Vries'] }), [
      'name',
      'bsn',
      'birthDate',
      'email',
      'phone',
      'iban',
    ]);
    const flags = detectPersonalData(text, { names: ['Jan de Vries'], year: 2026 });
    for (const f of flags) assert.equal(text.slice(f.start, f.end), f.match);
  });

  it('when a neutral text is checked, then nothing is flagged', () => {
    assert.deepEqual(
      kinds(
        'Op 5 januari 2026 is een e-mail met gegevens van ongeveer 40 cliënten naar een verkeerde ontvanger gestuurd. De ontvanger heeft de e-mail verwijderd.',
      ),
      [],
    );
  });
});
