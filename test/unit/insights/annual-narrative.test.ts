// Issue 17 item 3: the narrative drafted from a year's figures reads as Dutch and English people
// write — one breach in the singular, numbers in the language's own format, typed text never in it.
import assert from 'node:assert/strict';
import { generatedNarrative } from '../../../server/insights/annual-report.js';
import type { InsightFigures } from '../../../server/insights/insights.view-model.js';

/** Only the figures the narrative reads; the rest of a year's figures play no part in it. */
function figures(total: number, ap: number, onTime: number, measured: number): InsightFigures {
  const perMonth = Array.from({ length: 12 }, (_, i) => (i === 0 ? total : 0));
  const measures = Array.from({ length: measured }, (_, i) => ({
    reference: `DL-2031-${String(i + 1).padStart(4, '0')}`,
    text: 'Door de melder getypte maatregel',
  }));
  return {
    year: 2031,
    perMonth,
    notification: { total, counts: { authority: { notified: ap } } },
    filing: { onTime },
    causes: [{ cause: 'email_wrong_recipient', count: total, measures }],
  } as unknown as InsightFigures;
}

describe('insights: the annual report narrative drafted from the figures', () => {
  it('when one breach was registered, notified and measured, then Dutch and English say so in the singular', () => {
    const nl = generatedNarrative(figures(1, 1, 1, 1), 'Stichting NMI', 'nl');
    assert.match(nl, /^In 2031 heeft Stichting NMI één datalek geregistreerd\./);
    assert.match(nl, /Daarvan is er één gemeld bij de Autoriteit Persoonsgegevens, 1 binnen 72 uur/);
    assert.match(nl, /Bij één incident met deze oorzaken zijn maatregelen vastgelegd\./);
    const en = generatedNarrative(figures(1, 1, 1, 1), 'NMI Foundation', 'en');
    assert.match(en, /^In 2031, NMI Foundation registered one data breach\./);
    assert.match(en, /Of these, one was notified/);
    assert.match(en, /Measures were recorded for one incident with these causes\./);
  });

  it('when thousands were registered, then the plural is used with the language’s thousands separator', () => {
    const nl = generatedNarrative(figures(1234, 0, 0, 2), 'Stichting NMI', 'nl');
    assert.match(nl, /1\.234 datalekken geregistreerd/);
    assert.match(nl, /Daarvan zijn er 0 gemeld/);
    assert.match(nl, /Bij 2 incidenten met deze oorzaken/);
    assert.match(generatedNarrative(figures(1234, 0, 0, 2), 'NMI', 'en'), /1,234 data breaches/);
  });

  it('when measures were typed into incidents, then none of that text is in the narrative', () => {
    assert.doesNotMatch(generatedNarrative(figures(3, 1, 1, 3), 'Stichting NMI', 'nl'), /getypte/);
  });

  it('when nothing was registered, then one sentence says so', () => {
    assert.equal(
      generatedNarrative(figures(0, 0, 0, 0), 'Stichting NMI', 'nl'),
      'In 2031 heeft Stichting NMI geen datalekken geregistreerd.',
    );
  });
});
