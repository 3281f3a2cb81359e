// Issue 14 items 2 and 8: a run's progress line says what is happening ("not started", "putting the
// recipients in the queue") instead of "0 of 0 sent", with Dutch number formatting.
import assert from 'node:assert/strict';
import { deriveProgress } from '../../../notifications/notice-run/progress.js';
import { progressText, progressView } from '../../../server/notices/notices.view-model.js';
import { formatNumber } from '../../../server/i18n/numbers.js';
import type { RunView } from '../../../server/notices/notice-runs.service.js';

describe('notice run progress text', () => {
  const none = deriveProgress([], null, 0);

  it('when a run is a draft or approved, then it reads "not started", not "0 of 0 sent"', () => {
    assert.equal(progressText('draft', none, 'nl'), 'Nog niet gestart');
    assert.equal(progressText('approved', none, 'en'), 'Not started yet');
  });

  it('when a run has just started and its recipients are still being queued, then it says so with the count so far', () => {
    const partial = deriveProgress([{ status: 'p'.repeat(1500), inFlightRecovered: 0 }], null, 0);
    assert.equal(progressText('sending', none, 'nl'), 'Ontvangers worden klaargezet (0 tot nu toe)');
    assert.equal(progressText('sending', partial, 'nl'), 'Ontvangers worden klaargezet (1.500 tot nu toe)');
  });

  it('when the recipients are queued, then it reads "x of y sent" with Dutch thousands separators', () => {
    const status = 'S'.repeat(2500) + 'p'.repeat(97500);
    const p = deriveProgress([{ status, inFlightRecovered: 0 }], { recipients: 100000 }, 10_000);
    assert.equal(progressText('sending', p, 'nl'), '2.500 van 100.000 verzonden (2%)');
    assert.equal(progressText('sending', p, 'en'), '2,500 of 100,000 sent (2%)');
    assert.equal(
      progressText('cancelled', deriveProgress([], { recipients: 0 }, 0), 'nl'),
      'Geen ontvangers',
    );
  });

  it('when the progress page shows the rate and the time left, then Dutch uses a decimal comma and Dutch units', () => {
    const status = 'S'.repeat(2156) + 'p'.repeat(10000);
    const p = deriveProgress([{ status, inFlightRecovered: 0 }], { recipients: 12156 }, 10_000);
    const view = {
      run: { _id: 'r1', incidentReference: 'DL-2026-0001', number: 1 },
      snapshot: { state: 'sending' },
    } as unknown as RunView;
    const nl = Object.fromEntries(progressView(view, p, 'nl').figures.map((f) => [f.id, f.value]));
    assert.equal(nl.rate, '215,6 per seconde');
    assert.equal(nl.total, '12.156');
    assert.equal(nl.left, '47 s');
    const en = Object.fromEntries(progressView(view, p, 'en').figures.map((f) => [f.id, f.value]));
    assert.equal(en.rate, '215.6 per second');
    const slow = deriveProgress(
      [{ status: 'S' + 'p'.repeat(5000), inFlightRecovered: 0 }],
      { recipients: 5001 },
      1000,
    );
    assert.equal(
      Object.fromEntries(progressView(view, slow, 'nl').figures.map((f) => [f.id, f.value])).left,
      '1 uur 23 min',
    );
  });

  it('when numbers are formatted, then Dutch groups thousands with a dot and uses a decimal comma', () => {
    assert.equal(formatNumber(1234567, 'nl'), '1.234.567');
    assert.equal(formatNumber(3.25, 'nl', 2), '3,25');
    assert.equal(formatNumber(3.25, 'en', 2), '3.25');
  });
});

describe('language marks', () => {
  it('when a language code is a real language, then pages may mark text with it; a made-up code (private use) is not marked', async () => {
    const { knownLanguage, languageName } = await import('../../../server/i18n/language-names.js');
    assert.equal(knownLanguage('ti'), true);
    assert.equal(knownLanguage('ar'), true);
    assert.equal(knownLanguage('qdf'), false);
    assert.equal(languageName('en', 'nl'), 'Engels');
  });
});
