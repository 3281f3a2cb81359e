import assert from 'node:assert/strict';
import { assess } from '../../../server/assessments/assess.js';
import type {
  AvailabilityImpact,
  DataCategory,
  EaseOfIdentification,
  IntegrityImpact,
  KnownConfidentialityScope,
} from '../../../models/vocabulary/assessment.enums.js';
import { DATA_CATEGORIES } from '../../../models/vocabulary/assessment.enums.js';
import type { EnisaScenario } from '../../../server/assessments/enisa.js';
import {
  basicScore,
  computeEnisa,
  dataProcessingContext,
  enisaBand,
  expandUnknowns,
  round2,
  scoreScenario,
} from '../../../server/assessments/enisa.js';

// Written out from domain.md §7.2 "NMI mapping" on purpose, not derived from the code's table.
const EXPECTED_BASIC: Record<Exclude<DataCategory, 'access_credentials'>, number> = {
  name_address: 1,
  phone: 1,
  email: 1,
  demographic: 1,
  education: 1,
  employment: 1,
  other_basic: 1,
  contract_or_service: 1,
  nationality_residence: 1,
  location: 2,
  communication_metadata: 2,
  financial: 3,
  national_id: 3,
  id_document: 3,
  health: 4,
  criminal: 4,
  religion_belief: 4,
  racial_ethnic_origin: 4,
  political_opinion: 4,
  sex_life_orientation: 4,
  trade_union: 4,
  biometric: 4,
  genetic: 4,
  unknown: 1,
};

const KNOWN: EnisaScenario = {
  confidentialityScope: 'not_applicable',
  malicious: 'no',
  easeOfIdentification: 'maximum',
};

