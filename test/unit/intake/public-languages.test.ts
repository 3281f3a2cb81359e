// Issue 15: the public report pages speak Turkish and Arabic besides Dutch and English. Their
// catalogues hold only texts the app has (no misspelt key that would never show), with the same
// placeholders; anything they lack falls back to English, and the rest of the app keeps nl/en.
import assert from 'node:assert/strict';
import { appLang, isLang, isPublicLang, translate } from '../../../server/i18n/i18n.js';
import { intakeMessages } from '../../../server/intake/intake.messages.js';
import { intakeMessagesTr } from '../../../server/intake/intake.messages.tr.js';
import { intakeMessagesAr } from '../../../server/intake/intake.messages.ar.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('languages of the public report pages', () => {
  for (const [lang, catalogue] of [
    ['tr', intakeMessagesTr],
    ['ar', intakeMessagesAr],
  ] as const)
    it(`when the ${lang} catalogue is read, then every key is a text the app has, with the English placeholders, and every public-page text of the form is there`, () => {
      for (const [key, text] of Object.entries(catalogue)) {
        const english = translate('en', key);
        // The choices of the form have no catalogue key of their own in nl/en (their labels are data).
        if (!/^intake\.(data|subject)\./.test(key)) assert.notEqual(english, key, `${key} is unknown`);
        else assert.equal(english, key);
        if (english !== key) assert.deepEqual(placeholders(text), placeholders(english), key);
        assert.ok(text.trim().length > 0, key);
      }
      const publicKeys = Object.keys(intakeMessages.nl).filter(
        (k) => !/^(intake\.(officer|source)\.|audit\.)/.test(k) && k !== 'intake.messages.fromReporter',
      );
      const missing = publicKeys.filter((k) => !(k in catalogue));
      assert.deepEqual(missing, [], 'texts of the public pages not translated');
    });

  it('when a text is missing in Turkish or Arabic, then English is shown; an unknown key shows as itself', () => {
    assert.equal(translate('tr', 'register.title'), translate('en', 'register.title'));
    assert.equal(translate('ar', 'nav.signIn'), 'Sign in');
    assert.equal(translate('tr', 'intake.title'), 'Veri ihlali bildirin');
    assert.equal(translate('en', 'no.such.key'), 'no.such.key');
  });

  it('when the app asks for its own languages, then Turkish and Arabic are not among them (they stand in as English)', () => {
    assert.ok(isPublicLang('tr') && isPublicLang('ar') && isPublicLang('nl'));
    assert.ok(!isLang('tr') && !isLang('ar'));
    assert.ok(!isPublicLang('de'));
    assert.equal(appLang('ar'), 'en');
    assert.equal(appLang('nl'), 'nl');
  });
});
