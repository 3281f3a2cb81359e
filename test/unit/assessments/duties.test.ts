import assert from 'node:assert/strict';
import { assess } from '../../../server/assessments/assess.js';
import type { Art34Exception, RiskLevel } from '../../../models/vocabulary/assessment.enums.js';
import type { AssessmentConfig, MinistryTrigger } from '../../../server/assessments/assessment-config.js';
import { DEFAULT_ASSESSMENT_CONFIG } from '../../../server/assessments/assessment-config.js';
import type { Duties } from '../../../server/assessments/duties.js';
import { determineDuties } from '../../../server/assessments/duties.js';
import { quiet } from './assessment-fixtures.js';

const CONTROLLER = DEFAULT_ASSESSMENT_CONFIG;
const PROCESSOR: AssessmentConfig = { ...DEFAULT_ASSESSMENT_CONFIG, organisationRole: 'processor' };

function duties(
  level: RiskLevel,
  extra: Partial<Parameters<typeof determineDuties>[0]> = {},
  config = CONTROLLER,
): Duties {
  return determineDuties({ suggestedRisk: level, notABreach: false, ...extra }, config).duties;
}

describe('duties (domain.md §6.2, §10.5)', () => {
  const table: Array<
    [RiskLevel, Pick<Duties, 'register' | 'notifyAuthority' | 'informSubjects' | 'notifyMinistry'>]
  > = [
    ['none', { register: true, notifyAuthority: false, informSubjects: false, notifyMinistry: false }],
    ['risk', { register: true, notifyAuthority: true, informSubjects: false, notifyMinistry: true }],
    ['high', { register: true, notifyAuthority: true, informSubjects: true, notifyMinistry: true }],
  ];
  for (const [level, expected] of table) {
    it(`when the level is ${level}, then register/AP/subjects/ministry are ${Object.values(expected).join('/')}`, () => {
      const d = duties(level);
      assert.deepEqual(
        {
          register: d.register,
          notifyAuthority: d.notifyAuthority,
          informSubjects: d.informSubjects,
          notifyMinistry: d.notifyMinistry,
        },
        expected,
      );
      assert.equal(d.publicCommunication, false);
      assert.equal(d.notifyController, false);
    });
  }

  it('when it is not a breach, then only the register duty remains, even with ministry trigger "all"', () => {
    const config: AssessmentConfig = { ...CONTROLLER, ministry: { ...CONTROLLER.ministry, trigger: 'all' } };
    assert.deepEqual(duties('high', { notABreach: true }, config), {
      register: true,
      notifyAuthority: false,
      informSubjects: false,
      notifyMinistry: false,
      publicCommunication: false,
      notifyController: false,
    });
  });

  it('when the officer decided a different level, then duties follow the decision and a note says so', () => {
    const { duties: d, notes } = determineDuties(
      { suggestedRisk: 'none', decidedRisk: 'high', notABreach: false },
      CONTROLLER,
    );
    assert.equal(d.notifyAuthority, true);
    assert.equal(d.informSubjects, true);
    assert.deepEqual(
      notes.map((n) => n.id),
      ['duty.decided-risk', 'duty.ministry'],
    );
    const lowered = determineDuties(
      { suggestedRisk: 'high', decidedRisk: 'none', notABreach: false },
      CONTROLLER,
    );
    assert.equal(lowered.duties.notifyAuthority, false);
  });

  const exceptions: Array<[Art34Exception, boolean, boolean]> = [
    ['none', true, false],
    ['unintelligible', false, false],
    ['subsequent_measures', false, false],
    ['disproportionate_effort', false, true],
  ];
  for (const [exception, inform, publicCommunication] of exceptions) {
    it(`when the risk is high and the Art. 34(3) exception is ${exception}, then inform=${inform} and public communication=${publicCommunication}`, () => {
      const { duties: d, notes } = determineDuties(
        { suggestedRisk: 'high', notABreach: false, art34Exception: exception },
        CONTROLLER,
      );
      assert.equal(d.informSubjects, inform);
      assert.equal(d.publicCommunication, publicCommunication);
      assert.equal(d.notifyAuthority, true); // an exception never removes the AP duty
      assert.equal(
        notes.some((n) => n.id === 'duty.art34-exception'),
        exception !== 'none',
      );
    });
  }

  it('when an exception is given but the risk is only "risk", then there is no subjects or public duty at all', () => {
    const d = duties('risk', { art34Exception: 'disproportionate_effort' });
    assert.equal(d.informSubjects, false);
    assert.equal(d.publicCommunication, false);
  });

  for (const level of ['none', 'risk', 'high'] as const) {
    it(`when the organisation is a processor and the level is ${level}, then it notifies its controller, not the AP or affected persons`, () => {
      const { duties: d, notes } = determineDuties({ suggestedRisk: level, notABreach: false }, PROCESSOR);
      assert.equal(d.notifyController, true);
      assert.equal(d.notifyAuthority, false);
      assert.equal(d.informSubjects, false);
      assert.equal(d.register, true);
      assert.ok(notes.some((n) => n.id === 'duty.processor'));
    });
  }

  const triggers: Array<[MinistryTrigger, [boolean, boolean, boolean]]> = [
    ['notifiable', [false, true, true]],
    ['all', [true, true, true]],
    ['high', [false, false, true]],
    ['never', [false, false, false]],
  ];
  for (const [trigger, [none, risk, high]] of triggers) {
    it(`when the ministry trigger is "${trigger}", then the ministry duty for none/risk/high is ${none}/${risk}/${high}`, () => {
      const config: AssessmentConfig = { ...CONTROLLER, ministry: { ...CONTROLLER.ministry, trigger } };
      assert.deepEqual(
        (['none', 'risk', 'high'] as const).map((l) => duties(l, {}, config).notifyMinistry),
        [none, risk, high],
      );
    });
  }

  it('when assess() runs end to end, then the duties come from its own suggestion', () => {
    const result = assess(quiet({ dataCategories: ['location'] }));
    assert.equal(result.suggestedRisk, 'risk');
    assert.equal(result.duties.notifyAuthority, true);
    assert.equal(result.duties.informSubjects, false);
    assert.equal(result.flags.justificationRequired, false);
    const decided = assess(quiet({ dataCategories: ['location'], riskLevel: 'none' }));
    assert.equal(decided.suggestedRisk, 'risk');
    assert.equal(decided.duties.notifyAuthority, false);
    assert.equal(decided.flags.justificationRequired, true);
  });
});