describe('ENISA severity (domain.md §7, §10.3)', () => {
  describe('DPC', () => {
    for (const category of DATA_CATEGORIES.filter((c) => c !== 'access_credentials')) {
      const expected = EXPECTED_BASIC[category];
      it(`when the only data category is ${category}, then the DPC is ${expected}`, () => {
        assert.equal(dataProcessingContext([category]), expected);
        assert.equal(scoreScenario({ dataCategories: [category] }, KNOWN).dpc, expected);
      });
    }

    it('when every category is covered by the expectation table, then none is left untested', () => {
      const tested = Object.keys(EXPECTED_BASIC).sort();
      const all = DATA_CATEGORIES.filter((c) => c !== 'access_credentials').sort();
      assert.deepEqual(tested, all);
    });

    const credentialCases: Array<[DataCategory | undefined, number]> = [
      [undefined, 3],
      ['health', 4],
      ['financial', 3],
      ['location', 2],
      ['email', 1],
      ['unknown', 3],
    ];
    for (const [unlocks, expected] of credentialCases) {
      it(`when access credentials unlock ${unlocks ?? 'client files (not named)'}, then they score ${expected}`, () => {
        assert.equal(basicScore('access_credentials', unlocks), expected);
        assert.equal(dataProcessingContext(['access_credentials'], 0, unlocks), expected);
      });
    }

    it('when several categories apply, then the highest basic score wins', () => {
      assert.equal(dataProcessingContext(['name_address', 'location']), 2);
      assert.equal(dataProcessingContext(['name_address', 'health', 'financial']), 4);
      assert.equal(dataProcessingContext(['email', 'national_id']), 3);
    });

    it('when no category is known, then the DPC is the minimum 1', () => {
      assert.equal(dataProcessingContext([]), 1);
    });

    const adjustments: Array<[DataCategory[], number, number]> = [
      [['financial'], 1, 4],
      [['financial'], 3, 4],
      [['name_address'], 2, 3],
      [['name_address'], -1, 1],
      [['health'], -3, 1],
      [['health'], -2, 2],
      [['location'], 1, 3],
      [['name_address', 'financial'], -1, 2],
    ];
    for (const [cats, adj, expected] of adjustments) {
      it(`when ${cats.join('+')} is adjusted by ${adj}, then the DPC is clamped to ${expected}`, () => {
        assert.equal(dataProcessingContext(cats, adj), expected);
        assert.equal(scoreScenario({ dataCategories: cats, dpcAdjustment: adj }, KNOWN).dpc, expected);
      });
    }
  });

  describe('EI', () => {
    const eiCases: Array<[EaseOfIdentification, number]> = [
      ['negligible', 0.25],
      ['limited', 0.5],
      ['significant', 0.75],
      ['maximum', 1],
    ];
    for (const [ease, ei] of eiCases) {
      it(`when ease of identification is ${ease}, then EI is ${ei} and multiplies the DPC`, () => {
        const result = scoreScenario(
          { dataCategories: ['health'] },
          { ...KNOWN, easeOfIdentification: ease },
        );
        assert.equal(result.ei, ei);
        assert.equal(result.score, 4 * ei);
      });
    }
  });

  describe('CB', () => {
    const scopes: Array<[KnownConfidentialityScope, number]> = [
      ['not_applicable', 0],
      ['no_evidence_of_access', 0],
      ['known_recipients', 0.25],
      ['unknown_recipients_or_public', 0.5],
    ];
    for (const [scope, cb] of scopes) {
      it(`when the confidentiality loss is ${scope}, then CB adds ${cb}`, () => {
        assert.equal(scoreScenario({}, { ...KNOWN, confidentialityScope: scope }).cb, cb);
      });
    }
    const integrity: Array<[IntegrityImpact, number]> = [
      ['not_applicable', 0],
      ['altered_no_misuse', 0],
      ['altered_misuse_recoverable', 0.25],
      ['altered_misuse_unrecoverable', 0.5],
    ];
    for (const [impact, cb] of integrity) {
      it(`when the integrity loss is ${impact}, then CB adds ${cb}`, () => {
        assert.equal(scoreScenario({ integrityImpact: impact }, KNOWN).cb, cb);
      });
    }
    const availability: Array<[AvailabilityImpact, number]> = [
      ['not_applicable', 0],
      ['recoverable_without_difficulty', 0],
      ['temporary', 0.25],
      ['permanent', 0.5],
    ];
    for (const [impact, cb] of availability) {
      it(`when the availability loss is ${impact}, then CB adds ${cb}`, () => {
        assert.equal(scoreScenario({ availabilityImpact: impact }, KNOWN).cb, cb);
      });
    }
    it('when the breach was malicious, then CB adds 0.5, and nothing when it was not', () => {
      assert.equal(scoreScenario({}, { ...KNOWN, malicious: 'yes' }).cb, 0.5);
      assert.equal(scoreScenario({}, { ...KNOWN, malicious: 'no' }).cb, 0);
    });
    it('when every element is at its worst, then CB is the maximum 2.0 and the score 6', () => {
      const worst = scoreScenario(
        {
          dataCategories: ['health'],
          integrityImpact: 'altered_misuse_unrecoverable',
          availabilityImpact: 'permanent',
        },
        {
          confidentialityScope: 'unknown_recipients_or_public',
          malicious: 'yes',
          easeOfIdentification: 'maximum',
        },
      );
      assert.deepEqual(worst, { dpc: 4, ei: 1, cb: 2, score: 6, band: 'very_high' });
    });
  });

  describe('bands', () => {
    const boundaries: Array<[number, string]> = [
      [0.25, 'low'],
      [1.99, 'low'],
      [2, 'medium'],
      [2.99, 'medium'],
      [3, 'high'],
      [3.99, 'high'],
      [4, 'very_high'],
      [6, 'very_high'],
    ];
    for (const [score, band] of boundaries) {
      it(`when the score is ${score}, then the band is ${band}`, () => {
        assert.equal(enisaBand(score), band);
      });
    }

    // Scores built from real inputs at and just below each boundary (scores move in 0.25 steps).
    const built: Array<[string, EnisaScenario, Parameters<typeof scoreScenario>[0], number, string]> = [
      [
        'simple, known recipients, malice',
        { ...KNOWN, confidentialityScope: 'known_recipients', malicious: 'yes' },
        { dataCategories: ['email'] },
        1.75,
        'low',
      ],
      ['behavioural, nothing else', KNOWN, { dataCategories: ['location'] }, 2, 'medium'],
      [
        'behavioural, known recipients, malice',
        { ...KNOWN, confidentialityScope: 'known_recipients', malicious: 'yes' },
        { dataCategories: ['location'] },
        2.75,
        'medium',
      ],
      ['financial, nothing else', KNOWN, { dataCategories: ['financial'] }, 3, 'high'],
      [
        'financial, known recipients, malice',
        { ...KNOWN, confidentialityScope: 'known_recipients', malicious: 'yes' },
        { dataCategories: ['financial'] },
        3.75,
        'high',
      ],
      ['sensitive, nothing else', KNOWN, { dataCategories: ['health'] }, 4, 'very_high'],
    ];
    for (const [label, scenario, input, score, band] of built) {
      it(`when the data are ${label}, then the score is ${score} (${band})`, () => {
        const result = scoreScenario(input, scenario);
        assert.equal(result.score, score);
        assert.equal(result.band, band);
      });
    }

    it('when rounding, then scores keep two decimals', () => {
      assert.equal(round2(3.254), 3.25);
      assert.equal(round2(3.255), 3.26);
      assert.equal(round2(1 / 3), 0.33);
    });
  });

  describe('worked example of domain.md §7.7', () => {
    it('when 40 advice files (name, BSN, pension amounts) go to one known wrong recipient, then SE = 3.25 (high)', () => {
      const result = assess({
        personalDataInvolved: 'yes',
        breachTypes: ['confidentiality'],
        incidentCause: 'email_wrong_recipient',
        dataCategories: ['name_address', 'national_id', 'financial'],
        subjectsCountMax: 40,
        easeOfIdentification: 'maximum',
        confidentialityScope: 'known_recipients',
        malicious: 'no',
        deletionConfirmed: 'yes',
      });
      assert.deepEqual(result.enisa, { dpc: 3, ei: 1, cb: 0.25, score: 3.25, band: 'high' });
      assert.equal(result.suggestedRisk, 'high');
      // ENISA does not reward the confirmed deletion, and BSN blocks the trusted-recipient ceiling.
      assert.ok(!result.rules.some((r) => r.id === 'ceiling.trusted-recipient'));
    });
  });

  describe('unknown inputs are computed every way (domain.md §10.3)', () => {
    it('when the confidentiality scope is missing for a confidentiality breach, then the worst (0.5) is used and flagged', () => {
      const input = {
        breachTypes: ['confidentiality' as const],
        dataCategories: ['email' as const],
        malicious: 'no' as const,
        easeOfIdentification: 'maximum' as const,
      };
      const result = computeEnisa(input);
      assert.equal(result.cb, 0.5);
      assert.equal(result.score, 1.5);
      assert.deepEqual(result.assumedWorstCase, ['confidentialityScope']);
      assert.deepEqual(result.scoreRange, { min: 1, max: 1.5 });
    });

    it('when the scope is explicitly "unknown", then it is treated the same as missing', () => {
      const result = computeEnisa({
        confidentialityScope: 'unknown',
        malicious: 'no',
        easeOfIdentification: 'maximum',
      });
      assert.equal(result.cb, 0.5);
      assert.deepEqual(result.assumedWorstCase, ['confidentialityScope']);
    });

    it('when the scope is missing but the breach is availability-only, then nothing is assumed about confidentiality', () => {
      const result = computeEnisa({
        breachTypes: ['availability'],
        malicious: 'no',
        easeOfIdentification: 'maximum',
      });
      assert.equal(result.cb, 0);
      assert.deepEqual(result.assumedWorstCase, []);
    });

    it('when malice is unknown, then both ways are computed and the +0.5 case is returned', () => {
      const known = {
        confidentialityScope: 'known_recipients' as const,
        easeOfIdentification: 'maximum' as const,
      };
      const unknown = computeEnisa({ ...known, malicious: 'unknown' });
      assert.equal(unknown.score, 1.75);
      assert.deepEqual(unknown.assumedWorstCase, ['malicious']);
      assert.deepEqual(unknown.scoreRange, { min: 1.25, max: 1.75 });
      assert.equal(computeEnisa({ ...known, malicious: 'no' }).score, 1.25);
    });

    it('when the ease of identification is missing, then EI is the maximum 1 and flagged', () => {
      const result = computeEnisa({
        dataCategories: ['financial'],
        confidentialityScope: 'not_applicable',
        malicious: 'no',
      });
      assert.equal(result.ei, 1);
      assert.equal(result.score, 3);
      assert.deepEqual(result.assumedWorstCase, ['easeOfIdentification']);
      assert.equal(result.scoreRange.min, 0.75);
    });

    it('when the data were neutralised, then unknown scope and ease are not flagged (they cannot matter)', () => {
      const result = computeEnisa({ unintelligibility: 'state_of_art_encryption_key_safe', malicious: 'no' });
      assert.equal(result.ei, 0.25);
      assert.deepEqual(result.assumedWorstCase, []);
    });

    it('when all three are unknown, then every combination is tried and the worst returned', () => {
      const input = { dataCategories: ['location' as const] };
      const { scenarios, unknownFields } = expandUnknowns(input);
      assert.equal(scenarios.length, 3 * 2 * 4);
      assert.deepEqual(unknownFields, ['confidentialityScope', 'malicious', 'easeOfIdentification']);
      const max = Math.max(...scenarios.map((s) => scoreScenario(input, s).score));
      assert.equal(computeEnisa(input).score, max);
      assert.equal(max, 2 * 1 + 0.5 + 0.5);
    });
  });
});
