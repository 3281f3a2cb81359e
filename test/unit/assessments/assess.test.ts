import assert from 'node:assert/strict';
import { assess, toAssessOutput } from '../../../server/assessments/assess.js';
import { DEFAULT_ASSESSMENT_CONFIG, NEUTRAL_PROFILE } from '../../../server/assessments/assessment-config.js';
import type { AssessmentInput } from '../../../server/assessments/assessment-input.schema.js';
import { quiet } from './assessment-fixtures.js';

describe('assess() (domain.md §10.3–§10.5, contracts.md §3)', () => {
  it('when the output is projected for the CLI, then it has the contract keys first and rules as {id, effect, reason}', () => {
    const output = toAssessOutput(
      assess(quiet({ dataCategories: ['national_id'], awarenessAt: '2026-11-20T08:30:00Z' })),
    );
    assert.deepEqual(Object.keys(output), [
      'enisa',
      'suggestedRisk',
      'duties',
      'rules',
      'deadlines',
      'flags',
      'closestExample',
    ]);
    assert.deepEqual(Object.keys(output.enisa), ['dpc', 'ei', 'cb', 'score', 'band']);
    // The contract keys first; `controller` (Art. 33(2), §10.8 item 7) is an added field.
    assert.deepEqual(Object.keys(output.deadlines), ['authority', 'ministry', 'subjects', 'controller']);
    for (const key of ['register', 'notifyAuthority', 'informSubjects', 'notifyMinistry']) {
      assert.equal(typeof output.duties[key as keyof typeof output.duties], 'boolean', key);
    }
    assert.ok(output.rules.length > 0);
    for (const rule of output.rules) assert.deepEqual(Object.keys(rule), ['id', 'effect', 'reason']);
    assert.ok(output.rules.some((r) => r.id === 'floor.national-id' && r.effect === 'raise:risk'));
  });

  it('when nothing at all is known, then the worst case is assumed, flagged and explained', () => {
    const result = assess({});
    assert.deepEqual(result.flags.assumedWorstCase, [
      'confidentialityScope',
      'malicious',
      'easeOfIdentification',
    ]);
    assert.equal(result.flags.dataCategoriesUnknown, true);
    // §10.8 item 4 (deliberate change): unknown data score as NMI's typical client file (DPC 3,
    // was 1), and unknown persons may be vulnerable clients.
    assert.deepEqual(result.enisa, { dpc: 3, ei: 1, cb: 1, score: 4, band: 'very_high' });
    assert.equal(result.rules[0]?.id, 'assume.worst-case');
    assert.match(
      result.rules[0]?.reason ?? '',
      /who received the data, malicious intent, ease of identification/,
    );
    assert.deepEqual(result.flags.assumptions, [
      'assume.worst-case',
      'assume.unknown-categories',
      'assume.vulnerable',
      'assume.client-relationship',
    ]);
    assert.equal(result.suggestedRisk, 'high');
    // Without the organisation profile the pure ENISA lower bound of the first engine remains.
    const neutral = assess({}, { ...DEFAULT_ASSESSMENT_CONFIG, profile: NEUTRAL_PROFILE });
    assert.deepEqual(neutral.enisa, { dpc: 1, ei: 1, cb: 1, score: 2, band: 'medium' });
    assert.equal(neutral.suggestedRisk, 'risk');
    assert.deepEqual(result.deadlines, { authority: null, ministry: null, subjects: null, controller: null });
  });

  it('when everything is known, then nothing is flagged as assumed and no assume rule fires', () => {
    const result = assess(quiet());
    assert.deepEqual(result.flags.assumedWorstCase, []);
    assert.deepEqual(result.flags.scoreRange, { min: 1.25, max: 1.25 });
    assert.ok(!result.rules.some((r) => r.id === 'assume.worst-case'));
  });

  it('when malice is unknown for a trusted wrong recipient, then the worst case (malice) blocks the ceiling until resolved', () => {
    const base: AssessmentInput = quiet({
      dataCategories: ['location'],
      recipientTrusted: 'yes',
      recipientsCount: 1,
    });
    assert.equal(assess({ ...base, malicious: 'no' }).suggestedRisk, 'none');
    const unknown = assess({ ...base, malicious: undefined });
    assert.equal(unknown.suggestedRisk, 'risk');
    assert.deepEqual(unknown.flags.assumedWorstCase, ['malicious']);
    assert.ok(unknown.rules.some((r) => r.id === 'floor.malicious-obtained'));
  });

  it('when the scope is unknown, then the suggestion equals the one for unknown recipients', () => {
    const unknown = assess(quiet({ dataCategories: ['national_id'], confidentialityScope: 'unknown' }));
    const worst = assess(
      quiet({ dataCategories: ['national_id'], confidentialityScope: 'unknown_recipients_or_public' }),
    );
    assert.equal(unknown.suggestedRisk, worst.suggestedRisk);
    assert.deepEqual(unknown.enisa, worst.enisa);
    assert.deepEqual(unknown.flags.scoreRange, { min: 3, max: 3.5 });
  });

  it('when counts pass the large-number reminder, then the flag is set (above 100, not at 100)', () => {
    assert.equal(assess(quiet({ subjectsCountMax: 101 })).flags.largeNumber, true);
    assert.equal(assess(quiet({ subjectsCountMax: 100 })).flags.largeNumber, false);
    assert.equal(assess(quiet({ subjectsCountMax: null })).flags.largeNumber, false);
  });

  it('when the organisation is a processor, then assess reports the controller duty and no AP deadline', () => {
    const config = { ...DEFAULT_ASSESSMENT_CONFIG, organisationRole: 'processor' as const };
    const result = assess(
      quiet({ dataCategories: ['national_id'], awarenessAt: '2026-11-20T08:30:00Z' }),
      config,
    );
    assert.equal(result.duties.notifyController, true);
    assert.equal(result.duties.notifyAuthority, false);
    assert.equal(result.deadlines.authority, null);
  });

  it('when the input object is assessed, then it is not modified', () => {
    const input = quiet({ dataCategories: ['health', 'email'] });
    const copy = structuredClone(input);
    assess(input);
    assert.deepEqual(input, copy);
  });

  describe('closest EDPB example (domain.md §6.3)', () => {
    const cases: Array<[string, AssessmentInput, string | null]> = [
      [
        'a stolen encrypted laptop with a backup',
        {
          incidentCause: 'device_lost_stolen',
          unintelligibility: 'state_of_art_encryption_key_safe',
          backupAvailable: 'yes',
        },
        'encrypted-data-with-backup',
      ],
      [
        'exfiltrated hashed passwords',
        {
          incidentCause: 'hacking_malware',
          unintelligibility: 'hashed_salted_strong',
          dataCategories: ['access_credentials'],
        },
        'hashed-passwords-exfiltrated',
      ],
      [
        'hackers copying BSNs',
        {
          incidentCause: 'hacking_malware',
          malicious: 'yes',
          incidentNature: ['copied'],
          dataCategories: ['national_id'],
        },
        'exfiltrated-identity-or-payment-data',
      ],
      [
        'a letter with contact details to a trusted wrong recipient',
        {
          incidentCause: 'post_misdelivered',
          confidentialityScope: 'known_recipients',
          recipientTrusted: 'yes',
          dataCategories: ['name_address'],
        },
        'trusted-wrong-recipient',
      ],
      [
        'the §7.7 e-mail with BSNs to a wrong recipient',
        {
          incidentCause: 'email_wrong_recipient',
          confidentialityScope: 'known_recipients',
          deletionConfirmed: 'yes',
          dataCategories: ['name_address', 'national_id', 'financial'],
        },
        'mass-mailing-national-id',
      ],
      [
        'stolen paper health files without copy',
        { incidentCause: 'paper_lost_stolen', dataCategories: ['health'], backupAvailable: 'no' },
        'stolen-paper-health-files',
      ],
      [
        'ransomware without backup halting benefit payments',
        {
          incidentCause: 'ransomware',
          backupAvailable: 'no',
          processesHalted: 'yes',
          availabilityImpact: 'permanent',
        },
        'no-backup-long-restoration',
      ],
      ['an incident resembling none of them', quiet(), null],
    ];
    for (const [label, input, expected] of cases) {
      it(`when the incident is ${label}, then the closest example is ${expected ?? 'none'}`, () => {
        const example = assess(input).closestExample;
        assert.equal(example?.id ?? null, expected);
        if (example) assert.ok(example.nl.length > 20 && example.en.length > 20);
      });
    }
  });
});
