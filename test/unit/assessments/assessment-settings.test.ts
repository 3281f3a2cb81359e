// The engine settings from the environment (domain.md §10.8 items 3, 4, 7): NMI's values by
// default, each one configurable.
import assert from 'node:assert/strict';
import { DEFAULT_ASSESSMENT_CONFIG } from '../../../server/assessments/assessment-config.js';
import { assessmentConfigFor } from '../../../server/assessments/assessment-settings.js';
import { loadConfig } from '../../../server/config.js';

describe('assessment settings from the environment', () => {
  it('when nothing is set, then the engine runs with the defaults of `meldpunt assess` (NMI profile, ministry clock from the duty)', () => {
    const config = assessmentConfigFor(loadConfig({ NODE_ENV: 'test' }));
    assert.deepEqual(config, DEFAULT_ASSESSMENT_CONFIG);
    assert.equal(config.ministry.anchor, 'duty');
    assert.deepEqual(config.profile, {
      clientVulnerability: 'yes',
      clientRelationshipSensitive: true,
      unknownCategoriesDpc: 3,
    });
  });

  it('when the settings are given, then each one reaches the engine', () => {
    const config = assessmentConfigFor(
      loadConfig({
        NODE_ENV: 'test',
        ORG_ROLE: 'processor',
        MINISTRY_CLOCK_ANCHOR: 'discovery',
        MINISTRY_CLOCK_HOURS: '48',
        CONTROLLER_NOTICE_HOURS: '12',
        FEW_RECIPIENTS: '3',
        ORG_CLIENT_VULNERABILITY: 'no',
        ORG_CLIENT_RELATIONSHIP_SENSITIVE: 'false',
        UNKNOWN_CATEGORIES_DPC: '2',
      }),
    );
    assert.equal(config.organisationRole, 'processor');
    assert.deepEqual({ ...config.ministry }, { trigger: 'notifiable', anchor: 'discovery', hours: 48 });
    assert.equal(config.controllerHours, 12);
    assert.equal(config.fewRecipients, 3);
    assert.deepEqual(
      { ...config.profile },
      { clientVulnerability: 'no', clientRelationshipSensitive: false, unknownCategoriesDpc: 2 },
    );
  });

  it('when a setting is invalid, then start-up refuses it by name', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', MINISTRY_CLOCK_ANCHOR: 'lunch' }),
      /MINISTRY_CLOCK_ANCHOR/,
    );
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', UNKNOWN_CATEGORIES_DPC: '5' }),
      /UNKNOWN_CATEGORIES_DPC/,
    );
  });
});
