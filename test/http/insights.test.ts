// Issue 17: the insights page — officers only, figures from the register, clear error on a bad year.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { fileReport } from '../helpers/incidents.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { storeInsightsFixture } from '../helpers/insights-fixture.js';

/** The text of an element's rows as "label|cell|cell" lines, for a section of the page. */
function sectionRows(html: string, id: string): string[] {
  const section =
    html.split(`<section class="panel insights-chart" id="${id}">`)[1]?.split('</section>')[0] ?? '';
  return [...section.matchAll(/<tr><th scope="row">(.*?)<\/th>(.*?)<\/tr>/g)].map((m) =>
    [m[1], ...[...(m[2] ?? '').matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1])].join('|'),
  );
}

describe('http: the insights page', function () {
  this.timeout(60_000);
  let t: TestApp;
  let po: Agent;
  before(async () => {
    t = await buildTestApp({}, '2031-04-01T10:00:00Z');
    po = await signIn(t.app, await makeUser('privacy_officer'));
  });

  it('when an officer opens the insights for a year, then charts, tables and a summary show its incidents', async () => {
    const reporter = await makeUser('reporter');
    const tag = randomUUID().slice(0, 8);
    const a = await fileReport(reporter, t.clock.now(), {
      summary: `Inzicht ${tag}`,
      discoveredAt: '2031-04-01T09:00',
    });
    const res = await po.get('/insights?year=2031');
    assert.equal(res.status, 200);
    assert.match(res.text, /<svg class="chart" role="img"/);
    assert.match(res.text, /<caption>Incidenten per maand<\/caption>/);
    assert.match(res.text, /<th scope="row">april<\/th><td>[1-9]/);
    assert.match(res.text, /drukste maand was april/);
    assert.doesNotMatch(res.text, /<script>/);
    assert.ok(a.reference);
    assert.ok(
      await AuditEntry.exists({ action: 'insights.view', 'details.year': 2031 }),
      'the view is audited',
    );
  });

  it('when an officer downloads the figures, then a CSV with the months and the 72 h distribution comes back, audited', async () => {
    const res = await po.get('/insights/figures.csv?year=2031');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(res.text, /^\uFEFF"Incidenten per maand";"2031"/);
    assert.match(res.text, /"april";[1-9]/);
    assert.match(res.text, /"Binnen 24 uur";\d+/);
    assert.ok(await AuditEntry.exists({ action: 'insights.export', 'details.year': 2031 }));
    const bad = await po.get('/insights/figures.csv?year=99999');
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Kies een jaar/);
  });

  it('when the year is not a year, then 400 with a clear message and the typed value kept', async () => {
    const res = await po.get('/insights?year=abc');
    assert.equal(res.status, 400);
    assert.match(res.text, /Kies een jaar tussen 2000 en 2100/);
    assert.match(res.text, /value="abc"/);
  });

  it('when an officer opens the insights of the fixture year, then every figure set shows as chart, table and summary with the hand-worked numbers', async () => {
    await storeInsightsFixture();
    const res = await po.get('/insights?year=2019');
    assert.equal(res.status, 200);
    const html = res.text;
    assert.equal(html.match(/<svg class="chart" role="img"/g)?.length, 9, 'nine charts');
    assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)/, 'no inline script');
    // By cause: e-mail to the wrong recipient in Jan, Feb and Dec.
    assert.ok(
      sectionRows(html, 'by-cause').includes('E-mail naar verkeerde ontvanger|1|1|0|0|0|0|0|0|0|0|0|1|3'),
      sectionRows(html, 'by-cause').join('\n'),
    );
    assert.match(
      html,
      /De meest voorkomende oorzaak in 2019 was e-mail naar verkeerde ontvanger: 3 van de 8 incidenten\./,
    );
    assert.ok(sectionRows(html, 'by-type').includes('Nog niet bepaald|0|0|1|0|0|0|0|0|0|0|0|0|1'));
    assert.match(html, /raakten 5 de vertrouwelijkheid, 2 de integriteit en 2 de beschikbaarheid/);
    // Notification: 4 of 8 to the AP (50%), 1 to the ministry (13%), none to affected persons.
    const notify = sectionRows(html, 'notification');
    assert.ok(
      notify.includes('AP|4|50%') &&
        notify.includes('Ministerie|1|13%') &&
        notify.includes('Betrokkenen|0|0%'),
      notify.join('\n'),
    );
    assert.ok(notify.includes('Uitzondering a: gegevens onbegrijpelijk|0|0|1'));
    assert.ok(notify.includes('Vervallen|0|1|0'));
    assert.match(html, /zijn er 4 gemeld bij de AP \(50%\), 1 bij het ministerie \(13%\)/);
    // Filing: 2 of 4 on time; the late ones named, slowest first, with the recorded reason.
    const filing = sectionRows(html, 'filing');
    assert.ok(filing.includes('meer dan 60 tot en met 72 uur|1'));
    assert.ok(filing.includes('meer dan 144 uur|1'));
    assert.ok(filing.includes('DL-2019-0008|200|Geen reden vastgelegd'));
    assert.ok(filing.includes('DL-2019-0002|78|Wachten op de leverancier'));
    assert.match(html, /2 van de 4 meldingen bij de AP zijn gedaan binnen 72 uur na kennisname, 2 later\./);
    // Top causes with the measures taken.
    assert.match(
      html,
      /<th scope="row">E-mail naar verkeerde ontvanger<\/th><td>3<\/td><td><ul><li><span class="measure-ref">DL-2019-0001<\/span>: <span class="pre-wrap">Ontvanger gevraagd de e-mail te verwijderen\.<\/span>/,
    );
    assert.match(html, /De 5 meest voorkomende oorzaken waren samen goed voor 8 van de 8 incidenten in 2019/);
    // Duties open at each month's end (hand-worked in test/integration/insights/insights-figures.test.ts).
    const duties = sectionRows(html, 'duties');
    assert.equal(duties.length, 12, duties.join('\n'));
    assert.equal(duties[0], 'januari|1|1|0 (0 te laat)|1 (1 te laat)|0 (0 te laat)');
    assert.equal(duties[2], 'maart|3|2|1 (1 te laat)|0 (0 te laat)|2 (1 te laat)');
    assert.equal(duties[11], 'december|3|1|2 (1 te laat)|0 (0 te laat)|1 (0 te laat)');
    assert.match(
      html,
      /Eind december stonden 3 plichten open \(melden bij de AP of het ministerie, betrokkenen informeren\); bij 1 daarvan was de termijn verstreken\. De meeste plichten met een verstreken termijn stonden open eind maart: 2\./,
    );
    // Notice runs by the month they started: by e-mail, by letter, undeliverable, letters posted.
    const notices = sectionRows(html, 'notices');
    assert.deepEqual(notices, [
      'januari|1|1|0|1|0|0|1',
      'februari|1|3|2|0|0|1|0',
      'maart|1|10|5|2|2|1|3',
      'Totaal|3|14|7|3|2|2|4',
    ]);
    assert.match(
      html,
      /In 2019 zijn 3 verzendingen gestart naar 14 betrokkenen: 7 per e-mail verzonden, 3 per brief omdat er geen e-mailadres was en 2 e-mails onbestelbaar; er zijn 4 brieven gepost\./,
    );
    // Dutch page: no English from the figures or the chart library.
    assert.doesNotMatch(html, /Not a breach|Notified|Still to do|X-axis|Y-axis|aria-roledescription|Sum of/);
  });

  it('when the fixture year is asked in English, then the same figures read in English with English numbers', async () => {
    await storeInsightsFixture();
    const en = await signIn(t.app, await makeUser('privacy_officer'));
    const token = await csrfToken(en, '/insights');
    await en.post('/language').type('form').send({ _csrf: token, language: 'en', returnTo: '/insights' });
    const res = await en.get('/insights?year=2019');
    assert.equal(res.status, 200);
    assert.match(res.text, /Of the 8 incidents in 2019, 4 were notified to the AP \(50%\)/);
    assert.match(
      res.text,
      /2 of the 4 notifications to the AP were made within 72 hours of awareness, 2 later\./,
    );
    assert.match(
      res.text,
      /At the end of December, 3 duties were open \(notifying the AP or the ministry, informing affected persons\); 1 of these had passed their deadline\./,
    );
    assert.match(res.text, /In 2019, 3 notice runs started to 14 affected persons: 7 sent by e-mail/);
    assert.match(res.text, /<th scope="row">Total<\/th><td>3<\/td><td>14<\/td>/);
    assert.doesNotMatch(
      res.text,
      /Nog niet beoordeeld|Geen datalek|meer dan 144 uur|te laat|verzendingen|Termijn verstreken/,
    );
  });

  it('when the fixture year is downloaded, then the CSV holds every figure set, with the late filings named', async () => {
    await storeInsightsFixture();
    const res = await po.get('/insights/figures.csv?year=2019');
    assert.equal(res.status, 200);
    assert.match(res.text, /"Incidenten per maand naar oorzaak";"2019"/);
    assert.match(res.text, /"E-mail naar verkeerde ontvanger";1;1;0;0;0;0;0;0;0;0;0;1/);
    assert.match(res.text, /"Gemeld";4;1;0/);
    assert.match(res.text, /"DL-2019-0002";78;"Wachten op de leverancier"/);
    assert.match(
      res.text,
      /"Phishing[^"]*";2;"DL-2019-0003";"Wachtwoorden gereset\.\nTraining over phishing\."/,
    );
    assert.match(res.text, /"Openstaande en te late plichten per maand";"2019"/);
    assert.match(res.text, /"maart";3;2;1;1;0;0;2;1/);
    assert.match(res.text, /"Kennisgevingen aan betrokkenen";"2019"/);
    assert.match(res.text, /"maart";1;10;5;2;2;1;3/);
    assert.match(res.text, /"Totaal";3;14;7;3;2;2;4/);
  });

  it('when management opens the insights of the fixture year, then it sees the same figures read-only, without incident references or free text', async () => {
    await storeInsightsFixture();
    const boss = await signIn(t.app, await makeUser('management'));
    const home = await boss.get('/');
    assert.match(home.text, /href="\/insights"/, 'the home page leads to the figures');
    const res = await boss.get('/insights?year=2019');
    assert.equal(res.status, 200);
    const html = res.text;
    assert.match(html, /Je ziet de cijfers zonder kenmerken en vrije tekst van incidenten/);
    assert.equal(html.match(/<svg class="chart" role="img"/g)?.length, 9);
    assert.ok(sectionRows(html, 'notification').includes('AP|4|50%'));
    assert.match(html, /2 van de 4 meldingen bij de AP zijn gedaan binnen 72 uur na kennisname, 2 later\./);
    assert.ok(sectionRows(html, 'causes').includes('E-mail naar verkeerde ontvanger|3'));
    assert.doesNotMatch(html, /DL-2019-|Wachten op de leverancier|Wachtwoorden gereset|Genomen maatregelen/);
    assert.ok(
      await AuditEntry.exists({ action: 'insights.view', 'details.year': 2019, 'actor.role': 'management' }),
      'the view is audited with the reader',
    );
    const csv = await boss.get('/insights/figures.csv?year=2019');
    assert.equal(csv.status, 200);
    assert.match(csv.text, /"Gemeld";4;1;0/);
    assert.doesNotMatch(csv.text, /DL-2019-|Wachten op de leverancier|Wachtwoorden gereset/);
    // Nothing else of the breach data opens for management.
    for (const path of ['/register', '/dashboard', '/authority', '/notices'])
      assert.equal((await boss.get(path)).status, 403, path);
  });

  it('when an admin asks for the insights, then access is refused', async () => {
    const admin = await signIn(t.app, await makeUser('admin'));
    assert.equal((await admin.get('/insights?year=2019')).status, 403);
  });

  it('when a reporter asks for the insights, then access is refused', async () => {
    const rep = await signIn(t.app, await makeUser('reporter'));
    const res = await rep.get('/insights');
    assert.ok(res.status === 403 || res.status === 302, `status ${res.status}`);
  });
});
