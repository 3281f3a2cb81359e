// Reading lists of affected persons (pure): headers in Dutch or English, delimiter, languages, rows.
import assert from 'node:assert/strict';
import {
  detectDelimiter,
  mapHeaders,
  normaliseLanguage,
  validatePerson,
} from '../../../server/notices/person-csv.js';

describe('unit: affected-persons CSV', () => {
  it('when headers are Dutch, English, oddly spelled or unknown, then the right fields are found and unknown columns ignored', () => {
    const nl = mapHeaders([
      '\uFEFFNaam',
      'E-mailadres',
      'Taal',
      'Adresregel 1',
      'Postcode',
      'Woonplaats',
      'Land',
      'Klantnummer',
    ]);
    assert.deepEqual(nl.columns, [
      'name',
      'email',
      'language',
      'address1',
      'postcode',
      'city',
      'country',
      null,
    ]);
    assert.equal(nl.fatal, null);
    assert.equal(nl.names.email, 'E-mailadres');
    const en = mapHeaders(['Full name', 'E-mail address', 'Address line 2', 'ZIP code', 'Town']);
    assert.deepEqual(en.columns, ['name', 'email', 'address2', 'postcode', 'city']);
    assert.equal(mapHeaders(['email', 'adres']).fatal, 'notices.import.noNameColumn');
    assert.equal(mapHeaders(['naam', 'telefoon']).fatal, 'notices.import.noContactColumn');
    assert.equal(mapHeaders(['naam', 'email', 'E-mail']).fatal, 'notices.import.duplicateColumn');
  });

  it('when the first line is read, then the delimiter is the one used outside quotes', () => {
    assert.equal(detectDelimiter('naam;email;taal'), ';');
    assert.equal(detectDelimiter('name,email,language'), ',');
    assert.equal(detectDelimiter('"a;b;c",email'), ',');
    assert.equal(detectDelimiter('naam'), ',');
  });

  it('when a language is written as a name or a code, then it becomes a code; nonsense is refused; empty is Dutch', () => {
    const table: [string, string | null][] = [
      ['', 'nl'],
      ['Nederlands', 'nl'],
      ['EN', 'en'],
      ['Engels', 'en'],
      ['Türkçe', 'tr'],
      ['ar', 'ar'],
      ['pap', 'pap'],
      ['klingon!', null],
      ['x', null],
    ];
    for (const [input, want] of table) assert.equal(normaliseLanguage(input), want, input);
  });

  it('when a row is validated, then a name and an e-mail or a postal address are needed, and limits hold', () => {
    const ok = validatePerson({ name: ' Jan ', email: 'JAN@Example.test ', language: 'nl' });
    assert.ok(ok.ok);
    assert.deepEqual(ok.person.contact, {
      name: 'Jan',
      email: 'jan@example.test',
      addressLines: [],
      postcode: '',
      city: '',
      country: '',
    });
    const letter = validatePerson({ name: 'Piet', address1: 'Laan 5', postcode: '9999 zz' });
    assert.ok(
      letter.ok && letter.person.contact.email === null && letter.person.contact.postcode === '9999 ZZ',
    );
    const none = validatePerson({ name: 'Niemand' });
    assert.ok(!none.ok && none.problems.some((p) => p.problem === 'notices.import.problem.noContact'));
    const bad = validatePerson({ name: '', email: 'no-at', language: '??', city: 'x'.repeat(101) });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => `${p.field}:${p.problem}`).sort(), [
      'city:notices.import.problem.tooLong',
      'email:notices.import.problem.email',
      'language:notices.import.problem.language',
      'name:notices.import.problem.required',
    ]);
    // Control characters (a line break inside a cell) become spaces.
    const multi = validatePerson({ name: 'Jan\nJansen', email: 'j@example.test' });
    assert.ok(multi.ok && multi.person.contact.name === 'Jan Jansen');
  });
});
