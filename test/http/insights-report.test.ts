// Issue 17 item 3: the annual report — a narrative generated from the figures and edited by the
// privacy officer, downloaded as PDF and XLSX; management downloads but does not edit.
import assert from 'node:assert/strict';
import type request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { storeInsightsFixture } from '../helpers/insights-fixture.js';
import { pdfTextLines } from '../integration/authority/pdf-text.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { AnnualReport } from '../../models/annual-report.model.js';

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

const ORG = 'Stichting Jaarverslag Proef';

describe('http: the annual report of the insights', function () {
  this.timeout(60_000);
  let t: TestApp;
  let po: Agent;
  let boss: Agent;
  before(async () => {
    t = await buildTestApp({ ORG_NAME: ORG }, '2031-04-01T10:00:00Z');
    await storeInsightsFixture();
    await AnnualReport.deleteMany({ year: 2019 });
    po = await signIn(t.app, await makeUser('privacy_officer'));
    boss = await signIn(t.app, await makeUser('management'));
  });

  it('when an officer opens the annual report of the fixture year, then the narrative is pre-filled with its numbers and the organisation', async () => {
    const res = await po.get('/insights/report?year=2019');
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    assert.match(res.text, new RegExp(`In 2019 heeft ${ORG} 8 datalekken geregistreerd\\.`));
    assert.match(
      res.text,
      /Daarvan zijn er 4 gemeld bij de Autoriteit Persoonsgegevens, 2 binnen 72 uur na kennisname\./,
    );
    assert.match(res.text, /De meest voorkomende oorzaken waren: e-mail naar verkeerde ontvanger \(3\)/);
    assert.match(res.text, /<textarea id="narrative" name="narrative"/);
    assert.ok(await AuditEntry.exists({ action: 'insights.report.view', 'details.year': 2019 }));
    const page = await po.get('/insights?year=2019');
    assert.match(page.text, /href="\/insights\/report\?year=2019">Jaarverslag<\/a>/);
  });

  it('when an English-speaking officer opens the report before any narrative is saved, then it is drafted in English and the PDF is titled in English', async () => {
    const en = await signIn(t.app, await makeUser('privacy_officer', { language: 'en' }));
    const res = await en.get('/insights/report?year=2019');
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`In 2019, ${ORG} registered 8 data breaches\\.`));
    assert.match(
      res.text,
      /Of these, 4 were notified to the Dutch Data Protection Authority, 2 within 72 hours/,
    );
    const pdf = await en.get('/insights/report.pdf?year=2019').buffer(true).parse(binary);
    const text = pdfTextLines(pdf.body as Buffer).join('\n');
    assert.match(text, /Annual data breach report 2019/);
    assert.match(text, /In 2019, .* registered 8 data breaches\./);
    assert.match(String(pdf.headers['content-disposition']), /annual-report-2019\.pdf/);
  });

  it('when an officer saves an empty or too long narrative, then 400 with the typed text kept and nothing saved', async () => {
    const token = await csrfToken(po, '/insights/report?year=2019');
    const long = `Te lang ${'x'.repeat(10_001)}`;
    const res = await po
      .post('/insights/report?year=2019')
      .type('form')
      .send({ _csrf: token, narrative: long });
    assert.equal(res.status, 400);
    assert.match(res.text, /Vul een toelichting in van hooguit 10\.?000 tekens/);
    assert.ok(res.text.includes(long), 'the typed text is kept');
    const empty = await po
      .post('/insights/report?year=2019')
      .type('form')
      .send({ _csrf: token, narrative: '  ' });
    assert.equal(empty.status, 400);
    assert.equal(await AnnualReport.countDocuments({ year: 2019 }), 0);
  });

  it('when an officer saves the narrative, then it is kept with who and when, audited, and shown again', async () => {
    const token = await csrfToken(po, '/insights/report?year=2019');
    const text = 'Een rustig jaar.\n\nWe blijven oefenen met de meldprocedure.';
    const res = await po
      .post('/insights/report?year=2019')
      .type('form')
      .send({ _csrf: token, narrative: text });
    assert.equal(res.status, 303);
    const saved = await AnnualReport.findOne({ year: 2019 }).lean();
    assert.equal(saved?.narrative, text);
    assert.ok(saved?.updatedByName);
    assert.ok(await AuditEntry.exists({ action: 'insights.report.save', 'details.year': 2019 }));
    const again = await po.get('/insights/report?year=2019');
    assert.match(again.text, /Een rustig jaar\./);
    assert.match(again.text, /Laatst opgeslagen door/);
  });

  it('when an officer downloads the PDF, then it holds the organisation, the narrative and the figures, audited and not cached', async () => {
    const res = await po.get('/insights/report.pdf?year=2019').buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const pdf = res.body as Buffer;
    assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
    const text = pdfTextLines(pdf).join('\n');
    assert.match(text, new RegExp(ORG));
    assert.match(text, /Jaarverslag datalekken 2019/);
    assert.match(text, /Een rustig jaar\./);
    assert.match(text, /Incidenten per maand/);
    assert.match(text, /E-mail naar verkeerde ontvanger/);
    // The charts are drawn as vectors: their axis titles as text, no bitmap images.
    // (The SVG's text is shown a glyph at a time, `<hex> Tj`, apart from the TJ arrays of the text.)
    const chartText = [...pdf.toString('latin1').matchAll(/<([0-9a-f]+)> Tj/g)]
      .map((m) => Buffer.from(m[1] ?? '', 'hex').toString('latin1'))
      .join('');
    assert.equal(chartText.split('Aantal').length - 1, 8, 'eight charts count incidents');
    assert.match(chartText, /Uren na kennisname/);
    assert.match(chartText, /Ontvangers/);
    assert.match(chartText, /janfebmrt/);
    assert.doesNotMatch(pdf.toString('latin1'), /\/Subtype\s*\/Image/);
    assert.ok(
      await AuditEntry.exists({
        action: 'insights.report.download',
        'details.year': 2019,
        'details.format': 'pdf',
      }),
    );
  });

  it('when an officer downloads the XLSX, then a workbook with the figures comes back, audited', async () => {
    const res = await po.get('/insights/report.xlsx?year=2019').buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.equal(res.headers['cache-control'], 'private, no-store');
    const xlsx = res.body as Buffer;
    assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(xlsx.includes('xl/worksheets/sheet1.xml'), 'a zip holding a worksheet');
    assert.ok(
      await AuditEntry.exists({
        action: 'insights.report.download',
        'details.year': 2019,
        'details.format': 'xlsx',
      }),
    );
  });

  it('when management opens the report, then it reads and downloads it but may not change the narrative (403)', async () => {
    const page = await boss.get('/insights/report?year=2019');
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /<textarea/);
    assert.match(page.text, /<p>Een rustig jaar\.<\/p><p>We blijven oefenen/);
    const pdf = await boss.get('/insights/report.pdf?year=2019').buffer(true).parse(binary);
    assert.equal(pdf.status, 200);
    const text = pdfTextLines(pdf.body as Buffer).join('\n');
    assert.doesNotMatch(text, /DL-2019-\d{4}/, 'no incident references for management');
    const token = await csrfToken(boss, '/insights/report?year=2019');
    const res = await boss
      .post('/insights/report?year=2019')
      .type('form')
      .send({ _csrf: token, narrative: 'Anders' });
    assert.equal(res.status, 403);
    assert.equal(
      (await AnnualReport.findOne({ year: 2019 }).lean())?.narrative.startsWith('Een rustig'),
      true,
    );
  });
});
