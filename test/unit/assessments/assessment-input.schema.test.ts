import assert from 'node:assert/strict';
import * as enums from '../../../models/vocabulary/assessment.enums.js';
import * as labels from '../../../server/assessments/assessment.labels.js';
import {
  formatFieldPath,
  parseAssessmentInput,
} from '../../../server/assessments/assessment-input.schema.js';

function problems(raw: unknown): Record<string, string> {
  const result = parseAssessmentInput(raw);
  assert.equal(result.ok, false, 'expected the input to be rejected');
  return result.ok ? {} : Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
}

describe('assessment input schema (contracts.md §3)', () => {
  it('when the input is an empty object, then it is valid and every field is unknown', () => {
    assert.deepEqual(parseAssessmentInput({}), { ok: true, input: {} });
  });

  it('when a full §10.2 input is given, then every field comes through unchanged', () => {
    const full = {
      incidentCause: 'email_wrong_recipient',
      incidentNature: ['read', 'copied'],
      breachTypes: ['confidentiality', 'integrity'],
      discoveredAt: '2026-11-19T22:00:00Z',
      awarenessAt: '2026-11-20T08:30:00+01:00',
      decidedAt: '2026-11-20T10:00',
      discoveryChannel: 'third_party',
      personalDataInvolved: 'yes',
      dataCategories: ['name_address', 'national_id'],
      subjectCategories: ['clients', 'minors'],
      subjectsCountMin: 10,
      subjectsCountMax: null,
      recordsCount: 40,
      vulnerableSubjects: 'unknown',
      confidentialityScope: 'known_recipients',
      integrityImpact: 'altered_no_misuse',
      availabilityImpact: 'temporary',
      unavailableHours: 2.5,
      backupAvailable: 'not_applicable',
      malicious: 'no',
      unintelligibility: 'none',
      easeOfIdentification: 'maximum',
      credentialsUnlock: 'health',
      dpcAdjustment: 1,
      dpcAdjustmentReason: 'volume allows profiling',
      consequences: ['identity_fraud'],
      riskLevel: 'high',
      art34Exception: 'disproportionate_effort',
    };
    const result = parseAssessmentInput(full);
    assert.ok(result.ok);
    assert.deepEqual(result.input, full);
  });

  it('when unknown field names are present, then they are dropped without error', () => {
    const result = parseAssessmentInput({ malicious: 'yes', favouriteColour: 'blue', nested: { a: 1 } });
    assert.deepEqual(result, { ok: true, input: { malicious: 'yes' } });
  });

  it('when enumeration values are wrong, then each bad field is named with its path and the bad value', () => {
    const found = problems({
      confidentialityScope: 'everyone',
      dataCategories: ['name_address', 'BSN'],
      malicious: 'maybe',
    });
    assert.deepEqual(Object.keys(found).sort(), ['confidentialityScope', 'dataCategories[1]', 'malicious']);
    assert.match(found['dataCategories[1]'] ?? '', /"BSN"/);
    assert.match(found.malicious ?? '', /"yes"\|"no"\|"unknown"/);
  });

  it('when types are wrong, then each field is named', () => {
    const found = problems({
      subjectsCountMax: '40',
      breachTypes: 'confidentiality',
      unavailableHours: -1,
      recordsCount: 2.5,
      dpcAdjustment: 1.5,
      awarenessAt: 'yesterday',
      discoveredAt: '2026-02-30T10:00:00Z',
    });
    assert.deepEqual(Object.keys(found).sort(), [
      'awarenessAt',
      'breachTypes',
      'discoveredAt',
      'dpcAdjustment',
      'recordsCount',
      'subjectsCountMax',
      'unavailableHours',
    ]);
  });

  it('when a DPC adjustment has no reason, then the reason field is named, together with other problems', () => {
    const found = problems({ dpcAdjustment: 2, malicious: 'perhaps' });
    assert.deepEqual(Object.keys(found).sort(), ['dpcAdjustmentReason', 'malicious']);
    assert.ok(parseAssessmentInput({ dpcAdjustment: 0 }).ok);
    assert.ok(parseAssessmentInput({ dpcAdjustment: -2, dpcAdjustmentReason: 'public data' }).ok);
  });

  it("when the adjustment leaves ENISA's −3…+3 range, then it is rejected", () => {
    assert.deepEqual(Object.keys(problems({ dpcAdjustment: 4, dpcAdjustmentReason: 'x' })), [
      'dpcAdjustment',
    ]);
  });

  it('when the minimum count exceeds the maximum, then subjectsCountMin is named', () => {
    assert.deepEqual(Object.keys(problems({ subjectsCountMin: 50, subjectsCountMax: 10 })), [
      'subjectsCountMin',
    ]);
  });

  it('when credentials are said to unlock credentials, then credentialsUnlock is named', () => {
    assert.deepEqual(Object.keys(problems({ credentialsUnlock: 'access_credentials' })), [
      'credentialsUnlock',
    ]);
  });

  for (const raw of [null, [], 'text', 42]) {
    it(`when the input is ${JSON.stringify(raw)} instead of an object, then the whole input is named`, () => {
      assert.deepEqual(Object.keys(problems(raw)), ['(input)']);
    });
  }

  it('when paths are formatted, then names are dotted and indexes bracketed', () => {
    assert.equal(formatFieldPath(['dataCategories', 2]), 'dataCategories[2]');
    assert.equal(formatFieldPath(['a', 'b', 0, 'c']), 'a.b[0].c');
    assert.equal(formatFieldPath([]), '(input)');
  });

  it('when the UI needs labels, then every enumeration value has a Dutch and an English label', () => {
    const pairs: Array<[readonly string[], Record<string, { nl: string; en: string }>]> = [
      [enums.BREACH_TYPES, labels.BREACH_TYPE_LABELS],
      [enums.INCIDENT_NATURES, labels.INCIDENT_NATURE_LABELS],
      [enums.INCIDENT_CAUSES, labels.INCIDENT_CAUSE_LABELS],
      [enums.DATA_CATEGORIES, labels.DATA_CATEGORY_LABELS],
      [enums.SUBJECT_CATEGORIES, labels.SUBJECT_CATEGORY_LABELS],
      [enums.CONFIDENTIALITY_SCOPES, labels.CONFIDENTIALITY_SCOPE_LABELS],
      [enums.INTEGRITY_IMPACTS, labels.INTEGRITY_IMPACT_LABELS],
      [enums.AVAILABILITY_IMPACTS, labels.AVAILABILITY_IMPACT_LABELS],
      [enums.UNINTELLIGIBILITY_LEVELS, labels.UNINTELLIGIBILITY_LABELS],
      [enums.EASE_OF_IDENTIFICATION_LEVELS, labels.EASE_OF_IDENTIFICATION_LABELS],
      [enums.CONSEQUENCES, labels.CONSEQUENCE_LABELS],
      [enums.TRI_STATES, labels.TRI_STATE_LABELS],
      [enums.BACKUP_AVAILABILITY, labels.BACKUP_AVAILABILITY_LABELS],
      [enums.RISK_LEVELS, labels.RISK_LEVEL_LABELS],
      [enums.ENISA_BANDS, labels.ENISA_BAND_LABELS],
      [enums.DISCOVERY_CHANNELS, labels.DISCOVERY_CHANNEL_LABELS],
      [enums.ART34_EXCEPTIONS, labels.ART34_EXCEPTION_LABELS],
    ];
    for (const [values, table] of pairs) {
      assert.deepEqual(Object.keys(table).sort(), [...values].sort());
      for (const value of values) {
        assert.ok(table[value]?.nl.trim() && table[value]?.en.trim(), value);
      }
    }
    assert.equal(labels.INCIDENT_NATURE_LABELS.deleted_destroyed.nl, 'Verwijderen of vernietigen');
    assert.equal(labels.BREACH_TYPE_LABELS.availability.nl, 'Beschikbaarheid');
  });
});
