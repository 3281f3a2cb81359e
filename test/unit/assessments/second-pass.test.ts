// The corrections of domain.md §10.8 (issue 13 "The engine"): each rule, and the direction in which
// it moves the suggestion compared with the first engine (towards the people affected).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assess } from '../../../server/assessments/assess.js';
import { DATA_CATEGORIES, UNINTELLIGIBILITY_LEVELS } from '../../../models/vocabulary/assessment.enums.js';
import { DEFAULT_ASSESSMENT_CONFIG, NEUTRAL_PROFILE } from '../../../server/assessments/assessment-config.js';
import type { AssessmentInput } from '../../../server/assessments/assessment-input.schema.js';
import { parseAssessmentInput } from '../../../server/assessments/assessment-input.schema.js';
import { dataProcessingContext } from '../../../server/assessments/enisa.js';
import { isIsoTimestamp, parseInstant, resolveInstant } from '../../../server/assessments/deadline-clock.js';
import { ministryAnchor } from '../../../server/assessments/assessments.service.js';
import { summariseProtection } from '../../../server/assessments/protection.js';
import { riskRank } from '../../../server/assessments/risk-levels.js';
import { quiet, ruleIds } from './assessment-fixtures.js';

describe('engine corrections, second pass (domain.md §10.8)', () => {
  describe('1. protection per data category', () => {
    it('when hashed passwords leak with plaintext BSNs, then the BSNs decide: DPC 3 and the BSN floor fires', () => {
      const input = quiet({
        dataCategories: ['access_credentials', 'national_id', 'name_address'],
        protection: { access_credentials: 'hashed_salted_strong' },
        unintelligibility: 'none',
      });
      const result = assess(input);
      assert.equal(result.flags.unintelligible, false);
      assert.deepEqual(result.flags.protectedCategories, ['access_credentials']);
      assert.deepEqual(result.flags.exposedCategories, ['national_id', 'name_address']);
      assert.equal(result.enisa.dpc, 3);
      const ids = result.rules.map((r) => r.id);
      assert.ok(ids.includes('neutralise.partly'));
      assert.ok(ids.includes('floor.national-id'));
      assert.ok(!ids.includes('floor.credentials'), 'the hashed credentials themselves raise nothing');
      assert.notEqual(result.suggestedRisk, 'none');
    });

    it('direction: the same breach recorded the old way (one "hashed" value for everything) was neutralised; per category it is not', () => {
      const legacy = assess(
        quiet({
          dataCategories: ['access_credentials', 'national_id'],
          unintelligibility: 'hashed_salted_strong',
        }),
      );
      const perCategory = assess(
        quiet({
          dataCategories: ['access_credentials', 'national_id'],
          unintelligibility: 'hashed_salted_strong',
          protection: { national_id: 'none' },
        }),
      );
      assert.equal(legacy.suggestedRisk, 'none');
      assert.ok(riskRank(perCategory.suggestedRisk) > riskRank(legacy.suggestedRisk));
    });

    it('when every category is protected on its own, then the breach is neutralised as before', () => {
      const result = assess(
        quiet({
          dataCategories: ['health', 'national_id'],
          unintelligibility: 'unknown',
          protection: { health: 'state_of_art_encryption_key_safe', national_id: 'hashed_salted_strong' },
        }),
      );
      assert.equal(result.flags.unintelligible, true);
      assert.equal(result.suggestedRisk, 'none');
    });

    it('when a legacy assessment has one unintelligibility value, then it covers every category (old data stay readable)', () => {
      const summary = summariseProtection({
        dataCategories: ['health', 'email'],
        unintelligibility: 'state_of_art_encryption_key_safe',
      });
      assert.deepEqual(summary.byCategory, {
        health: 'state_of_art_encryption_key_safe',
        email: 'state_of_art_encryption_key_safe',
      });
      assert.equal(summary.allProtected, true);
    });

    it('when a category is only partially protected, then it counts as readable', () => {
      const result = assess(
        quiet({ dataCategories: ['national_id'], protection: { national_id: 'partially' } }),
      );
      assert.equal(result.flags.unintelligible, false);
      assert.ok(result.rules.some((r) => r.id === 'floor.national-id'));
    });

    it('direction: pseudonymised data are no longer neutralised, but EI drops one level', () => {
      const pseudo = assess(
        quiet({ dataCategories: ['national_id'], unintelligibility: 'pseudonymised_key_safe' }),
      );
      const plain = assess(quiet({ dataCategories: ['national_id'], unintelligibility: 'none' }));
      assert.equal(pseudo.flags.unintelligible, false);
      assert.equal(pseudo.enisa.ei, 0.75, 'maximum → significant');
      assert.equal(plain.enisa.ei, 1);
      assert.ok(pseudo.rules.some((r) => r.id === 'protection.pseudonymised'));
      assert.ok(
        pseudo.rules.some((r) => r.id === 'floor.national-id'),
        'the BSN floor still applies',
      );
      assert.ok(riskRank(pseudo.suggestedRisk) >= riskRank('risk'));
      assert.ok(pseudo.enisa.score < plain.enisa.score);
    });

    it('when one readable category is pseudonymised and another not at all, then the weakest decides: EI is not lowered', () => {
      const result = assess(
        quiet({
          dataCategories: ['national_id', 'email'],
          protection: { national_id: 'pseudonymised_key_safe', email: 'none' },
        }),
      );
      assert.equal(result.enisa.ei, 1);
      assert.ok(!result.rules.some((r) => r.id === 'protection.pseudonymised'));
    });

    it('when a protection is given for a category that does not exist, then the input is refused naming the field', () => {
      const parsed = parseAssessmentInput({ protection: { passport: 'none' } });
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.problems[0]!.field, /^protection/);
    });

    it('property: taking the protection away from any one category never lowers the suggestion', () => {
      const arb = fc.record({
        categories: fc.subarray([...DATA_CATEGORIES], { minLength: 1, maxLength: 4 }),
        levels: fc.array(fc.constantFrom(...UNINTELLIGIBILITY_LEVELS), { minLength: 4, maxLength: 4 }),
        pick: fc.nat({ max: 3 }),
      });
      fc.assert(
        fc.property(arb, ({ categories, levels, pick }) => {
          const protection = Object.fromEntries(categories.map((c, i) => [c, levels[i]!]));
          const base: AssessmentInput = quiet({ dataCategories: categories, protection });
          const weakened: AssessmentInput = quiet({
            dataCategories: categories,
            protection: { ...protection, [categories[pick % categories.length]!]: 'none' },
          });
          assert.ok(riskRank(assess(weakened).suggestedRisk) >= riskRank(assess(base).suggestedRisk));
        }),
        { numRuns: 300 },
      );
    });

    it('when the ids of the rules fired are listed, then the partly-protected note comes before the base band', () => {
      const ids = ruleIds(
        quiet({ dataCategories: ['email', 'health'], protection: { health: 'hashed_salted_strong' } }),
      );
      assert.ok(ids.indexOf('neutralise.partly') < ids.indexOf('base.band'));
    });
  });

  describe('5. DPC adjustment per category', () => {
    it('direction: a −3 on health data no longer wipes out the financial data (DPC 1 → 3)', () => {
      const legacy = dataProcessingContext(['health', 'financial'], -3);
      const perCategory = dataProcessingContext(['health', 'financial'], 0, undefined, { health: -3 });
      assert.equal(legacy, 1);
      assert.equal(perCategory, 3);
      const result = assess(
        quiet({
          dataCategories: ['health', 'financial'],
          dpcAdjustments: { health: -3 },
          dpcAdjustmentReason: 'appointment date only',
        }),
      );
      assert.equal(result.enisa.dpc, 3);
    });

    it('when one category is raised, then only that category moves (nationality +3 → 4)', () => {
      assert.equal(
        dataProcessingContext(['nationality_residence', 'email'], 0, undefined, { nationality_residence: 3 }),
        4,
      );
      assert.equal(dataProcessingContext(['email'], 0, undefined, { nationality_residence: 3 }), 1);
    });

    it('when a stored assessment has the old single adjustment, then it applies to every category and gives the old DPC', () => {
      assert.equal(dataProcessingContext(['name_address', 'location'], 1), 3);
      assert.equal(dataProcessingContext(['health'], 2), 4);
    });

    it('when a per-category adjustment is out of range or has no reason, then the input is refused', () => {
      const outOfRange = parseAssessmentInput({ dpcAdjustments: { health: -4 }, dpcAdjustmentReason: 'x' });
      assert.equal(outOfRange.ok, false);
      const noReason = parseAssessmentInput({ dpcAdjustments: { health: -1 } });
      assert.equal(noReason.ok, false);
      if (!noReason.ok) assert.equal(noReason.problems[0]!.field, 'dpcAdjustmentReason');
    });
  });

  describe('2. exposure needs actual or possible access', () => {
    const low = (o: AssessmentInput) => quiet({ easeOfIdentification: 'negligible', ...o });

    it('direction: BSNs with no evidence of access no longer raise the BSN floor (was at least risk)', () => {
      const result = assess(
        low({
          dataCategories: ['national_id'],
          confidentialityScope: 'no_evidence_of_access',
          incidentCause: 'unintended_publication',
        }),
      );
      assert.ok(!result.rules.some((r) => r.id === 'floor.national-id'));
      assert.equal(result.suggestedRisk, 'none');
    });

    it('direction: malice without anyone having the data no longer makes BSNs high', () => {
      const result = assess(
        low({
          dataCategories: ['national_id'],
          confidentialityScope: 'no_evidence_of_access',
          incidentCause: 'other',
          malicious: 'yes',
        }),
      );
      assert.notEqual(result.suggestedRisk, 'high');
    });

    it('when an unencrypted device is lost without evidence of access, then access is possible and the BSN floor still fires', () => {
      const result = assess(
        low({
          dataCategories: ['national_id'],
          confidentialityScope: 'no_evidence_of_access',
          incidentCause: 'device_lost_stolen',
        }),
      );
      assert.equal(result.rules.find((r) => r.id === 'floor.national-id')?.effect, 'raise:risk');
    });

    const ransomware = (o: AssessmentInput): AssessmentInput =>
      low({
        incidentCause: 'ransomware',
        dataCategories: ['national_id'],
        malicious: 'yes',
        availabilityImpact: 'not_applicable',
        ...o,
      });
    const variants: Array<[string, AssessmentInput]> = [
      ['availability only', { breachTypes: ['availability'], confidentialityScope: undefined }],
      [
        'scope not applicable',
        { breachTypes: ['availability', 'confidentiality'], confidentialityScope: 'not_applicable' },
      ],
      [
        'no evidence of access',
        { breachTypes: ['confidentiality'], confidentialityScope: 'no_evidence_of_access' },
      ],
      ['scope unknown', { breachTypes: ['confidentiality'], confidentialityScope: 'unknown' }],
    ];

    it('when ransomware leaves exfiltration open, then every way of filling in the form gives the same answer: at least risk, not high on that ground', () => {
      const outcomes = variants.map(([label, o]) => {
        const result = assess(ransomware(o));
        assert.equal(
          result.rules.find((r) => r.id === 'floor.exfiltration-possible')?.effect,
          'raise:risk',
          label,
        );
        assert.ok(result.flags.assumedWorstCase.includes('exfiltrationRuledOut'), label);
        return result.suggestedRisk;
      });
      assert.deepEqual(outcomes, ['risk', 'risk', 'risk', 'risk']);
    });

    it('when exfiltration is ruled out, then the floor does not fire, in every variant', () => {
      for (const [label, o] of variants) {
        const result = assess(ransomware({ ...o, exfiltrationRuledOut: 'yes' }));
        assert.ok(!result.rules.some((r) => r.id === 'floor.exfiltration-possible'), label);
        assert.equal(result.suggestedRisk, 'none', label);
      }
    });

    it('when ransomware data were actually copied, then it is exposure with malice: BSNs make it high', () => {
      const result = assess(ransomware({ incidentNature: ['copied'], exfiltrationRuledOut: 'yes' }));
      assert.equal(result.suggestedRisk, 'high');
      // An attacker who certainly has the data is never better than one who may have it.
      assert.match(
        result.rules.find((r) => r.id === 'floor.exfiltration-possible')?.reason ?? '',
        /had access/,
      );
    });
  });

  describe('4. unknowns assume the worst for the organisation profile', () => {
    const neutral = { ...DEFAULT_ASSESSMENT_CONFIG, profile: NEUTRAL_PROFILE };

    it('direction: unknown data categories score a typical client file (DPC 3), not the lowest context (1)', () => {
      const input = quiet({ dataCategories: ['unknown'] });
      assert.equal(assess(input).enisa.dpc, 3);
      assert.equal(assess(input, neutral).enisa.dpc, 1);
      assert.ok(assess(input).rules.some((r) => r.id === 'assume.unknown-categories'));
      assert.ok(riskRank(assess(input).suggestedRisk) > riskRank(assess(input, neutral).suggestedRisk));
    });

    it('when the categories are known, then the unknown-categories assumption is not made', () => {
      assert.ok(!ruleIds(quiet()).includes('assume.unknown-categories'));
    });

    it('direction: "vulnerable: unknown" counts as vulnerable for clients of this organisation, and says so', () => {
      const input = quiet({
        vulnerableSubjects: 'unknown',
        subjectCategories: ['clients'],
        easeOfIdentification: 'negligible',
      });
      const result = assess(input);
      assert.equal(result.flags.vulnerableSubjects, true);
      assert.ok(result.rules.some((r) => r.id === 'assume.vulnerable'));
      assert.ok(result.rules.some((r) => r.id === 'floor.vulnerable'));
      assert.ok(!assess(input, neutral).rules.some((r) => r.id === 'floor.vulnerable'));
      assert.ok(riskRank(result.suggestedRisk) > riskRank(assess(input, neutral).suggestedRisk));
    });

    it('when the persons are known not to be vulnerable, or are only employees, then nothing is assumed', () => {
      assert.ok(
        !ruleIds(quiet({ vulnerableSubjects: 'no', subjectCategories: ['clients'] })).includes(
          'assume.vulnerable',
        ),
      );
      assert.ok(
        !ruleIds(quiet({ vulnerableSubjects: 'unknown', subjectCategories: ['employees'] })).includes(
          'assume.vulnerable',
        ),
      );
    });

    it('direction: being a client is itself sensitive: client data score at least DPC 2 (was 1)', () => {
      const input = quiet({ subjectCategories: ['clients'], dataCategories: ['email'] });
      assert.equal(assess(input).enisa.dpc, 2);
      assert.equal(assess(input, neutral).enisa.dpc, 1);
      assert.ok(assess(input).rules.some((r) => r.id === 'assume.client-relationship'));
      assert.equal(
        assess(quiet({ subjectCategories: ['employees'], dataCategories: ['email'] })).enisa.dpc,
        1,
      );
    });

    it('when the profile is configured differently, then its values are used', () => {
      const profile = {
        clientVulnerability: 'no',
        clientRelationshipSensitive: false,
        unknownCategoriesDpc: 2,
      } as const;
      const result = assess(
        quiet({ dataCategories: [], subjectCategories: ['clients'], vulnerableSubjects: 'unknown' }),
        {
          ...DEFAULT_ASSESSMENT_CONFIG,
          profile,
        },
      );
      assert.equal(result.enisa.dpc, 2);
      assert.deepEqual(result.flags.assumptions, ['assume.unknown-categories']);
    });
  });

  describe('3. trusted-recipient mitigation only for a few known, trusted recipients', () => {
    const trusted = (o: AssessmentInput = {}): AssessmentInput =>
      quiet({
        dataCategories: ['financial'],
        recipientTrusted: 'yes',
        recipientsCount: 1,
        deletionConfirmed: 'yes',
        ...o,
      });

    it('when one recipient bound by secrecy got harmless financial data, then the ceiling suggests none', () => {
      assert.equal(assess(trusted()).suggestedRisk, 'none');
    });

    const blocked: Array<[string, AssessmentInput]> = [
      ['a confirmed deletion by an untrusted recipient (was enough before)', { recipientTrusted: 'no' }],
      ['more recipients than "a few" (6 > 5)', { recipientsCount: 6 }],
      ['an unknown number of recipients', { recipientsCount: undefined }],
      ['a distribution list (cc instead of bcc)', { incidentCause: 'email_open_distribution' }],
      ['nationality or residence status', { dataCategories: ['financial', 'nationality_residence'] }],
      [
        'special-category data',
        { dataCategories: ['financial', 'health'], dpcAdjustments: { health: -1 }, dpcAdjustmentReason: 'x' },
      ],
      ['client data of a migration institute', { subjectCategories: ['clients'] }],
    ];
    for (const [label, o] of blocked) {
      it(`direction: with ${label}, the ceiling no longer lowers to none`, () => {
        const result = assess(trusted(o));
        assert.ok(!result.rules.some((r) => r.id === 'ceiling.trusted-recipient'), label);
        assert.notEqual(result.suggestedRisk, 'none', label);
      });
    }

    it('when the number of "a few" is configured, then it is used', () => {
      assert.equal(
        assess(trusted({ recipientsCount: 6 }), { ...DEFAULT_ASSESSMENT_CONFIG, fewRecipients: 10 })
          .suggestedRisk,
        'none',
      );
    });

    it('when a trusted recipient deleted data whose disclosure harms, then the AP duty stays but informing the persons is not suggested', () => {
      const result = assess(trusted({ subjectCategories: ['clients'] }));
      const rule = result.rules.find((r) => r.id === 'ceiling.trusted-deletion');
      assert.equal(rule?.effect, 'suggest-lower:risk');
      assert.match(rule?.reasonNl ?? '', /cliëntrelatie/);
      assert.equal(result.suggestedRisk, 'risk');
      assert.equal(result.duties.notifyAuthority, true);
      assert.equal(result.duties.informSubjects, false);
      // Without the confirmed deletion the persons must be informed.
      const kept = assess(trusted({ subjectCategories: ['clients'], deletionConfirmed: 'no' }));
      assert.equal(kept.suggestedRisk, 'high');
      assert.equal(kept.duties.informSubjects, true);
    });

    it('when the trusted recipient acted maliciously, then neither ceiling applies', () => {
      const ids = ruleIds(trusted({ subjectCategories: ['clients'], malicious: 'yes' }));
      assert.ok(!ids.includes('ceiling.trusted-recipient') && !ids.includes('ceiling.trusted-deletion'));
    });
  });

  describe('6. Art. 34(3) exceptions are checked against the facts', () => {
    const high = (o: AssessmentInput): AssessmentInput => ({
      ...quiet({ dataCategories: ['national_id', 'health'] }),
      riskLevel: 'high',
      ...o,
    });

    it('direction: (a) is refused when not every exposed category was unintelligible; the persons must be informed', () => {
      const result = assess(
        high({
          art34Exception: 'unintelligible',
          protection: { health: 'state_of_art_encryption_key_safe' },
        }),
      );
      assert.equal(result.duties.informSubjects, true);
      assert.equal(result.flags.art34ExceptionRefused, true);
      assert.match(
        result.rules.find((r) => r.id === 'duty.art34-exception-refused')?.reason ?? '',
        /34\(3\)\(a\)/,
      );
    });

    it('when every exposed category was unintelligible, then (a) is accepted', () => {
      const result = assess(
        high({ art34Exception: 'unintelligible', unintelligibility: 'state_of_art_encryption_key_safe' }),
      );
      assert.equal(result.duties.informSubjects, false);
      assert.equal(result.flags.art34ExceptionRefused, false);
    });

    it('direction: (b) is refused without the measure described, accepted with it', () => {
      const without = assess(high({ art34Exception: 'subsequent_measures' }));
      assert.equal(without.duties.informSubjects, true);
      assert.ok(without.rules.some((r) => r.id === 'duty.art34-exception-refused'));
      const withMeasure = assess(
        high({
          art34Exception: 'subsequent_measures',
          art34ExceptionReason: 'All accounts blocked before any use.',
        }),
      );
      assert.equal(withMeasure.duties.informSubjects, false);
      assert.equal(withMeasure.flags.art34ExceptionRefused, false);
    });

    it('when (c) is chosen, then a public communication is required instead of individual notices', () => {
      const result = assess(
        high({ art34Exception: 'disproportionate_effort', art34ExceptionReason: 'no addresses' }),
      );
      assert.equal(result.duties.publicCommunication, true);
      assert.equal(result.duties.informSubjects, false);
    });
  });

  describe('8. every decision not to notify carries written reasons', () => {
    it('direction: a decided "none" or "risk" that agrees with the suggestion now requires reasons (before: only a deviation did)', () => {
      const none = assess({ ...quiet(), riskLevel: 'none' });
      assert.equal(none.suggestedRisk, 'none');
      assert.equal(none.flags.justificationRequired, false);
      assert.equal(none.flags.reasonsRequired, true);
      const risk = assess({ ...quiet({ dataCategories: ['location'] }), riskLevel: 'risk' });
      assert.equal(risk.suggestedRisk, 'risk');
      assert.equal(risk.flags.reasonsRequired, true, 'not informing the persons is a "no" too');
    });

    it('when the persons are informed (high), then no reasons for a "no" are asked; as processor neither', () => {
      assert.equal(
        assess({ ...quiet({ dataCategories: ['financial'] }), riskLevel: 'high' }).flags.reasonsRequired,
        false,
      );
      const processor = { ...DEFAULT_ASSESSMENT_CONFIG, organisationRole: 'processor' as const };
      assert.equal(assess({ ...quiet(), riskLevel: 'none' }, processor).flags.reasonsRequired, false);
    });

    it('when not a breach, then the "no" needs reasons as well', () => {
      assert.equal(assess({ personalDataInvolved: 'no' }).flags.reasonsRequired, true);
    });
  });

  describe('9. the closest EDPB example matches the facts', () => {
    it('direction: a cc-mailing to many people without BSNs is no longer the "mass mailing with BSNs" example', () => {
      const result = assess(
        quiet({
          incidentCause: 'email_open_distribution',
          dataCategories: ['email', 'name_address'],
          subjectsCountMax: 400,
        }),
      );
      assert.notEqual(result.closestExample?.id, 'mass-mailing-national-id');
      const withBsn = assess(
        quiet({
          incidentCause: 'email_open_distribution',
          dataCategories: ['email', 'national_id'],
          subjectsCountMax: 400,
        }),
      );
      assert.equal(withBsn.closestExample?.id, 'mass-mailing-national-id');
    });

    it('direction: stolen paper without health data is not the "stolen paper health files" example', () => {
      const result = assess(
        quiet({
          incidentCause: 'paper_lost_stolen',
          dataCategories: ['name_address'],
          backupAvailable: 'no',
        }),
      );
      assert.notEqual(result.closestExample?.id, 'stolen-paper-health-files');
    });

    it('direction: a lost device with pseudonymised (not encrypted) data is not the "encrypted data" example', () => {
      const result = assess(
        quiet({
          incidentCause: 'device_lost_stolen',
          unintelligibility: 'pseudonymised_key_safe',
          backupAvailable: 'yes',
        }),
      );
      assert.notEqual(result.closestExample?.id, 'encrypted-data-with-backup');
      const encrypted = assess(
        quiet({
          incidentCause: 'device_lost_stolen',
          unintelligibility: 'state_of_art_encryption_key_safe',
          backupAvailable: 'yes',
        }),
      );
      assert.equal(encrypted.closestExample?.id, 'encrypted-data-with-backup');
    });

    it('when only the passwords were hashed and BSNs leaked in plain text, then the hashed-passwords example is not shown', () => {
      const result = assess(
        quiet({
          incidentCause: 'hacking_malware',
          incidentNature: ['copied'],
          dataCategories: ['access_credentials', 'national_id'],
          protection: { access_credentials: 'hashed_salted_strong' },
        }),
      );
      assert.equal(result.closestExample?.id, 'exfiltrated-identity-or-payment-data');
    });
  });

  describe('7. clocks', () => {
    it('when awareness is before discovery, then the input is refused naming awarenessAt', () => {
      const parsed = parseAssessmentInput({
        discoveredAt: '2026-11-20T10:00:00+01:00',
        awarenessAt: '2026-11-20T08:59:00Z',
      });
      assert.equal(parsed.ok, false);
      if (!parsed.ok)
        assert.deepEqual(
          parsed.problems.map((p) => p.field),
          ['awarenessAt'],
        );
      assert.ok(
        parseAssessmentInput({
          discoveredAt: '2026-11-20T10:00:00+01:00',
          awarenessAt: '2026-11-20T09:00:00Z',
        }).ok,
      );
    });

    it('direction: a local time in the repeated autumn hour resolves to the earlier instant (was the later), with a warning', () => {
      assert.equal(parseInstant('2026-10-25T02:30').toISOString(), '2026-10-25T00:30:00.000Z');
      assert.deepEqual(resolveInstant('2026-10-25T02:30'), {
        instant: new Date('2026-10-25T00:30:00.000Z'),
        ambiguous: true,
        skipped: false,
      });
      assert.equal(resolveInstant('2026-10-25T03:00').ambiguous, false);
      assert.equal(resolveInstant('2026-10-25T01:59').ambiguous, false);
      const result = assess(quiet({ awarenessAt: '2026-10-25T02:30', dataCategories: ['financial'] }));
      assert.deepEqual(result.flags.ambiguousTimes, [
        { field: 'awarenessAt', value: '2026-10-25T02:30', instant: '2026-10-25T00:30:00.000Z' },
      ]);
      assert.match(
        result.rules.find((r) => r.id === 'clock.ambiguous-local-time')?.reasonNl ?? '',
        /UTC\+02:00/,
      );
      // The earlier instant gives the earlier (stricter) AP deadline.
      assert.equal(result.deadlines.authority, '2026-10-28T00:30:00.000Z');
      // With an offset the time is exact and nothing is ambiguous.
      assert.deepEqual(assess(quiet({ awarenessAt: '2026-10-25T02:30+01:00' })).flags.ambiguousTimes, []);
    });

    it('when the skipped spring hour is given, then it is read with the winter offset', () => {
      assert.deepEqual(resolveInstant('2026-03-29T02:30'), {
        instant: new Date('2026-03-29T01:30:00.000Z'),
        ambiguous: false,
        skipped: true,
      });
    });

    for (const [form, expected] of [
      ['2026-11-20T08:30:00Z', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20T08:30Z', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20t08:30:00z', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20 08:30:00Z', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20T09:30:00+01:00', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20T09:30:00+0100', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20T09:30+01', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20T03:30:00-05:00', '2026-11-20T08:30:00.000Z'],
      ['2026-11-20T08:30:00.5Z', '2026-11-20T08:30:00.500Z'],
      ['2026-11-20T08:30:00,25Z', '2026-11-20T08:30:00.250Z'],
      ['20261120T093000+0100', '2026-11-20T08:30:00.000Z'],
    ] as const) {
      it(`when a timestamp is written as ${form}, then it is accepted as that instant`, () => {
        assert.ok(isIsoTimestamp(form));
        assert.ok(parseAssessmentInput({ awarenessAt: form }).ok);
        assert.equal(parseInstant(form).toISOString(), expected);
      });
    }

    it('when a timestamp is not a real date-time, then it is refused', () => {
      for (const bad of [
        '2026-02-30T10:00Z',
        '2026-11-20T24:00Z',
        '2026-11-20T10:00+25:00',
        'yesterday',
        '2026-11-20',
      ]) {
        assert.equal(isIsoTimestamp(bad), false, bad);
        assert.equal(parseAssessmentInput({ awarenessAt: bad }).ok, false, bad);
      }
    });

    it('direction: as processor, every breach gets the Art. 33(2) clock to inform the controller, also at "none"', () => {
      const processor = {
        ...DEFAULT_ASSESSMENT_CONFIG,
        organisationRole: 'processor' as const,
        controllerHours: 12,
      };
      const result = assess(quiet({ awarenessAt: '2026-11-20T08:00:00Z', riskLevel: 'none' }), processor);
      assert.equal(result.duties.notifyController, true);
      assert.equal(result.deadlines.controller, '2026-11-20T20:00:00.000Z');
      assert.equal(result.deadlines.authority, null);
      assert.equal(
        assess(quiet({ awarenessAt: '2026-11-20T08:00:00Z' })).deadlines.controller,
        null,
        'controllers have no such clock',
      );
      assert.equal(
        assess({ personalDataInvolved: 'no', awarenessAt: '2026-11-20T08:00:00Z' }, processor).deadlines
          .controller,
        null,
      );
    });

    it('direction: the ministry clock starts with the duty (the decision), not 24 h from discovery; hours and anchor are configuration', () => {
      const input: AssessmentInput = {
        ...quiet({ dataCategories: ['financial'] }),
        discoveredAt: '2026-11-16T08:00:00Z',
        awarenessAt: '2026-11-17T08:00:00Z',
        decidedAt: '2026-11-19T08:00:00Z',
        ministryDutyAt: '2026-11-19T08:00:00Z',
      };
      assert.equal(DEFAULT_ASSESSMENT_CONFIG.ministry.anchor, 'duty');
      assert.equal(assess(input).deadlines.ministry, '2026-11-20T08:00:00.000Z');
      const configured = {
        ...DEFAULT_ASSESSMENT_CONFIG,
        ministry: { trigger: 'notifiable', anchor: 'discovery', hours: 48 } as const,
      };
      assert.equal(assess(input, configured).deadlines.ministry, '2026-11-18T08:00:00.000Z');
    });
  });

  describe('7. the ministry duty anchor across versions', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    it('when the previous version already required the report, then its moment stays the anchor; otherwise this decision is', () => {
      const previous = {
        duties: { notifyMinistry: true },
        input: { decidedAt: '2026-11-19T08:00:00.000Z', ministryDutyAt: '2026-11-18T08:00:00.000Z' },
      };
      assert.equal(ministryAnchor(previous as never, now), '2026-11-18T08:00:00.000Z');
      assert.equal(
        ministryAnchor({ ...previous, duties: { notifyMinistry: false } } as never, now),
        now.toISOString(),
      );
      assert.equal(ministryAnchor(undefined, now), now.toISOString());
      // A version saved before the anchor existed: its decision started the duty.
      assert.equal(
        ministryAnchor(
          { duties: { notifyMinistry: true }, input: { decidedAt: '2026-11-19T08:00:00.000Z' } } as never,
          now,
        ),
        '2026-11-19T08:00:00.000Z',
      );
    });
  });
});
