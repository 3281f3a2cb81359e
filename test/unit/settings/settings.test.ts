// The settings' rules without a database (issue 12): the form's text becomes typed values, stored
// values the rules refuse are ignored, the settings replace the environment's values in the
// configuration, and a page that needs a missing setting learns which ones and whom to ask.
import assert from 'node:assert/strict';
import { loadConfig } from '../../../server/config.js';
import {
  defaultsFrom,
  settingsFormSchema,
  storedOverrides,
} from '../../../server/settings/settings.schema.js';
import { applySettings } from '../../../server/settings/settings.schema.js';
import {
  missingSettings,
  settingsNotice,
  settingText,
} from '../../../server/settings/settings.view-model.js';

const base = loadConfig({ NODE_ENV: 'test', ORG_PHONE: '030-1234567' });

function form(fields: Record<string, string>): Record<string, string> {
  const d = defaultsFrom(base);
  return {
    version: '0',
    orgName: d.orgName,
    orgAddress: d.orgAddress,
    orgEmail: d.orgEmail,
    orgPhone: d.orgPhone,
    orgRegistrationNumber: '',
    orgSector: '',
    orgRole: d.orgRole,
    orgCommissioningParty: d.orgCommissioningParty,
    dpoName: d.dpoName,
    dpoEmail: d.dpoEmail,
    ministryEmails: '',
    escalationEmail: '',
    deputyEmail: '',
    reminderApHours: '24, 48, 60, 68',
    reminderMinistryPercents: '50, 90',
    reminderOverdueHours: '24',
    reminderFollowupDays: '7',
    ...fields,
  };
}

describe('settings (unit)', () => {
  it('when the form is filled in, then lists, numbers and addresses come out typed, sorted and each once', () => {
    const parsed = settingsFormSchema.parse(
      form({
        ministryEmails: ' a@minszw.example.test;\nB@minszw.example.test , A@MINSZW.example.test ',
        reminderApHours: '60 24,24;6',
        reminderMinistryPercents: '90, 25',
        orgRegistrationNumber: '41178470',
      }),
    );
    assert.deepEqual(parsed.ministryEmails, ['a@minszw.example.test', 'B@minszw.example.test']);
    assert.deepEqual(parsed.reminderApHours, [6, 24, 60]);
    assert.deepEqual(parsed.reminderMinistryPercents, [25, 90]);
    assert.equal(parsed.reminderOverdueHours, 24);
    assert.equal(parsed.orgRegistrationNumber, '41178470');
  });

  it('when a stored value breaks the rules, then it is ignored and the default applies', () => {
    assert.deepEqual(
      storedOverrides({ orgName: 'Goed', orgEmail: 'kapot', reminderApHours: [6, 99], unknown: 'x' }),
      { orgName: 'Goed' },
    );
    assert.deepEqual(storedOverrides(null), {});
  });

  it('when settings are applied, then the configuration carries them and keeps everything else', () => {
    const values = {
      ...defaultsFrom(base),
      orgName: 'Andere naam',
      orgSector: '',
      reminderMinistryPercents: [25, 75],
      reminderFollowupDays: 3,
      escalationEmail: 'm@example.test',
    };
    const config = applySettings(base, values);
    assert.equal(config.organisation.name, 'Andere naam');
    assert.equal(config.organisation.sector, undefined);
    assert.deepEqual(config.reminders.ministryFractions, [0.25, 0.75]);
    assert.equal(config.reminders.followupEveryHours, 72);
    assert.equal(config.mail.escalationEmail, 'm@example.test');
    assert.equal(config.mail.smtpUrl, base.mail.smtpUrl);
    assert.equal(config.session, base.session);
    assert.ok(Object.isFrozen(config.organisation));
  });

  it('when a page needs settings that are missing, then the administrator gets a link and everyone else whom to ask', () => {
    // No sector and no ministry addresses in this environment.
    assert.deepEqual(missingSettings('dossier', defaultsFrom(base)), ['orgSector']);
    assert.deepEqual(missingSettings('ministry', defaultsFrom(base)), ['ministryEmails']);
    const processor = applySettings(base, {
      ...defaultsFrom(base),
      orgRole: 'processor',
      orgCommissioningParty: '',
      orgSector: 'Zorg',
    });
    assert.deepEqual(missingSettings('dossier', defaultsFrom(processor)), ['orgCommissioningParty']);
    assert.deepEqual(settingsNotice(['orgSector'], 'admin', ['x@example.test']), {
      keys: ['orgSector'],
      link: '/admin/settings#orgSector',
      adminEmails: [],
    });
    assert.deepEqual(settingsNotice(['orgSector'], 'privacy_officer', ['x@example.test']), {
      keys: ['orgSector'],
      link: null,
      adminEmails: ['x@example.test'],
    });
    assert.equal(settingsNotice([], 'privacy_officer', []), null);
  });

  it('when a number is shown, then Dutch uses a decimal comma', () => {
    assert.equal(settingText([24, 48], 'nl'), '24, 48');
    assert.equal(settingText(0.5, 'nl'), '0,5');
    assert.equal(settingText(0.5, 'en'), '0.5');
  });
});
