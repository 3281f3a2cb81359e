import assert from 'node:assert/strict';
import { assess } from '../../../server/assessments/assess.js';
import type { EnisaBand, RiskLevel } from '../../../models/vocabulary/assessment.enums.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../../../server/assessments/assessment-config.js';
import type { AssessmentInput } from '../../../server/assessments/assessment-input.schema.js';
import { levelFromBand, maxRisk, raiseOneLevel } from '../../../server/assessments/risk-levels.js';
import { firedRule, quiet, ruleIds } from './assessment-fixtures.js';

/** The quiet incident made harmless enough (EI negligible) that any floor shows as a raise. */
function low(overrides: AssessmentInput = {}): AssessmentInput {
  return quiet({ easeOfIdentification: 'negligible', ...overrides });
}

function suggestion(input: AssessmentInput, config = DEFAULT_ASSESSMENT_CONFIG): RiskLevel {
  return assess(input, config).suggestedRisk;
}

describe('suggested risk rules (domain.md §10.4)', () => {
  it('when the quiet fixture is assessed, then only the base rule fires and the suggestion is none', () => {
    const result = assess(quiet());
    assert.deepEqual(
      result.rules.map((r) => r.id),
      ['base.band'],
    );
    assert.equal(result.suggestedRisk, 'none');
    assert.equal(result.enisa.score, 1.25);
  });

  it('when several rules fire, then they are listed in the order of §10.4 with a reason in both languages', () => {
    const result = assess(
      low({
        dataCategories: ['national_id'],
        malicious: 'yes',
        vulnerableSubjects: 'yes',
        confidentialityScope: 'unknown_recipients_or_public',
      }),
    );
    assert.deepEqual(
      result.rules.filter((r) => !r.id.startsWith('duty.')).map((r) => r.id),
      [
        'base.band',
        'floor.national-id',
        'floor.malicious-obtained',
        'floor.unknown-recipients',
        'floor.vulnerable',
      ],
    );
    for (const rule of result.rules) {
      assert.match(rule.id, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      assert.ok(rule.reason.length > 10 && rule.reasonNl.length > 10, rule.id);
      assert.notEqual(rule.reason, rule.reasonNl);
    }
  });

  describe('1. not a breach', () => {
    it('when no personal data is involved, then only that rule fires, the suggestion is none and only the register duty stays', () => {
      const result = assess(
        low({
          personalDataInvolved: 'no',
          dataCategories: ['national_id'],
          confidentialityScope: 'unknown_recipients_or_public',
          awarenessAt: '2026-11-20T08:00:00Z',
        }),
      );
      assert.deepEqual(
        result.rules.map((r) => [r.id, r.effect]),
        [['not-a-breach.no-personal-data', 'set:none']],
      );
      assert.equal(result.suggestedRisk, 'none');
      assert.equal(result.flags.notABreach, true);
      assert.deepEqual(
        { ...result.duties },
        {
          register: true,
          notifyAuthority: false,
          informSubjects: false,
          notifyMinistry: false,
          publicCommunication: false,
          notifyController: false,
        },
      );
      assert.deepEqual(result.deadlines, {
        authority: null,
        ministry: null,
        subjects: null,
        controller: null,
      });
    });

    it('when it is unknown whether personal data is involved, then it is treated as a breach', () => {
      assert.ok(
        !ruleIds(quiet({ personalDataInvolved: 'unknown' })).includes('not-a-breach.no-personal-data'),
      );
      assert.equal(assess(quiet({ personalDataInvolved: 'unknown' })).flags.notABreach, false);
    });
  });

  describe('2. neutralise protected data', () => {
    // §10.8 item 1 (deliberate change): pseudonymisation no longer neutralises, see below.
    for (const protection of ['state_of_art_encryption_key_safe', 'hashed_salted_strong'] as const) {
      it(`when the data were ${protection}, then confidentiality is scored as EI negligible and scope 0, and identity floors are skipped`, () => {
        const result = assess(quiet({ unintelligibility: protection, dataCategories: ['national_id'] }));
        assert.equal(result.rules[0]?.id, 'neutralise.unintelligible');
        assert.equal(result.rules[0]?.effect, 'info');
        assert.deepEqual(result.enisa, { dpc: 3, ei: 0.25, cb: 0, score: 0.75, band: 'low' });
        assert.ok(!result.rules.some((r) => r.id === 'floor.national-id'));
        assert.equal(result.suggestedRisk, 'none');
        assert.equal(result.flags.unintelligible, true);
      });
    }
    for (const protection of [
      'protection_likely_subverted',
      'none',
      'unknown',
      'partially',
      'pseudonymised_key_safe',
    ] as const) {
      it(`when the protection is ${protection}, then nothing is neutralised and the BSN floor fires`, () => {
        const ids = ruleIds(low({ unintelligibility: protection, dataCategories: ['national_id'] }));
        assert.ok(!ids.includes('neutralise.unintelligible'));
        assert.ok(ids.includes('floor.national-id'));
      });
    }
  });

  describe('3. base from the ENISA band', () => {
    const bands: Array<[EnisaBand, RiskLevel]> = [
      ['low', 'none'],
      ['medium', 'risk'],
      ['high', 'high'],
      ['very_high', 'high'],
    ];
    for (const [band, level] of bands) {
      it(`when the band is ${band}, then the base suggestion is ${level}`, () => {
        assert.equal(levelFromBand(band), level);
      });
    }
    it('when behavioural data reach known recipients (2.25, medium), then base.band sets risk', () => {
      const rule = firedRule(quiet({ dataCategories: ['location'] }), 'base.band');
      assert.equal(rule?.effect, 'set:risk');
      assert.match(rule?.reason ?? '', /2\.25/);
      assert.equal(suggestion(quiet({ dataCategories: ['location'] })), 'risk');
    });
    it('when financial data alone reach known recipients (3.25, high), then base.band sets high', () => {
      assert.equal(firedRule(quiet({ dataCategories: ['financial'] }), 'base.band')?.effect, 'set:high');
    });
    it('when levels are combined, then max and raise-one-level behave as none < risk < high', () => {
      assert.equal(maxRisk('none', 'risk'), 'risk');
      assert.equal(maxRisk('high', 'risk'), 'high');
      assert.equal(raiseOneLevel('none'), 'risk');
      assert.equal(raiseOneLevel('risk'), 'high');
      assert.equal(raiseOneLevel('high'), 'high');
    });
  });

  describe('4. floors: identity and sensitive data', () => {
    const identityCases: Array<[string, AssessmentInput]> = [
      ['floor.national-id', { dataCategories: ['national_id'] }],
      ['floor.id-document', { dataCategories: ['id_document'] }],
      ['floor.credentials', { dataCategories: ['access_credentials'] }],
      ['floor.credentials', { dataCategories: ['access_credentials'], credentialsUnlock: 'health' }],
      ['floor.financial-identity', { dataCategories: ['financial', 'name_address'] }],
      ['floor.special-category', { dataCategories: ['health'] }],
      ['floor.special-category', { dataCategories: ['trade_union'] }],
    ];
    for (const [id, data] of identityCases) {
      const label = `${(data.dataCategories ?? []).join('+')}${data.credentialsUnlock ? ` (unlocks ${data.credentialsUnlock})` : ''}`;
      it(`when ${label} reach a known recipient, then ${id} raises a low base to risk`, () => {
        const result = assess(low(data));
        assert.equal(result.rules.find((r) => r.id === 'base.band')?.effect, 'set:none');
        assert.equal(result.rules.find((r) => r.id === id)?.effect, 'raise:risk');
        assert.equal(result.suggestedRisk, 'risk');
      });
      it(`when ${label} leak with malicious intent, then ${id} raises to high`, () => {
        const result = assess(low({ ...data, malicious: 'yes' }));
        assert.equal(result.rules.find((r) => r.id === id)?.effect, 'raise:high');
        assert.equal(result.suggestedRisk, 'high');
      });
      it(`when ${label} reach unknown recipients, then ${id} raises to high`, () => {
        const result = assess(low({ ...data, confidentialityScope: 'unknown_recipients_or_public' }));
        assert.equal(result.rules.find((r) => r.id === id)?.effect, 'raise:high');
        assert.equal(result.suggestedRisk, 'high');
      });
      it(`when ${label} are only unavailable (no confidentiality loss), then ${id} does not fire`, () => {
        const input = low({ ...data, breachTypes: ['availability'], confidentialityScope: 'not_applicable' });
        assert.ok(!ruleIds(input).includes(id));
      });
    }

    const negatives: Array<[string, string, AssessmentInput]> = [
      [
        'floor.credentials',
        'credentials unlock only e-mail addresses',
        { dataCategories: ['access_credentials'], credentialsUnlock: 'email' },
      ],
      [
        'floor.financial-identity',
        'financial data come without identity data',
        { dataCategories: ['financial'] },
      ],
      [
        'floor.special-category',
        'health data are adjusted down to DPC 2',
        {
          dataCategories: ['health'],
          dpcAdjustment: -2,
          dpcAdjustmentReason: 'only general assumptions possible',
        },
      ],
      ['floor.national-id', 'no BSN is involved', { dataCategories: ['name_address', 'email'] }],
      ['floor.id-document', 'no ID document is involved', { dataCategories: ['name_address'] }],
    ];
    for (const [id, label, data] of negatives) {
      it(`when ${label}, then ${id} does not fire`, () => {
        const ids = ruleIds(low(data));
        assert.ok(!ids.includes(id), ids.join(','));
        assert.equal(suggestion(low(data)), 'none');
      });
    }
  });

  describe('4. floors: malice, recipients, scale, vulnerability, availability', () => {
    it('when malicious intent and data reached recipients, then floor.malicious-obtained raises to risk', () => {
      const result = assess(quiet({ malicious: 'yes' }));
      assert.equal(result.enisa.score, 1.75);
      assert.equal(result.rules.find((r) => r.id === 'floor.malicious-obtained')?.effect, 'raise:risk');
      assert.equal(result.suggestedRisk, 'risk');
    });
    it('when malicious intent but no evidence anyone obtained the data, then floor.malicious-obtained does not fire', () => {
      const input = quiet({ malicious: 'yes', confidentialityScope: 'no_evidence_of_access' });
      assert.ok(!ruleIds(input).includes('floor.malicious-obtained'));
      assert.equal(suggestion(input), 'none');
    });
    it('when malicious intent and the data were copied, then floor.malicious-obtained fires even without known recipients', () => {
      const input = quiet({
        malicious: 'yes',
        confidentialityScope: 'no_evidence_of_access',
        incidentNature: ['copied'],
      });
      assert.ok(ruleIds(input).includes('floor.malicious-obtained'));
    });
    it('when there was no malice, then floor.malicious-obtained does not fire', () => {
      assert.ok(!ruleIds(quiet({ incidentNature: ['copied'] })).includes('floor.malicious-obtained'));
    });

    it('when data reached unknown recipients or the public, then floor.unknown-recipients raises to risk', () => {
      const result = assess(quiet({ confidentialityScope: 'unknown_recipients_or_public' }));
      assert.equal(result.enisa.score, 1.5);
      assert.equal(result.rules.find((r) => r.id === 'floor.unknown-recipients')?.effect, 'raise:risk');
      assert.equal(result.suggestedRisk, 'risk');
    });
    it('when data reached known recipients only, then floor.unknown-recipients does not fire', () => {
      assert.ok(!ruleIds(quiet()).includes('floor.unknown-recipients'));
    });

    it('when 1,000 persons are affected and data reached recipients, then floor.large-scale raises to risk', () => {
      assert.equal(firedRule(quiet({ subjectsCountMax: 1000 }), 'floor.large-scale')?.effect, 'raise:risk');
      assert.equal(suggestion(quiet({ subjectsCountMax: 1000 })), 'risk');
    });
    it('when only the minimum count (1,500) is known, then floor.large-scale uses it', () => {
      assert.ok(
        ruleIds(quiet({ subjectsCountMax: null, subjectsCountMin: 1500 })).includes('floor.large-scale'),
      );
    });
    it('when 999 persons are affected, then floor.large-scale does not fire', () => {
      assert.ok(!ruleIds(quiet({ subjectsCountMax: 999 })).includes('floor.large-scale'));
      assert.equal(suggestion(quiet({ subjectsCountMax: 999 })), 'none');
    });
    it('when 1,000 persons are affected but nobody obtained the data, then floor.large-scale does not fire', () => {
      const input = quiet({ subjectsCountMax: 1000, confidentialityScope: 'no_evidence_of_access' });
      assert.ok(!ruleIds(input).includes('floor.large-scale'));
    });

    it('when 10,000 persons are affected with unknown recipients, then floor.very-large-scale raises one more level', () => {
      const result = assess(
        quiet({ subjectsCountMax: 10000, confidentialityScope: 'unknown_recipients_or_public' }),
      );
      const rule = result.rules.find((r) => r.id === 'floor.very-large-scale');
      assert.equal(rule?.effect, 'raise:high');
      assert.equal(result.suggestedRisk, 'high');
    });
    it('when 10,000 persons are affected with malice but known recipients, then floor.very-large-scale fires', () => {
      assert.ok(
        ruleIds(quiet({ subjectsCountMax: 10000, malicious: 'yes' })).includes('floor.very-large-scale'),
      );
    });
    it('when 10,000 persons are affected, known recipients and no malice, then only floor.large-scale fires', () => {
      const ids = ruleIds(quiet({ subjectsCountMax: 10000 }));
      assert.ok(ids.includes('floor.large-scale'));
      assert.ok(!ids.includes('floor.very-large-scale'));
      assert.equal(suggestion(quiet({ subjectsCountMax: 10000 })), 'risk');
    });
    it('when the very-large threshold is configured to 50, then 50 persons with unknown recipients fire it', () => {
      const config = { ...DEFAULT_ASSESSMENT_CONFIG, largeScaleThreshold: 10, veryLargeScaleThreshold: 50 };
      const input = quiet({ subjectsCountMax: 50, confidentialityScope: 'unknown_recipients_or_public' });
      assert.ok(ruleIds(input, config).includes('floor.very-large-scale'));
      assert.ok(!ruleIds(input).includes('floor.very-large-scale'));
    });

    it('when vulnerable persons suffer a confidentiality loss, then floor.vulnerable raises none to risk', () => {
      assert.equal(firedRule(quiet({ vulnerableSubjects: 'yes' }), 'floor.vulnerable')?.effect, 'raise:risk');
      assert.equal(suggestion(quiet({ vulnerableSubjects: 'yes' })), 'risk');
    });
    it('when vulnerable persons are affected and the base is risk, then floor.vulnerable raises to high', () => {
      const input = quiet({ vulnerableSubjects: 'yes', dataCategories: ['location'] });
      assert.equal(firedRule(input, 'floor.vulnerable')?.effect, 'raise:high');
      assert.equal(suggestion(input), 'high');
    });
    it('when minors are among the affected persons, then they count as vulnerable', () => {
      const input = quiet({ vulnerableSubjects: 'no', subjectCategories: ['clients', 'minors'] });
      assert.ok(ruleIds(input).includes('floor.vulnerable'));
      assert.equal(assess(input).flags.vulnerableSubjects, true);
    });
    it('when vulnerable persons are affected by an availability-only loss, then floor.vulnerable does not fire', () => {
      const input = quiet({
        vulnerableSubjects: 'yes',
        breachTypes: ['availability'],
        confidentialityScope: 'not_applicable',
      });
      assert.ok(!ruleIds(input).includes('floor.vulnerable'));
    });
    it("when the vulnerable persons' data were encrypted, then floor.vulnerable does not fire", () => {
      const input = quiet({
        vulnerableSubjects: 'yes',
        unintelligibility: 'state_of_art_encryption_key_safe',
      });
      assert.ok(!ruleIds(input).includes('floor.vulnerable'));
    });

    const outage = (overrides: AssessmentInput): AssessmentInput =>
      quiet({ breachTypes: ['availability'], confidentialityScope: 'not_applicable', ...overrides });
    it('when data are permanently lost, then floor.availability raises to risk', () => {
      const result = assess(outage({ availabilityImpact: 'permanent' }));
      assert.equal(result.enisa.score, 1.5);
      assert.equal(result.rules.find((r) => r.id === 'floor.availability')?.effect, 'raise:risk');
      assert.equal(result.suggestedRisk, 'risk');
    });
    it('when data are unavailable for 25 hours, then floor.availability raises to risk', () => {
      const input = outage({ availabilityImpact: 'temporary', unavailableHours: 25 });
      assert.equal(firedRule(input, 'floor.availability')?.effect, 'raise:risk');
    });
    it('when data are unavailable for exactly 24 hours, then floor.availability does not fire', () => {
      assert.ok(
        !ruleIds(outage({ availabilityImpact: 'temporary', unavailableHours: 24 })).includes(
          'floor.availability',
        ),
      );
    });
    it('when care or benefit processes were halted by the loss, then floor.availability raises to high', () => {
      const input = outage({ availabilityImpact: 'permanent', processesHalted: 'yes' });
      assert.equal(firedRule(input, 'floor.availability')?.effect, 'raise:high');
      assert.equal(suggestion(input), 'high');
    });
    it('when health data are permanently lost, then floor.availability raises to high', () => {
      const input = outage({
        availabilityImpact: 'permanent',
        dataCategories: ['health'],
        easeOfIdentification: 'negligible',
      });
      assert.equal(firedRule(input, 'floor.availability')?.effect, 'raise:high');
      assert.equal(suggestion(input), 'high');
    });
    it('when the availability threshold is configured to 4 hours, then a 5-hour outage fires it', () => {
      const config = { ...DEFAULT_ASSESSMENT_CONFIG, availabilityHoursThreshold: 4 };
      const input = outage({ availabilityImpact: 'temporary', unavailableHours: 5 });
      assert.ok(ruleIds(input, config).includes('floor.availability'));
      assert.ok(!ruleIds(input).includes('floor.availability'));
    });
  });

  describe('5. ceilings', () => {
    it('when only encrypted data are affected and nothing else was lost, then ceiling.protected-only suggests none', () => {
      const input = quiet({
        unintelligibility: 'state_of_art_encryption_key_safe',
        dataCategories: ['health', 'national_id'],
        malicious: 'yes',
      });
      const result = assess(input);
      assert.equal(result.rules.find((r) => r.id === 'ceiling.protected-only')?.effect, 'suggest-lower:none');
      assert.equal(result.suggestedRisk, 'none');
      assert.equal(result.duties.notifyAuthority, false);
    });
    it('when encrypted data are also permanently lost, then ceiling.protected-only does not fire and the availability floor holds', () => {
      const input = quiet({
        unintelligibility: 'state_of_art_encryption_key_safe',
        availabilityImpact: 'permanent',
      });
      const ids = ruleIds(input);
      assert.ok(!ids.includes('ceiling.protected-only'));
      assert.ok(ids.includes('floor.availability'));
      assert.equal(suggestion(input), 'risk');
    });
    it('when encrypted data were also altered and misused, then ceiling.protected-only does not fire', () => {
      const input = quiet({
        unintelligibility: 'hashed_salted_strong',
        integrityImpact: 'altered_misuse_recoverable',
      });
      assert.ok(!ruleIds(input).includes('ceiling.protected-only'));
    });

    it('when financial data reach a known recipient who confirmed deletion, then ceiling.trusted-recipient lowers high to none', () => {
      // §10.8 item 3 (deliberate change): the recipient must be one of a few, bound by secrecy.
      const result = assess(
        quiet({
          dataCategories: ['financial'],
          deletionConfirmed: 'yes',
          recipientTrusted: 'yes',
          recipientsCount: 1,
        }),
      );
      assert.equal(result.rules.find((r) => r.id === 'base.band')?.effect, 'set:high');
      assert.equal(
        result.rules.find((r) => r.id === 'ceiling.trusted-recipient')?.effect,
        'suggest-lower:none',
      );
      assert.equal(result.suggestedRisk, 'none');
    });
    it('when a few recipients are bound by secrecy, then the ceiling fires; data returned without evidence of access need no ceiling', () => {
      assert.ok(
        ruleIds(
          quiet({ dataCategories: ['location'], recipientTrusted: 'yes', recipientsCount: 2 }),
        ).includes('ceiling.trusted-recipient'),
      );
      // §10.8 items 2–3 (deliberate change): without a known recipient there is no trusted-recipient
      // ceiling, and no evidence of access is no exposure, so vulnerability raises nothing either:
      // the ENISA band (name and address 1 × 1 + 0 = 1, low) decides on its own.
      const returned = quiet({
        confidentialityScope: 'no_evidence_of_access',
        dataRetrieved: 'yes',
        vulnerableSubjects: 'yes',
      });
      assert.ok(!ruleIds(returned).includes('ceiling.trusted-recipient'));
      assert.ok(!ruleIds(returned).includes('floor.vulnerable'));
      assert.equal(suggestion(returned), 'none');
      assert.equal(suggestion({ ...returned, dataCategories: ['location'] }), 'risk');
    });
    it('when BSN data went to a trusted recipient, then the ceiling does not undo the BSN floor', () => {
      const input = low({
        dataCategories: ['national_id'],
        recipientTrusted: 'yes',
        recipientsCount: 1,
        deletionConfirmed: 'yes',
      });
      const ids = ruleIds(input);
      assert.ok(ids.includes('floor.national-id'));
      assert.ok(!ids.includes('ceiling.trusted-recipient'));
      assert.equal(suggestion(input), 'risk');
    });
    const blocked: Array<[string, AssessmentInput]> = [
      ['the recipient acted maliciously', { malicious: 'yes' }],
      ['the recipients are unknown', { confidentialityScope: 'unknown_recipients_or_public' }],
      [
        'nothing was confirmed',
        { deletionConfirmed: 'no', recipientTrusted: 'no', dataRetrieved: 'unknown' },
      ],
      ['data were also altered and misused', { integrityImpact: 'altered_misuse_unrecoverable' }],
    ];
    for (const [label, overrides] of blocked) {
      it(`when ${label}, then ceiling.trusted-recipient does not fire`, () => {
        const base: AssessmentInput = {
          dataCategories: ['financial'],
          deletionConfirmed: 'yes',
          recipientTrusted: 'yes',
          recipientsCount: 1,
        };
        const ids = ruleIds(quiet({ ...base, ...overrides }));
        assert.ok(!ids.includes('ceiling.trusted-recipient'), ids.join(','));
        assert.equal(suggestion(quiet({ ...base, ...overrides })), 'high');
      });
    }

    const restored: AssessmentInput = {
      personalDataInvolved: 'yes',
      breachTypes: ['availability'],
      incidentCause: 'ransomware',
      confidentialityScope: 'not_applicable',
      integrityImpact: 'not_applicable',
      dataCategories: ['health'],
      easeOfIdentification: 'maximum',
      availabilityImpact: 'temporary',
      backupAvailable: 'yes',
      unavailableHours: 4,
      effectOnPeople: 'no',
      malicious: 'yes',
      // §10.8 item 2 (deliberate change): for ransomware the ceiling needs exfiltration ruled out.
      exfiltrationRuledOut: 'yes',
    };
    it('when only availability was lost, restored from backup within hours with no effect on people, then ceiling.availability-restored suggests none', () => {
      const result = assess(restored);
      assert.equal(result.enisa.score, 4.75);
      assert.equal(
        result.rules.find((r) => r.id === 'ceiling.availability-restored')?.effect,
        'suggest-lower:none',
      );
      assert.equal(result.suggestedRisk, 'none');
    });
    const notRestored: Array<[string, AssessmentInput]> = [
      ['the effect on people is not known', { effectOnPeople: undefined }],
      ['people were affected', { effectOnPeople: 'yes' }],
      ['there was no backup', { backupAvailable: 'no' }],
      ['the outage duration is unknown', { unavailableHours: null }],
      [
        'exfiltration is not ruled out',
        {
          confidentialityScope: undefined,
          breachTypes: ['availability', 'confidentiality'],
          exfiltrationRuledOut: 'no',
        },
      ],
      ['it is not known whether exfiltration can be ruled out', { exfiltrationRuledOut: 'unknown' }],
      ['the exfiltration question was not answered', { exfiltrationRuledOut: undefined }],
    ];
    for (const [label, overrides] of notRestored) {
      it(`when ${label}, then ceiling.availability-restored does not fire`, () => {
        const ids = ruleIds({ ...restored, ...overrides });
        assert.ok(!ids.includes('ceiling.availability-restored'), ids.join(','));
        assert.equal(suggestion({ ...restored, ...overrides }), 'high');
      });
    }
  });
});
