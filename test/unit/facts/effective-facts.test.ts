// The facts in force (issue 12): the reporter's version overlaid by the officer's versions in the
// order they were made, each fact with the origin of its latest value. Pure; tables of cases.
import assert from 'node:assert/strict';
import {
  correctedAfter,
  effectiveFacts,
  engineFacts,
  factChangesOf,
  overallProtection,
  withEffectiveFacts,
  type AssessmentFacts,
  type CorrectionFacts,
} from '../../../server/facts/effective-facts.js';
import type { AssessmentInput } from '../../../server/assessments/assessment-input.schema.js';

const REPORTED = {
  reporterName: 'Rita Reporter',
  reportedInternallyAt: new Date('2026-01-05T09:30:00Z'),
  incidentCause: 'email_wrong_recipient',
  dataCategories: ['name_address', 'national_id'],
  subjectsCountMin: 40,
  subjectsCountMax: 40,
  confidentialityScope: 'unknown',
  recipientTrusted: 'unknown',
  unintelligibility: 'unknown',
  recipients: 'Eén externe ontvanger',
};

const at = (hhmm: string) => new Date(`2026-01-05T${hhmm}:00Z`);
const assessment = (
  version: number,
  time: string,
  input: Record<string, unknown>,
  factsReason?: string,
): AssessmentFacts => ({
  version,
  decidedAt: at(time),
  assessorName: 'Bram Beoordelaar',
  input,
  factsReason,
});
const correction = (version: number, time: string, changes: Record<string, unknown>): CorrectionFacts => ({
  version,
  at: at(time),
  byName: 'Olga Officer',
  reason: `reden ${version}`,
  changes,
});

