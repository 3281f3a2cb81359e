// The mapping of every internal value to the AP's own answer options (domain.md §8.1), with
// "Overig, namelijk …" where no option fits: the tables are total and point at real options, the
// expected mapping per value, and the joined answer (form order, once each, one "Overig").
import assert from 'node:assert/strict';
import {
  CONSEQUENCES,
  DATA_CATEGORIES,
  INCIDENT_CAUSES,
  INCIDENT_NATURES,
  SUBJECT_CATEGORIES,
  UNINTELLIGIBILITY_LEVELS,
} from '../../../models/vocabulary/assessment.enums.js';
import {
  AP_CONSEQUENCE_OPTIONS,
  AP_DATA_OPTIONS,
  AP_INCIDENT_OPTIONS,
  AP_NATURE_OPTIONS,
  AP_PROTECTION_OPTIONS,
  AP_SUBJECT_OPTIONS,
  CAUSE_TO_AP,
  CONSEQUENCE_TO_AP,
  DATA_TO_AP,
  NATURE_TO_AP,
  OTHER,
  PROTECTION_TO_AP,
  SUBJECTS_TO_AP,
  apConsequences,
  apData,
  apIncident,
  apNature,
  apProtection,
  apSubjects,
} from '../../../server/authority/ap-options.js';

describe('unit: AP answer options', () => {
  const tables: Array<[string, readonly string[], Record<string, unknown>, Record<string, unknown>]> = [
    ['incident nature', INCIDENT_NATURES, NATURE_TO_AP, AP_NATURE_OPTIONS],
    ['incident cause', INCIDENT_CAUSES, CAUSE_TO_AP, AP_INCIDENT_OPTIONS],
    ['data category', DATA_CATEGORIES, DATA_TO_AP, AP_DATA_OPTIONS],
    ['subject category', SUBJECT_CATEGORIES, SUBJECTS_TO_AP, AP_SUBJECT_OPTIONS],
    ['consequence', CONSEQUENCES, CONSEQUENCE_TO_AP, AP_CONSEQUENCE_OPTIONS],
    ['protection', UNINTELLIGIBILITY_LEVELS, PROTECTION_TO_AP, AP_PROTECTION_OPTIONS],
  ];
  for (const [name, values, mapping, options] of tables) {
    it(`when every ${name} is looked up, then it maps to an AP option, to "Overig" or (unknown only) to no answer`, () => {
      assert.deepEqual(
        Object.keys(mapping).sort(),
        [...values].sort(),
        'the table covers exactly our values',
      );
      for (const v of values) {
        const target = mapping[v];
        if (target === null) assert.equal(v, 'unknown', `${v}: only "unknown" is no answer`);
        else if (target !== OTHER) {
          assert.equal(typeof target, 'string', v);
          assert.ok((target as string) in options, `${v} → ${target as string} is an AP option`);
        }
      }
    });
  }

  // The expected answer per value, in Dutch, as ticked in the AP form.
  const cases: Array<[string, string[] | null, string[] | null]> = [
    ['nature read', apNature(['read'], 'nl'), ['Lezen (vertrouwelijkheid)']],
    ['nature unknown', apNature(['unknown'], 'nl'), ['Nog niet bekend']],
    [
      'cause wrong e-mail',
      apIncident('email_wrong_recipient', 'nl'),
      ['Persoonsgegevens verstuurd naar de verkeerde ontvanger'],
    ],
    ['cause ransomware', apIncident('ransomware', 'nl'), ['Hacking, malware en/of phishing']],
    [
      'cause cc instead of bcc',
      apIncident('email_open_distribution', 'nl'),
      ['Overig, namelijk: Ontvangers zichtbaar (cc in plaats van bcc)'],
    ],
    [
      'cause insider',
      apIncident('insider_misuse', 'nl'),
      ['Overig, namelijk: Misbruik door (oud-)medewerker'],
    ],
    ['data BSN', apData(['national_id'], 'nl'), ['Burgerservicenummer (BSN)']],
    [
      'data ID copy',
      apData(['id_document'], 'nl'),
      ['Paspoortkopieën of kopieën van andere legitimatiebewijzen'],
    ],
    [
      'data nationality',
      apData(['nationality_residence'], 'nl'),
      ['Overig, namelijk: Nationaliteit of verblijfsstatus'],
    ],
    ['data unknown', apData(['unknown'], 'nl'), null],
    ['subjects clients', apSubjects(['clients'], 'nl'), ['Klanten (of potentiële klanten)']],
    ['subjects family', apSubjects(['client_family'], 'nl'), ['Overig, namelijk: Gezinsleden van klanten']],
    [
      'consequence reversal',
      apConsequences(['reversal_pseudonymisation'], 'nl'),
      ['Ongeoorloofde ongedaanmaking van pseudonimisering'],
    ],
    ['consequence identity theft', apConsequences(['identity_theft'], 'nl'), ['Identiteitsdiefstal']],
    [
      'consequence disadvantage',
      apConsequences(['economic_social_disadvantage'], 'nl'),
      ['Aanzienlijk economisch of maatschappelijk nadeel'],
    ],
    [
      'consequence physical safety',
      apConsequences(['physical_safety'], 'nl'),
      ['Overig, namelijk: Gevaar voor fysieke veiligheid'],
    ],
    ['nothing given', apConsequences([], 'nl'), null],
  ];
  for (const [name, actual, expected] of cases) {
    it(`when the ${name} is mapped, then the AP answer is ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(actual, expected);
    });
  }

  it('when several values are mapped, then the options follow the form order, each once, and the rest share one "Overig, namelijk"', () => {
    assert.deepEqual(
      apData(
        ['financial', 'education', 'name_address', 'nationality_residence', 'national_id', 'name_address'],
        'nl',
      ),
      [
        'Naam-, adres- en woonplaatsgegevens',
        'Financiële gegevens (bijvoorbeeld rekeningnummer of creditcardnummer)',
        'Burgerservicenummer (BSN)',
        'Overig, namelijk: Opleidingsgegevens; Nationaliteit of verblijfsstatus',
      ],
    );
    assert.deepEqual(apIncident('technical_failure', 'en'), [
      'Other, namely: Outage, power failure or software bug',
    ]);
  });

  const protection: Array<[string, Parameters<typeof apProtection>[0], ReturnType<typeof apProtection>]> = [
    ['all encrypted or hashed', ['state_of_art_encryption_key_safe', 'hashed_salted_strong'], 'yes'],
    ['one category encrypted, one not', ['state_of_art_encryption_key_safe', 'none'], 'partly'],
    ['partially protected', ['partially'], 'partly'],
    ['pseudonymised only (not unintelligible, Art. 34(3)(a))', ['pseudonymised_key_safe'], 'no'],
    ['protection likely subverted', ['protection_likely_subverted', 'none'], 'no'],
    ['unknown and unprotected', ['unknown', 'none'], 'not_known'],
    ['no categories', [], null],
  ];
  for (const [name, levels, expected] of protection) {
    it(`when the data were ${name}, then section 6 answers ${String(expected)}`, () => {
      assert.equal(apProtection(levels), expected);
    });
  }
});
