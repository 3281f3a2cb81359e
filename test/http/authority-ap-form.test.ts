// Issue 13, "The AP dossier": what the AP form asks beyond the first dossier, through the pages — a
// report to the police from the intake, the officer's details with the FG's advice apart from the
// decision (page, JSON and PDF), informing the affected persons from a notice run actually sent,
// the filer's direct phone, and refused input that comes back as typed with nothing stored.
import assert from 'node:assert/strict';
import type request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { reportForm } from '../helpers/incidents.js';
import {
  ctxOf,
  insertPersons,
  makeIncident as makeNoticeIncident,
  preparedRun,
  TEST_CONTACT_KEY,
  testDomain,
} from '../helpers/notices.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { DossierDetails } from '../../models/dossier-details.model.js';
import { Incident } from '../../models/incident.model.js';
import { createNoticeRunWorker } from '../../notifications/notice-run/notice-run-job.js';
import { cancelRun } from '../../server/notices/notice-run-control.service.js';
import { runSnapshot } from '../../server/notices/run-events.js';
import type { Dossier } from '../../server/authority/dossier.js';
import { assessIncident, makeIncident, TEST_ENV } from '../integration/authority/authority-fixtures.js';
import { pdfTextLines } from '../integration/authority/pdf-text.js';

function answerOf(d: Dossier, id: string) {
  return d.sections.flatMap((s) => s.answers).find((a) => a.id === id);
}

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

async function dossierJson(agent: Agent, id: string): Promise<Dossier> {
  const res = await agent.get(`/authority/incidents/${id}/dossier.json`);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  return JSON.parse(res.text) as Dossier;
}

const ADVICE = {
  fgName: 'Fenna de FG',
  fgAdvice: 'Melden bij de AP en alle cliënten per brief informeren.',
  fgAdvisedAt: '2026-01-05T14:00',
  decision: 'Melden bij de AP; cliënten pas informeren na het onderzoek.',
  decidedBy: 'Dirk Directeur, bestuurder',
  decidedAt: '2026-01-05T16:30',
  followsAdvice: 'partly',
  deviationReason: 'Eerst vaststellen welke cliënten het betreft.',
};