describe('unit: the facts in force', () => {
  it('when nothing was corrected, then every fact is the reporter’s, with the reporter as origin', () => {
    const f = effectiveFacts(REPORTED, [], []);
    assert.equal(f.values.confidentialityScope, 'unknown');
    assert.equal(f.values.subjectsCountMax, 40);
    assert.equal(f.values.recipientsCount, null, 'a fact the intake does not ask starts as not given');
    assert.equal(f.origins.confidentialityScope!.by, 'reporter');
    assert.equal(f.origins.confidentialityScope!.name, 'Rita Reporter');
    assert.equal(f.lastCorrectedAt, null);
  });

  const cases: {
    name: string;
    assessments: AssessmentFacts[];
    corrections: CorrectionFacts[];
    fact: string;
    value: unknown;
    origin: {
      by: string;
      assessmentVersion: number | null;
      correctionVersion: number | null;
      reason: string | null;
    };
  }[] = [
    {
      name: 'an assessment names the fact',
      assessments: [assessment(1, '14:00', { confidentialityScope: 'known_recipients' })],
      corrections: [],
      fact: 'confidentialityScope',
      value: 'known_recipients',
      origin: { by: 'officer', assessmentVersion: 1, correctionVersion: null, reason: null },
    },
    {
      name: 'an assessment leaves the fact out (stored before issue 12, or not asked)',
      assessments: [assessment(1, '14:00', { easeOfIdentification: 'maximum' })],
      corrections: [],
      fact: 'subjectsCountMax',
      value: 40,
      origin: { by: 'reporter', assessmentVersion: null, correctionVersion: null, reason: null },
    },
    {
      name: 'an assessment confirms the reporter’s value (lists in another order)',
      assessments: [assessment(1, '14:00', { dataCategories: ['national_id', 'name_address'] })],
      corrections: [],
      fact: 'dataCategories',
      value: ['name_address', 'national_id'],
      origin: { by: 'reporter', assessmentVersion: null, correctionVersion: null, reason: null },
    },
    {
      name: 'a correction follows an assessment',
      assessments: [assessment(1, '14:00', { confidentialityScope: 'unknown_recipients_or_public' })],
      corrections: [correction(1, '15:00', { confidentialityScope: 'known_recipients' })],
      fact: 'confidentialityScope',
      value: 'known_recipients',
      origin: { by: 'officer', assessmentVersion: null, correctionVersion: 1, reason: 'reden 1' },
    },
    {
      name: 'an assessment with a reason follows a correction',
      assessments: [
        assessment(2, '16:00', { confidentialityScope: 'unknown_recipients_or_public' }, 'doorgestuurd'),
      ],
      corrections: [correction(1, '15:00', { confidentialityScope: 'known_recipients' })],
      fact: 'confidentialityScope',
      value: 'unknown_recipients_or_public',
      origin: { by: 'officer', assessmentVersion: 2, correctionVersion: null, reason: 'doorgestuurd' },
    },
    {
      name: 'a correction clears a count',
      assessments: [],
      corrections: [correction(1, '15:00', { subjectsCountMax: null })],
      fact: 'subjectsCountMax',
      value: null,
      origin: { by: 'officer', assessmentVersion: null, correctionVersion: 1, reason: 'reden 1' },
    },
    {
      name: 'two corrections: the later one counts',
      assessments: [],
      corrections: [
        correction(2, '16:00', { recipients: 'Twee ontvangers' }),
        correction(1, '15:00', { recipients: 'Eén ontvanger' }),
      ],
      fact: 'recipients',
      value: 'Twee ontvangers',
      origin: { by: 'officer', assessmentVersion: null, correctionVersion: 2, reason: 'reden 2' },
    },
    {
      name: 'an assessment cannot set a fact that is not engine input',
      assessments: [assessment(1, '14:00', { recipients: 'iemand anders' })],
      corrections: [],
      fact: 'recipients',
      value: 'Eén externe ontvanger',
      origin: { by: 'reporter', assessmentVersion: null, correctionVersion: null, reason: null },
    },
  ];
  for (const c of cases) {
    it(`when ${c.name}, then ${c.fact} is ${JSON.stringify(c.value)} from the ${c.origin.by}`, () => {
      const f = effectiveFacts(REPORTED, c.assessments, c.corrections);
      assert.deepEqual(f.values[c.fact], c.value);
      const o = f.origins[c.fact]!;
      assert.deepEqual(
        {
          by: o.by,
          assessmentVersion: o.assessmentVersion,
          correctionVersion: o.correctionVersion,
          reason: o.reason,
        },
        c.origin,
      );
    });
  }

  it('when facts were corrected, then the reporter’s value stays first in the history and every later value follows in order', () => {
    const f = effectiveFacts(
      REPORTED,
      [assessment(1, '16:00', { confidentialityScope: 'unknown_recipients_or_public' })],
      [correction(1, '15:00', { confidentialityScope: 'known_recipients' })],
    );
    const values = f.history
      .filter((h) => h.name === 'confidentialityScope')
      .map((h) => [h.value, h.origin.by]);
    assert.deepEqual(values, [
      ['unknown', 'reporter'],
      ['known_recipients', 'officer'],
      ['unknown_recipients_or_public', 'officer'],
    ]);
    assert.deepEqual(f.lastCorrectedAt, at('16:00'));
    assert.equal(correctedAfter(f, at('14:00')), true);
    assert.equal(correctedAfter(f, at('15:00')), false);
  });

  const protection: { name: string; changes: Record<string, unknown>; level: string; from: string }[] = [
    {
      name: 'the general level is known',
      changes: { unintelligibility: 'partially', protection: { name_address: 'none' } },
      level: 'partially',
      from: 'unintelligibility',
    },
    {
      name: 'every category has the same level of its own',
      changes: {
        protection: {
          name_address: 'state_of_art_encryption_key_safe',
          national_id: 'state_of_art_encryption_key_safe',
        },
      },
      level: 'state_of_art_encryption_key_safe',
      from: 'protection',
    },
    {
      name: 'the categories differ (one level would misstate some)',
      changes: { protection: { name_address: 'none', national_id: 'state_of_art_encryption_key_safe' } },
      level: 'unknown',
      from: 'unintelligibility',
    },
    {
      name: 'one category lacks a level',
      changes: { protection: { national_id: 'state_of_art_encryption_key_safe' } },
      level: 'unknown',
      from: 'unintelligibility',
    },
  ];
  for (const p of protection) {
    it(`when ${p.name}, then the protection as a whole is ${p.level}`, () => {
      const f = effectiveFacts(REPORTED, [], [correction(1, '15:00', p.changes)]);
      const overall = overallProtection(f);
      assert.equal(overall.level, p.level);
      assert.equal(overall.origin, f.origins[p.from]);
      assert.equal(
        (withEffectiveFacts({ reference: 'DL-1' }, f) as { unintelligibility?: string }).unintelligibility,
        p.level,
      );
    });
  }

  it('when the assessment form is pre-filled, then the facts in force replace the base input and a cleared fact is left out', () => {
    const f = effectiveFacts(
      REPORTED,
      [],
      [
        correction(1, '15:00', {
          subjectsCountMax: null,
          recipientsCount: 1,
          confidentialityScope: 'known_recipients',
        }),
      ],
    );
    const base: AssessmentInput = {
      subjectsCountMax: 40,
      confidentialityScope: 'unknown',
      easeOfIdentification: 'maximum',
    };
    const prefill = engineFacts(base, f);
    assert.equal(prefill.subjectsCountMax, undefined);
    assert.equal(prefill.recipientsCount, 1);
    assert.equal(prefill.confidentialityScope, 'known_recipients');
    assert.equal(prefill.easeOfIdentification, 'maximum', 'assessment-only judgements stay');
    assert.equal(
      (prefill as Record<string, unknown>).recipients,
      undefined,
      'non-engine facts are not engine input',
    );
  });

  it('when an assessment input differs from the facts in force, then the changes are named and those overriding a correction marked', () => {
    const f = effectiveFacts(
      REPORTED,
      [],
      [correction(1, '15:00', { confidentialityScope: 'known_recipients' })],
    );
    const changes = factChangesOf(
      {
        confidentialityScope: 'unknown_recipients_or_public',
        recipientTrusted: 'yes',
        subjectsCountMax: 40,
        dataCategories: ['national_id', 'name_address'],
      },
      f,
    );
    assert.deepEqual(changes.changed, ['recipientTrusted', 'confidentialityScope']);
    assert.deepEqual(changes.overridesCorrection, ['confidentialityScope']);
  });
});
