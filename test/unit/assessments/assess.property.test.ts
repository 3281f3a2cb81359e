// Property-based tests of the assessment engine over generated inputs (fast-check).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assess } from '../../../server/assessments/assess.js';
import {
  AVAILABILITY_IMPACTS,
  BACKUP_AVAILABILITY,
  BREACH_TYPES,
  CONFIDENTIALITY_SCOPES,
  DATA_CATEGORIES,
  EASE_OF_IDENTIFICATION_LEVELS,
  INCIDENT_CAUSES,
  INCIDENT_NATURES,
  INTEGRITY_IMPACTS,
  SUBJECT_CATEGORIES,
  TRI_STATES,
  UNINTELLIGIBILITY_LEVELS,
} from '../../../models/vocabulary/assessment.enums.js';
import { DEFAULT_ASSESSMENT_CONFIG, NEUTRAL_PROFILE } from '../../../server/assessments/assessment-config.js';
import type { AssessmentInput } from '../../../server/assessments/assessment-input.schema.js';
import { parseAssessmentInput } from '../../../server/assessments/assessment-input.schema.js';
import { expandUnknowns, scoreScenario } from '../../../server/assessments/enisa.js';
import { riskRank } from '../../../server/assessments/risk-levels.js';
import { suggestRisk } from '../../../server/assessments/risk-rules.js';

const RUNS = { numRuns: 400 };
const count = fc.option(fc.nat({ max: 30000 }), { nil: null });

/** Any input the schema accepts (fields independently present or missing). */
const inputArb: fc.Arbitrary<AssessmentInput> = fc
  .record(
    {
      personalDataInvolved: fc.constantFrom(...TRI_STATES),
      breachTypes: fc.subarray([...BREACH_TYPES]),
      incidentCause: fc.constantFrom(...INCIDENT_CAUSES),
      incidentNature: fc.subarray([...INCIDENT_NATURES]),
      dataCategories: fc.subarray([...DATA_CATEGORIES], { maxLength: 5 }),
      credentialsUnlock: fc.constantFrom(...DATA_CATEGORIES.filter((c) => c !== 'access_credentials')),
      dpcAdjustment: fc.integer({ min: -3, max: 3 }),
      subjectCategories: fc.subarray([...SUBJECT_CATEGORIES], { maxLength: 3 }),
      subjectsCountMax: count,
      vulnerableSubjects: fc.constantFrom(...TRI_STATES),
      recipientsCount: count,
      recipientTrusted: fc.constantFrom(...TRI_STATES),
      exfiltrationRuledOut: fc.constantFrom(...TRI_STATES),
      deletionConfirmed: fc.constantFrom(...TRI_STATES),
      dataRetrieved: fc.constantFrom(...TRI_STATES),
      confidentialityScope: fc.constantFrom(...CONFIDENTIALITY_SCOPES),
      integrityImpact: fc.constantFrom(...INTEGRITY_IMPACTS),
      availabilityImpact: fc.constantFrom(...AVAILABILITY_IMPACTS),
      unavailableHours: fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: null }),
      backupAvailable: fc.constantFrom(...BACKUP_AVAILABILITY),
      processesHalted: fc.constantFrom(...TRI_STATES),
      effectOnPeople: fc.constantFrom(...TRI_STATES),
      malicious: fc.constantFrom(...TRI_STATES),
      unintelligibility: fc.constantFrom(...UNINTELLIGIBILITY_LEVELS),
      easeOfIdentification: fc.constantFrom(...EASE_OF_IDENTIFICATION_LEVELS),
    },
    { requiredKeys: [] },
  )
  .map((input) => (input.dpcAdjustment ? { ...input, dpcAdjustmentReason: 'context' } : input));

const rank = (input: AssessmentInput): number => riskRank(assess(input).suggestedRisk);