describe('http: the AP form questions in the dossier', function () {
  this.timeout(90_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let agent: Agent;
  const cleanup: { runId: string; by: Parameters<typeof ctxOf>[0] }[] = [];
  before(async () => {
    t = await buildTestApp({ ...TEST_ENV, ATTACHMENT_KEY: TEST_CONTACT_KEY }, '2026-01-06T12:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    agent = await signIn(t.app, officer);
  });
  after(async () => {
    for (const r of cleanup) {
      const s = await runSnapshot(r.runId);
      if (s && !['completed', 'cancelled'].includes(s.state))
        await cancelRun(r.runId, ctxOf(r.by, t.clock.now()));
    }
  });

  it('when the reporter says the breach was also reported to the police, then the dossier answers "Politie" and the officer can correct it', async () => {
    const reporter = await signIn(t.app, await makeUser('reporter'));
    const res = await postForm(reporter, '/reports/new', '/reports', reportForm({ reportedTo: ['police'] }));
    assert.equal(res.status, 303, res.text.slice(0, 300));
    const id = /^\/reports\/([0-9a-f]{24})\/submitted$/.exec(res.headers.location ?? '')![1]!;
    assert.deepEqual((await Incident.findById(id).lean())?.reportedTo, ['police']);
    const dossier = await dossierJson(agent, id);
    assert.equal(answerOf(dossier, 'otherReports')?.answer, 'Politie');
    // The officer adds the NCSC: the officer's answer replaces the reporter's.
    const page = `/authority/incidents/${id}`;
    const saved = await postForm(agent, page, `${page}/details`, { reportedTo: ['police', 'ncsc'] });
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    assert.equal(
      answerOf(await dossierJson(agent, id), 'otherReports')?.answer,
      'Politie; Nationaal Cyber Security Centrum (NCSC)',
    );
  });

  it('when the intake names "another authority" without saying which, then 400 with the message and the typed answers kept, nothing stored', async () => {
    const reporter = await signIn(t.app, await makeUser('reporter'));
    const before = await Incident.countDocuments();
    const res = await postForm(
      reporter,
      '/reports/new',
      '/reports',
      reportForm({ reportedTo: ['other', 'none'], summary: 'Mijn getypte samenvatting' }),
    );
    assert.equal(res.status, 400);
    assert.match(res.text, /Vul in bij welke andere instantie het is gemeld\./);
    assert.match(res.text, /Kies &quot;Nergens anders gemeld&quot; niet samen met een instantie\./);
    assert.match(res.text, /<input type="checkbox" name="reportedTo" value="other" checked>/);
    assert.match(res.text, />Mijn getypte samenvatting<\/textarea>/);
    assert.equal(await Incident.countDocuments(), before);
  });

  it("when the officer records the FG's advice and the decision, then the page, the JSON and the PDF show them as two answers, and the save is audited", async () => {
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const id = String(incident._id);
    const page = `/authority/incidents/${id}`;
    const res = await postForm(agent, page, `${page}/details`, {
      ...ADVICE,
      measuresBefore: 'Tweefactorauthenticatie en een jaarlijkse training.',
      crossBorder: 'no',
      otherAuthorities: 'no',
    });
    assert.equal(res.status, 303, res.text.slice(0, 300));
    assert.equal(res.headers.location, `${page}#details`);

    const dossier = await dossierJson(agent, id);
    assert.equal(
      answerOf(dossier, 'fgAdvice')?.answer,
      'Fenna de FG, 5 januari 2026 14:00 (UTC+01:00): Melden bij de AP en alle cliënten per brief informeren.',
    );
    assert.equal(
      answerOf(dossier, 'decision')?.answer,
      'Melden bij de AP; cliënten pas informeren na het onderzoek. (besloten door Dirk Directeur, bestuurder op 5 januari 2026 16:30 (UTC+01:00)). Het besluit volgt het advies van de FG gedeeltelijk: Eerst vaststellen welke cliënten het betreft.',
    );
    assert.equal(
      answerOf(dossier, 'measuresBefore')?.answer,
      'Tweefactorauthenticatie en een jaarlijkse training.',
    );
    assert.equal(answerOf(dossier, 'crossBorder')?.answer, 'Nee');
    assert.deepEqual(answerOf(dossier, 'crossBorder')?.apOptions, ['Nee']);
    assert.equal(answerOf(dossier, 'otherAuthorities')?.answer, 'Nee');

    const html = (await agent.get(page)).text;
    assert.match(html, /id="a-fgAdvice">Fenna de FG, 5 januari 2026 14:00/);
    assert.match(html, /id="a-decision">Melden bij de AP; cliënten pas informeren na het onderzoek\./);
    // The form shows what was saved.
    assert.match(
      html,
      /<textarea id="fgAdvice" name="fgAdvice" maxlength="5000">Melden bij de AP en alle cliënten per brief informeren\.<\/textarea>/,
    );
    assert.match(
      html,
      /<input id="decidedAt" name="decidedAt" type="datetime-local" value="2026-01-05T16:30">/,
    );
    assert.match(html, /<input type="radio" name="followsAdvice" value="partly" checked>/);

    const pdf = await agent.get(`${page}/dossier.pdf`).buffer(true).parse(binary);
    assert.equal(pdf.status, 200);
    const lines = pdfTextLines(pdf.body as Buffer);
    const all = lines.join(' ');
    assert.ok(lines.includes('Advies van de functionaris gegevensbescherming (FG)'));
    assert.ok(lines.includes('Besluit over het melden, en wie het nam'));
    assert.match(
      all,
      /Fenna de FG, 5 januari 2026 14:00 \(UTC\+01:00\): Melden bij de AP en alle cliënten per brief informeren\./,
    );
    // (long answers wrap: the words, not the spaces, are checked)
    assert.match(all, /besloten\s+door\s+Dirk\s+Directeur,\s+bestuurder\s+op\s+5\s+januari\s+2026\s+16:30/);
    // Answered questions carry no "not filled in" (the options line comes after the answer).
    assert.doesNotMatch(all, /Olga Officer Niet ingevuld/);
    assert.match(
      all,
      /Aankruisen in het AP-formulier: Persoonsgegevens verstuurd naar de verkeerde ontvanger/,
    );

    const stored = await DossierDetails.find({ incidentId: incident._id }).lean();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]?.byId, officer.id);
    assert.equal(stored[0]?.fgAdvisedAt?.toISOString(), '2026-01-05T13:00:00.000Z');
    const audit = await AuditEntry.findOne({ action: 'authority.details.save', 'object.id': id }).lean();
    assert.ok(audit, 'the save is audit-logged');
    assert.equal(audit.actor?.id, officer.id);
    assert.equal((audit.details as { version: number }).version, 1);
    assert.ok((audit.details as { changed: string[] }).changed.includes('fgAdvice'));
    assert.doesNotMatch(
      JSON.stringify(audit.details),
      /Fenna|Dirk/,
      'the audit names fields, not their texts',
    );
  });

  it('when the details are invalid, then 400 with a message per field, the typed values kept and nothing stored', async () => {
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const id = String(incident._id);
    const page = `/authority/incidents/${id}`;
    const res = await postForm(agent, page, `${page}/details`, {
      ...ADVICE,
      fgAdvisedAt: '2026-02-30T10:00',
      followsAdvice: 'no',
      deviationReason: '',
      reportedTo: ['none', 'police'],
      otherAuthorities: 'yes',
      otherAuthoritiesWhich: '',
      measuresBefore: 'Mijn getypte maatregelen',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /id="fgAdvisedAt-error">/);
    assert.match(res.text, /value="2026-02-30T10:00"/);
    assert.match(
      res.text,
      /id="deviationReason-error">Leg uit waarom het besluit \(gedeeltelijk\) afwijkt van het advies van de FG\./,
    );
    assert.match(
      res.text,
      /id="reportedTo-error">Kies &quot;Nergens anders gemeld&quot; niet samen met een instantie\./,
    );
    assert.match(res.text, /id="otherAuthoritiesWhich-error">Vul dit veld in\./);
    assert.match(res.text, />Mijn getypte maatregelen<\/textarea>/);
    assert.match(res.text, /<input type="radio" name="followsAdvice" value="no" checked>/);
    assert.match(res.text, /<input type="checkbox" name="reportedTo" value="police" checked>/);
    assert.equal(await DossierDetails.countDocuments({ incidentId: incident._id }), 0);
    assert.ok(!(await AuditEntry.exists({ action: 'authority.details.save', 'object.id': id })));
  });

  it('when a details text holds a BSN, then saving needs a confirmation of exactly that flag, which is audited', async () => {
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const id = String(incident._id);
    const page = `/authority/incidents/${id}`;
    const typed = { measuresBefore: 'Versleuteling; het dossier met BSN 123456782 lag in een kast.' };
    const flagged = await postForm(agent, page, `${page}/details`, typed);
    assert.equal(flagged.status, 400);
    assert.match(flagged.text, /id="confirmPersonalData-error">/);
    assert.match(flagged.text, /id="measuresBefore-flags"/);
    assert.equal(await DossierDetails.countDocuments({ incidentId: incident._id }), 0);
    const fingerprint = /name="personalDataFingerprint" value="([0-9a-f]+)"/.exec(flagged.text)?.[1];
    assert.ok(fingerprint);
    const ok = await postForm(agent, page, `${page}/details`, {
      ...typed,
      confirmPersonalData: 'yes',
      personalDataFingerprint: fingerprint,
    });
    assert.equal(ok.status, 303, ok.text.slice(0, 300));
    assert.equal(await DossierDetails.countDocuments({ incidentId: incident._id }), 1);
    const audit = await AuditEntry.findOne({ action: 'privacy.flags.confirmed', 'object.id': id }).lean();
    assert.equal((audit?.details as { purpose: string }).purpose, 'authority.details');
    assert.doesNotMatch(JSON.stringify(audit?.details), /123456782/);
  });

  it("when the filer's direct phone is not known, then it is listed as missing; an invalid one is refused as typed; once filed with it, the dossier carries it", async () => {
    const incident = await makeIncident({ recordsCount: 40 });
    await assessIncident(incident._id);
    const id = String(incident._id);
    const page = `/authority/incidents/${id}`;
    const html = (await agent.get(page)).text;
    assert.match(html, /<a href="#q-filerPhone">1\. Telefoonnummer van de indiener<\/a>/);
    assert.match(html, /id="q-filerPhone"[\s\S]*?Ontbreekt – nog uitzoeken/);
    // Written in the filing form itself: its absence does not block "complete".
    assert.doesNotMatch(html, /name="complete" value="yes" disabled/);

    const filing = {
      kind: 'initial',
      summary: 'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.',
      submittedAt: '2026-01-06T11:30',
      apReference: 'M-2026-0099',
      complete: 'yes',
    };
    const bad = await postForm(agent, page, `${page}/filings`, { ...filing, filerPhone: 'bel me maar' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /id="filerPhone-error">Vul een telefoonnummer in/);
    assert.match(
      bad.text,
      /name="filerPhone" type="tel" maxlength="32" autocomplete="tel" value="bel me maar"/,
    );
    const without = await postForm(agent, page, `${page}/filings`, filing);
    assert.equal(without.status, 400);
    assert.match(
      without.text,
      /id="filerPhone-error">Vul je directe telefoonnummer in: de AP vraagt het verplicht\./,
    );
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 0);

    const ok = await postForm(agent, page, `${page}/filings`, { ...filing, filerPhone: '+31 6 1234 5678' });
    assert.equal(ok.status, 303, /error">[^<]*/.exec(ok.text)?.[0] ?? ok.text.slice(0, 300));
    const stored = await AuthorityFiling.findOne({ incidentId: incident._id }).lean();
    assert.equal(stored?.filerPhone, '+31 6 1234 5678');
    assert.equal(answerOf(stored?.dossier as Dossier, 'filerPhone')?.answer, '+31 6 1234 5678');
    assert.deepEqual((stored?.dossier as Dossier).missing, []);
    // The next filing form starts from the number this officer gave.
    assert.match(
      (await agent.get(page)).text,
      /name="filerPhone" type="tel" maxlength="32" autocomplete="tel" value="\+31 6 1234 5678"/,
    );
  });

  it('when the UI is English, then the details form, the new questions and the intake field speak English', async () => {
    const en = await signIn(t.app, await makeUser('privacy_officer', { language: 'en' }));
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const html = (await en.get(`/authority/incidents/${String(incident._id)}`)).text;
    for (const text of [
      'Further answers for the notification form',
      'The DPO&#x27;s advice and the decision',
      'Did the breach occur in cross-border processing?',
      'Tick in the AP form:',
      'Personal data sent to the wrong recipient',
      'Your direct telephone number',
    ])
      assert.ok(html.includes(text), `page lacks "${text}"`);
    assert.doesNotMatch(
      html,
      /authority\.details\.|dossier\.[qa]\.|field\.authority/,
      'no message key shows',
    );
    const intake = (await en.get('/reports/new')).text;
    assert.match(intake, /Was the incident also reported to the police, the NCSC or another authority\?/);
    assert.match(intake, /National Cyber Security Centre \(NCSC\)/);
  });

  it('when a notice run has been sent, then section 8 gives the date, the channel, the number informed and the text sent', async () => {
    const author = await makeUser('privacy_officer');
    const incident = await makeNoticeIncident(author, t.clock.now(), {
      incidentCause: 'email_wrong_recipient',
      discoveredAt: new Date('2026-01-05T09:00:00Z'),
    });
    const domain = testDomain();
    await insertPersons(
      incident._id,
      [
        {
          lang: 'nl',
          contact: {
            name: 'Anna A',
            email: `a@${domain}`,
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
        {
          lang: 'nl',
          contact: {
            name: 'Bert B',
            email: `b@${domain}`,
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
      ],
      author.id,
      t.clock.now(),
    );
    const id = String(incident._id);
    const beforeSending = await dossierJson(agent, id);
    assert.equal(answerOf(beforeSending, 'informedChannel'), undefined);

    const { runId, approver } = await preparedRun(incident, t.clock.now());
    cleanup.push({ runId, by: approver });
    await createNoticeRunWorker(t.deps, t.mail, { pageSize: 10 }).runOnce();
    assert.equal((await runSnapshot(runId))?.state, 'completed');

    const dossier = await dossierJson(agent, id);
    assert.equal(
      answerOf(dossier, 'subjectsInformed')?.answer,
      'Ja, geïnformeerd op 6 januari 2026 13:00 (UTC+01:00)',
    );
    assert.deepEqual(answerOf(dossier, 'subjectsInformed')?.apOptions, ['Ja']);
    assert.equal(answerOf(dossier, 'informedAt')?.answer, '6 januari 2026 13:00 (UTC+01:00)');
    assert.equal(answerOf(dossier, 'informedChannel')?.answer, 'e-mail (2 verstuurd)');
    assert.equal(answerOf(dossier, 'informedCount')?.answer, '2');
    const text = answerOf(dossier, 'informedText')?.answer ?? '';
    assert.match(text, /NL: wat er gebeurde/);
    assert.match(text, /NL: advies/);
    // The dossier never holds a recipient's name or address.
    assert.doesNotMatch(JSON.stringify(dossier), /Anna A|Bert B|@t[0-9a-f]{8}\.example\.test/);

    const html = (await agent.get(`/authority/incidents/${id}`)).text;
    assert.match(html, /id="a-informedChannel">e-mail \(2 verstuurd\)</);
  });
});