describe('assessment engine properties (fast-check)', () => {
  it('when any valid input is generated, then the schema accepts it (the generator covers real input)', () => {
    fc.assert(
      fc.property(inputArb, (input) => parseAssessmentInput(input).ok),
      RUNS,
    );
  });

  it('when any input is assessed, then the ENISA score lies within 0.25–6 and matches its band', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { enisa, flags } = assess(input);
        assert.ok(enisa.score >= 0.25 && enisa.score <= 6, String(enisa.score));
        assert.ok(flags.scoreRange.min >= 0.25 && flags.scoreRange.max === enisa.score);
        assert.ok(enisa.dpc >= 1 && enisa.dpc <= 4 && Number.isInteger(enisa.dpc));
        assert.ok(enisa.cb >= 0 && enisa.cb <= 2);
        const expectedBand =
          enisa.score < 2 ? 'low' : enisa.score < 3 ? 'medium' : enisa.score < 4 ? 'high' : 'very_high';
        assert.equal(enisa.band, expectedBand);
        assert.equal(enisa.score, Math.round((enisa.dpc * enisa.ei + enisa.cb) * 100) / 100);
      }),
      RUNS,
    );
  });

  it('when any floor fires in any scenario, then it never lowers the level', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const scenario of expandUnknowns(input).scenarios) {
          const enisa = scoreScenario(input, scenario);
          const { trace } = suggestRisk(input, scenario, enisa, DEFAULT_ASSESSMENT_CONFIG);
          for (const step of trace.filter((s) => s.id.startsWith('floor.'))) {
            assert.ok(
              riskRank(step.after) >= riskRank(step.before),
              `${step.id}: ${step.before} → ${step.after}`,
            );
            assert.ok(step.effect.startsWith('raise:'));
          }
        }
      }),
      RUNS,
    );
  });

  it('when malicious intent is added, then the suggestion never goes down', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        assert.ok(rank({ ...input, malicious: 'yes' }) >= rank({ ...input, malicious: 'no' }));
      }),
      RUNS,
    );
  });

  it('when more persons are affected, then the suggestion never goes down', () => {
    fc.assert(
      fc.property(inputArb, fc.nat({ max: 30000 }), fc.nat({ max: 30000 }), (input, a, b) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const base = { ...input, subjectsCountMin: undefined };
        assert.ok(rank({ ...base, subjectsCountMax: more }) >= rank({ ...base, subjectsCountMax: fewer }));
      }),
      RUNS,
    );
  });

  it('when the disclosure widens (no evidence → known recipients → unknown/public), then the suggestion never goes down', () => {
    const widths = ['no_evidence_of_access', 'known_recipients', 'unknown_recipients_or_public'] as const;
    fc.assert(
      fc.property(inputArb, (input) => {
        const ranks = widths.map((confidentialityScope) => rank({ ...input, confidentialityScope }));
        for (let i = 1; i < ranks.length; i++) assert.ok(ranks[i]! >= ranks[i - 1]!, ranks.join(' → '));
      }),
      RUNS,
    );
  });

  it("when the organisation profile's assumptions apply, then the suggestion is never lower than without them (§10.8 item 4)", () => {
    const neutral = { ...DEFAULT_ASSESSMENT_CONFIG, profile: NEUTRAL_PROFILE };
    fc.assert(
      fc.property(inputArb, (input) => {
        const withProfile = riskRank(assess({ ...input, riskLevel: undefined }).suggestedRisk);
        const without = riskRank(assess({ ...input, riskLevel: undefined }, neutral).suggestedRisk);
        assert.ok(withProfile >= without, `${without} → ${withProfile}`);
      }),
      RUNS,
    );
  });

  it('when only neutralised data are affected and nothing else was lost, then notifying is never suggested', () => {
    const neutralisedArb = fc.record({
      // Pseudonymised data are not neutralised (domain.md §10.8 item 1).
      unintelligibility: fc.constantFrom('state_of_art_encryption_key_safe', 'hashed_salted_strong'),
      integrityImpact: fc.constantFrom('not_applicable', 'altered_no_misuse'),
      availabilityImpact: fc.constantFrom('not_applicable', 'recoverable_without_difficulty'),
      unavailableHours: fc.option(fc.double({ min: 0, max: 24, noNaN: true }), { nil: null }),
    } as const);
    fc.assert(
      fc.property(inputArb, neutralisedArb, (input, neutralised) => {
        const result = assess({ ...input, ...neutralised, riskLevel: undefined });
        assert.equal(result.suggestedRisk, 'none');
        assert.equal(result.duties.notifyAuthority, false);
        assert.equal(result.duties.informSubjects, false);
      }),
      RUNS,
    );
  });
});
