// Issue 15: the public report page. A report without an account gets a DL reference, lands in the
// officer's register with its source, starts the same clocks and is audited without the reporter's
// address; a receipt code and passphrase (stored hashed) open a status page with messages both
// ways; hostile input is answered with a clear 4xx and the form kept.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, signIn, type Agent } from '../helpers/http.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { clearCollections } from '../helpers/db.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { IntakePending } from '../../models/intake-pending.model.js';
import { recoverIntakes } from '../../server/incidents/incidents.service.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { Attachment } from '../../models/attachment.model.js';
import { ExternalMessage } from '../../models/external-message.model.js';
import { ExternalReporter } from '../../models/external-reporter.model.js';
import { Incident } from '../../models/incident.model.js';
import { IntakeAttempt } from '../../models/intake-attempt.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { User } from '../../models/user.model.js';
import { createApp } from '../../server/app.js';
import type { Logger } from '../../server/logger.js';
import { INTAKE_LIMITS } from '../../server/intake/intake.service.js';
import { createMailWorker } from '../../notifications/worker.js';
import { pdfTextLines } from '../integration/authority/pdf-text.js';
import { createSmtpChannel } from '../../notifications/channels/smtp.channel.js';

type Fields = Record<string, string | string[]>;

/** Collects a binary answer (a PDF) as a Buffer. */
function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Loads the public form and returns its CSRF token and form token (the way a browser has them). */
async function loadForm(
  agent: Agent,
  path = '/melden',
): Promise<{ csrf: string; formToken: string; html: string }> {
  const res = await agent.get(path);
  assert.equal(res.status, 200, res.text.slice(0, 300));
  const formToken = /name="formToken" value="([^"]+)"/.exec(res.text)?.[1];
  assert.ok(formToken, 'the form carries its signed token');
  return { csrf: csrfFrom(res.text), formToken, html: res.text };
}

const receiptOf = (html: string) => ({
  reference: /Kenmerk: (DL-\d{4}-\d{4,})|Reference: (DL-\d{4}-\d{4,})/.exec(html)?.slice(1).find(Boolean),
  code: /data-testid="receipt-code">([A-Z0-9-]+)</.exec(html)?.[1],
  passphrase: /data-testid="passphrase">([a-z0-9-]+)</.exec(html)?.[1],
});

describe('http: public report page without an account (issue 15)', function () {
  this.timeout(90_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let officerAgent: Agent;

  before(async () => {
    t = await buildTestApp({}, '2026-03-02T09:00:00Z');
    await IntakeAttempt.deleteMany({});
    officer = await makeUser('privacy_officer', { name: 'Olga Officier' });
    officerAgent = await signIn(t.app, officer);
  });

  /** Sends the public form the way a person does: load, wait a little, send. */
  async function report(fields: Fields, agent: Agent = request.agent(t.app)) {
    const { csrf, formToken } = await loadForm(agent);
    t.clock.advance(10_000);
    const res = await agent
      .post('/melden')
      .type('form')
      .send({ _csrf: csrf, formToken, website: '', ...fields });
    return { res, agent };
  }

  async function signInWithCode(code: string, passphrase: string, agent: Agent = request.agent(t.app)) {
    const page = await agent.get('/melden/status');
    const res = await agent
      .post('/melden/status')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), receiptCode: code, passphrase });
    return { res, agent };
  }

  it('when someone without an account opens /melden, then the form answers in Dutch (English with ?lang=en) and says what is and is not kept', async () => {
    const { html } = await loadForm(request.agent(t.app));
    assert.match(html, /<h1>Een datalek melden<\/h1>/);
    assert.match(html, /name="website"/, 'the honeypot field is there');
    assert.match(html, /Wij bewaren niet uw IP-adres/);
    assert.match(html, /enctype="multipart\/form-data"/);
    const en = await request.agent(t.app).get('/melden?lang=en');
    assert.equal(en.status, 200);
    assert.match(en.text, /<h1>Report a data breach<\/h1>/);
    assert.match(en.text, /We do not keep your IP address/);
    const alias = await request(t.app).get('/report');
    assert.equal(alias.status, 303);
    assert.equal(alias.headers.location, '/melden?lang=en');
  });

  it('when an anonymous report is sent, then it gets a DL reference, the officer alert, the same clocks and an audit entry without any address; code and passphrase are shown once and stored hashed', async () => {
    const summary = `Brief van een ander ontvangen ${Date.now()}`;
    const before = t.clock.now();
    const { res } = await report({
      summary,
      occurredAt: '2026-03-01T14:00',
      dataCategories: ['name_address', 'health'],
      subjectCategories: 'clients',
      subjectsCount: '1',
      reporterKind: 'client',
    });
    assert.equal(res.status, 201, res.text.slice(0, 500));
    assert.equal(res.headers['cache-control'], 'no-store');
    const receipt = receiptOf(res.text);
    assert.ok(
      receipt.reference && receipt.code && receipt.passphrase,
      'reference, code and passphrase on the page',
    );
    assert.match(res.text, /kunnen een verloren code of wachtwoordzin niet herstellen/);

    const incident = await Incident.findOne({ reference: receipt.reference }).lean();
    assert.ok(incident);
    assert.equal(incident.summary, summary);
    assert.equal(incident.source, 'external_anonymous');
    assert.equal(incident.status, 'submitted');
    assert.equal(incident.discoveryChannel, 'data_subject');
    assert.deepEqual(incident.dataCategories, ['name_address', 'health']);
    // The clock starts when the report reaches the organisation (domain.md §3).
    assert.ok(incident.discoveredAt.getTime() >= before.getTime());
    assert.equal(incident.reportedInternallyAt.getTime(), incident.discoveredAt.getTime());
    assert.ok(
      await OutboxMessage.exists({
        template: 'report-alert',
        key: new RegExp(`^report-alert:${receipt.reference}:`),
      }),
      'the officers are alerted',
    );
    assert.equal(
      await OutboxMessage.countDocuments({
        template: 'report-receipt',
        key: `report-receipt:${receipt.reference}`,
      }),
      0,
      'no receipt mail: there is no address',
    );

    const stored = await ExternalReporter.findOne({
      _id: incident.reporterId.replace('external:', ''),
    }).lean();
    assert.ok(stored);
    assert.notEqual(stored.codeLookup, receipt.code);
    assert.ok(
      !JSON.stringify(stored).includes(receipt.code.replace(/-/g, '')),
      'the code is not kept in the clear',
    );
    assert.ok(
      !JSON.stringify(stored).includes(receipt.passphrase),
      'the passphrase is not kept in the clear',
    );
    assert.match(stored.passphraseHash, /^\$argon2id\$/);
    assert.equal(stored.anonymous, true);

    const audit = await AuditEntry.find({ 'object.id': String(incident._id) }).lean();
    const submit = audit.find((a) => a.action === 'incident.submit');
    assert.ok(submit, 'the filing is audited');
    assert.equal(submit.actor?.kind, 'anonymous');
    for (const entry of audit) assert.equal(entry.origin?.ip, undefined, `no address in ${entry.action}`);
  });

  it('when the reporter downloads the receipt, then a small text file holds the reference, code and passphrase', async () => {
    const { res, agent } = await report({ summary: 'Map met dossiers op straat gevonden' });
    const r = receiptOf(res.text);
    const file = await agent
      .post('/melden/bewijs')
      .type('form')
      .send({
        _csrf: csrfFrom(res.text),
        reference: r.reference,
        receiptCode: r.code,
        passphrase: r.passphrase,
      });
    assert.equal(file.status, 200, file.text.slice(0, 300));
    assert.match(
      String(file.headers['content-disposition']),
      new RegExp(`attachment; filename="?${r.reference}\\.txt`),
    );
    assert.match(String(file.headers['content-type']), /^text\/plain/);
    assert.equal(file.headers['cache-control'], 'no-store');
    assert.match(file.text, new RegExp(r.code!));
    assert.match(file.text, new RegExp(r.passphrase!));
    assert.match(file.text, /http:\/\/meldpunt\.test\/melden\/status/);
  });

  it('when the reporter downloads the receipt as a PDF, then a small PDF holds the title, date, reference, code, passphrase, status link and the warning; nothing cached', async () => {
    const { res, agent } = await report({ summary: 'Envelop open aangekomen' });
    const r = receiptOf(res.text);
    assert.match(res.text, /name="format" value="pdf"/, 'the receipt page offers the PDF');
    const before = await Incident.countDocuments({});
    const file = await agent
      .post('/melden/bewijs')
      .type('form')
      .buffer(true)
      .parse(binary)
      .send({
        _csrf: csrfFrom(res.text),
        reference: r.reference,
        receiptCode: r.code,
        passphrase: r.passphrase,
        format: 'pdf',
      });
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-type']), /^application\/pdf/);
    assert.match(
      String(file.headers['content-disposition']),
      new RegExp(`attachment; filename="?${r.reference}\\.pdf`),
    );
    assert.equal(file.headers['cache-control'], 'no-store');
    const pdf = file.body as Buffer;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length < 20_000, `small: ${pdf.length} bytes`);
    const text = pdfTextLines(pdf).join('\n');
    assert.match(text, /Uw melding van een datalek/);
    assert.match(text, /Datum: 2 maart 2026/);
    assert.ok(text.includes(`Kenmerk: ${r.reference}`));
    assert.ok(text.includes(`Ontvangstcode: ${r.code}`));
    assert.ok(text.includes(`Wachtwoordzin: ${r.passphrase}`));
    assert.match(text, /http:\/\/meldpunt\.test\/melden\/status/);
    assert.match(text, /Een verloren code kan niet worden hersteld/);
    assert.equal(await Incident.countDocuments({}), before, 'nothing filed or changed');

    const bad = await agent
      .post('/melden/bewijs')
      .type('form')
      .send({
        _csrf: csrfFrom(res.text),
        reference: r.reference,
        receiptCode: r.code,
        passphrase: r.passphrase,
        format: 'docx',
      });
    assert.equal(bad.status, 400);
  });

  it('when the officer asks a question and the reporter answers with the code, then both see the conversation; the reporter sees nothing else of the incident', async () => {
    const summary = `Verkeerde bijlage in mail ${Date.now()}`;
    const { res } = await report({ summary, dataDetail: 'Een loonstrook van iemand anders' });
    const r = receiptOf(res.text);
    const incident = (await Incident.findOne({ reference: r.reference }).lean())!;

    // The officer's register lists it with its source; the incident page names the reporter as anonymous.
    const list = await officerAgent.get(`/register?q=${encodeURIComponent(r.reference!)}`);
    assert.match(
      list.text,
      new RegExp(`${r.reference}</a>[^<]*<span class="badge" data-testid="source-badge">Extern, anoniem`),
    );
    const page = await officerAgent.get(`/incidents/${String(incident._id)}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="incident-source">Extern, anoniem/);
    assert.match(page.text, /data-testid="external-reporter"><strong>Extern, anoniem/);

    const question = 'Van wie was de loonstrook? Heeft u de mail verwijderd?';
    const asked = await officerAgent
      .post(`/incidents/${String(incident._id)}/external/messages`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), text: question });
    assert.equal(asked.status, 303);
    assert.equal(asked.headers.location, `/incidents/${String(incident._id)}#external`);

    const wrong = await signInWithCode(r.code!, 'abcde-abcde-abcde-abcde');
    assert.equal(wrong.res.status, 401);
    assert.match(wrong.res.text, /De ontvangstcode of de wachtwoordzin klopt niet/);
    assert.match(wrong.res.text, new RegExp(`value="${r.code}"`), 'the typed code is kept');

    // Codes are forgiving about case and spaces.
    const { res: signedIn, agent } = await signInWithCode(
      r.code!.toLowerCase().replace(/-/g, ' '),
      r.passphrase!,
    );
    assert.equal(signedIn.status, 303, signedIn.text.slice(0, 300));
    const status = await agent.get('/melden/status/overzicht');
    assert.equal(status.status, 200);
    assert.match(
      status.text,
      /data-testid="plain-status">Ontvangen\. De privacyfunctionaris heeft uw melding nog niet bekeken\./,
    );
    assert.match(status.text, /Van wie was de loonstrook\?/);
    assert.doesNotMatch(status.text, new RegExp(summary), 'the incident itself is not shown');
    assert.doesNotMatch(status.text, /Olga Officier/, 'nor who handles it');

    const answer = 'Van mijn buurman. Ja, verwijderd.';
    const sent = await agent
      .post('/melden/status/bericht')
      .type('form')
      .send({ _csrf: csrfFrom(status.text), text: answer });
    assert.equal(sent.status, 303);
    const officerView = await officerAgent.get(`/incidents/${String(incident._id)}`);
    assert.match(
      officerView.text,
      /Melder \(extern\)<\/strong> <span class="muted">[^<]*<\/span><br>Van mijn buurman\. Ja, verwijderd\./,
    );

    const empty = await agent
      .post('/melden/status/bericht')
      .type('form')
      .send({ _csrf: csrfFrom(status.text), text: '   ' });
    assert.equal(empty.status, 400);
    assert.match(empty.text, /id="text-error"/);

    const actions = (
      await AuditEntry.find({
        'object.id': String(incident._id),
        action: { $in: ['intake.message', 'intake.signin'] },
      }).lean()
    ).map((a) => `${a.action}:${a.result}`);
    assert.ok(actions.includes('intake.message:success'));
    assert.ok(actions.includes('intake.signin:denied'));
    assert.ok(actions.includes('intake.signin:success'));
    assert.equal(await ExternalMessage.countDocuments({ incidentId: incident._id }), 2);

    // Signed out, the status page asks for the code again.
    const out = await agent
      .post('/melden/status/afmelden')
      .type('form')
      .send({ _csrf: csrfFrom(status.text) });
    assert.equal(out.status, 303);
    assert.equal((await agent.get('/melden/status/overzicht')).headers.location, '/melden/status');
  });

  it('when a named reporter asked for mail, then the officer\'s message sends a mail through SMTP that says only "there is a new message"', async () => {
    let sink: SmtpSink | undefined;
    try {
      sink = await startSmtpSink();
      const email = `melder-${Date.now()}@example.test`;
      const { res } = await report({
        summary: 'Dossier zichtbaar op website',
        contactName: 'Jan Jansen',
        contactEmail: email,
        notify: 'yes',
      });
      const r = receiptOf(res.text);
      const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
      assert.equal(incident.source, 'external_named');
      const page = await officerAgent.get(`/incidents/${String(incident._id)}`);
      assert.match(
        page.text,
        new RegExp(
          `data-testid="external-reporter"><strong>Extern: Jan Jansen, ${email.replace('.', '\\.')}`,
        ),
      );
      const secret = 'Vertrouwelijke vraag over het dossier 4711';
      const asked = await officerAgent
        .post(`/incidents/${String(incident._id)}/external/messages`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), text: secret });
      assert.equal(asked.status, 303);
      const worker = createMailWorker({
        channel: createSmtpChannel({ url: sink.url }),
        clock: t.clock,
        logger: t.deps.logger,
        from: t.config.mail.from,
      });
      await worker.runOnce();
      const mail = sink.messages.find((m) => m.to.includes(email));
      assert.ok(mail, 'the notification reached the SMTP server');
      assert.match(mail.subject, /Er is een nieuw bericht over uw melding/);
      assert.match(mail.text, /http:\/\/meldpunt\.test\/melden\/status/);
      for (const body of [mail.text, mail.html, mail.subject]) {
        assert.ok(!body.includes('4711'), 'the message is not in the mail');
        assert.ok(!body.includes(r.reference!), 'nor the reference');
      }
    } finally {
      await sink?.close();
    }
  });

  it('when the reporter writes or adds a file on the status page, then the active privacy officers get a mail through SMTP with only the reference and a link, audited; the officer sees it as unread until opened', async () => {
    let sink: SmtpSink | undefined;
    try {
      sink = await startSmtpSink();
      const english = await makeUser('privacy_officer', { name: 'Eve English', language: 'en' });
      const retired = await makeUser('privacy_officer', { name: 'Rik Rust' });
      await User.updateOne({ email: retired.email }, { $set: { active: false } });
      const { res } = await report({ summary: 'Brief aan de verkeerde buurman' });
      const r = receiptOf(res.text);
      const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
      const { agent } = await signInWithCode(r.code!, r.passphrase!);
      const status = await agent.get('/melden/status/overzicht');
      const secret = 'Mijn BSN staat erin: 123456782';
      const sent = await agent
        .post('/melden/status/bericht')
        .type('form')
        .send({ _csrf: csrfFrom(status.text), text: secret });
      assert.equal(sent.status, 303);
      const file = await agent
        .post('/melden/status/bestand')
        .field('_csrf', csrfFrom(status.text))
        .attach('file', Buffer.from('%PDF-1.4\ngeheim-bijlage\n'), 'bsn-kopie.pdf');
      assert.equal(file.status, 303);

      const queued = await OutboxMessage.find({
        template: 'intake-reporter-message',
        incidentId: incident._id,
      }).lean();
      const nl = queued.filter((m) => m.lang === 'nl').flatMap((m) => m.to);
      const en = queued.filter((m) => m.lang === 'en').flatMap((m) => m.to);
      assert.ok(nl.includes(officer.email), 'the Dutch officer is alerted');
      assert.ok(en.includes(english.email), 'the English officer is alerted in English');
      assert.ok(!nl.includes(english.email) && !en.includes(officer.email), 'each in their own language');
      assert.ok(![...nl, ...en].includes(retired.email), 'an inactive officer is not');
      // One alert for the message and one for the file, each to every active officer once (a large
      // team gets it in parts of at most MAX_RECIPIENTS addresses, per language).
      for (const file of [false, true]) {
        const to = queued.filter((m) => (m.data as { file: boolean }).file === file).flatMap((m) => m.to);
        assert.ok(to.includes(officer.email) && to.includes(english.email), `both officers (file: ${file})`);
        assert.equal(new Set(to).size, to.length, 'no officer twice');
      }
      assert.equal(queued.length % 2, 0, 'the two alerts in as many parts each');

      const worker = createMailWorker({
        channel: createSmtpChannel({ url: sink.url }),
        clock: t.clock,
        logger: t.deps.logger,
        from: t.config.mail.from,
      });
      await worker.runOnce();
      // (The new-report alert for this reference is in the sink too.)
      const mine = sink.messages.filter(
        (m) => m.subject.includes(r.reference!) && /van de melder bij|from the reporter on/.test(m.subject),
      );
      const toNl = mine.filter((m) => m.to.includes(officer.email));
      const toEn = mine.filter((m) => m.to.includes(english.email));
      assert.equal(toNl.length, 2, 'one mail for the message and one for the file');
      assert.equal(toEn.length, 2);
      assert.ok(toNl.some((m) => /Nieuw bericht van de melder bij/.test(m.subject)));
      assert.ok(toNl.some((m) => /Nieuw bestand van de melder bij/.test(m.subject)));
      assert.ok(toEn.some((m) => /New message from the reporter on/.test(m.subject)));
      const link = `http://meldpunt.test/incidents/${String(incident._id)}#external`;
      for (const mail of mine) {
        assert.ok(mail.text.includes(link), 'the link to the incident page');
        for (const body of [mail.text, mail.html, mail.subject]) {
          assert.ok(!body.includes('123456782'), 'never the message');
          assert.ok(!body.includes('bsn-kopie') && !body.includes('geheim-bijlage'), 'nor the file');
          assert.ok(!body.includes('Brief aan de verkeerde buurman'), 'nor the report');
        }
      }
      const alerts = await AuditEntry.find({
        action: 'intake.alert',
        'object.id': String(incident._id),
      }).lean();
      assert.equal(alerts.length, 2);
      assert.deepEqual(alerts.map((a) => (a.details as { about: string }).about).sort(), ['file', 'message']);
      for (const a of alerts) {
        assert.equal(a.actor?.kind, 'anonymous');
        assert.equal(a.origin?.ip, undefined);
        assert.ok(((a.details as { recipients: number }).recipients ?? 0) >= 2);
      }

      // The officer's dashboard lists the report with an unread message; the page marks it new once.
      const dash = await officerAgent.get('/dashboard');
      assert.match(
        dash.text,
        new RegExp(
          `data-testid="unread-external"[\\s\\S]*?href="/incidents/${String(incident._id)}#external">${r.reference}</a>: 1 nieuw`,
        ),
      );
      const page = await officerAgent.get(`/incidents/${String(incident._id)}`);
      assert.match(
        page.text,
        /data-testid="external-unread"><a href="#external">De melder heeft 1 nieuw\(e\) bericht\(en\) gestuurd/,
      );
      assert.match(
        page.text,
        /data-testid="unread-message">Nieuw<\/span> <strong>Melder \(extern\)<\/strong>/,
      );
      assert.ok(
        await AuditEntry.exists({
          action: 'intake.read',
          'object.id': String(incident._id),
          'details.messages': 1,
        }),
        'reading is audited',
      );
      const again = await officerAgent.get(`/incidents/${String(incident._id)}`);
      assert.doesNotMatch(again.text, /data-testid="external-unread"|data-testid="unread-message"/);
      assert.match(again.text, /Mijn BSN staat erin/);
      const dashAfter = await officerAgent.get('/dashboard');
      assert.doesNotMatch(dashAfter.text, new RegExp(`${String(incident._id)}#external`));
    } finally {
      await sink?.close();
    }
  });

  it('when the officer marks a report as spam, then it stays in the register with the mark, audited, and can be unmarked', async () => {
    const { res } = await report({ summary: 'Koop nu goedkope horloges' });
    const r = receiptOf(res.text);
    const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
    const page = await officerAgent.get(`/incidents/${String(incident._id)}`);
    const marked = await officerAgent
      .post(`/incidents/${String(incident._id)}/external/spam`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), spam: 'yes' });
    assert.equal(marked.status, 303);
    const after = await officerAgent.get(`/incidents/${String(incident._id)}`);
    assert.match(after.text, /Gemarkeerd als spam/);
    assert.ok(await Incident.exists({ _id: incident._id }), 'never dropped');
    assert.ok(
      await AuditEntry.exists({
        action: 'intake.spam',
        'object.id': String(incident._id),
        'details.spam': true,
      }),
    );
    const bad = await officerAgent
      .post(`/incidents/${String(incident._id)}/external/spam`)
      .type('form')
      .send({ _csrf: csrfFrom(after.text), spam: 'perhaps' });
    assert.equal(bad.status, 400);
    // A reporter cannot reach the officer's actions.
    const stranger = request.agent(t.app);
    const { csrf } = await loadForm(stranger);
    const denied = await stranger
      .post(`/incidents/${String(incident._id)}/external/messages`)
      .type('form')
      .send({ _csrf: csrf, text: 'hoi' });
    assert.ok([302, 303, 401, 403].includes(denied.status), `refused: ${denied.status}`);
    assert.equal(await ExternalMessage.countDocuments({ incidentId: incident._id }), 0);
  });

  it('when a process stopped halfway through filing an external report, then the intake recovery finishes it under the anonymous reporter instead of dropping it', async () => {
    const { res } = await report({ summary: 'Half gearchiveerd' });
    const r = receiptOf(res.text);
    const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
    // What a stop right after the incident's insert leaves: no timeline event yet, the marker still there.
    await IncidentEvent.deleteMany({ incidentId: incident._id });
    await IntakePending.create({ _id: incident._id, at: new Date(t.clock.now().getTime() - 5 * 60_000) });
    const done = await recoverIntakes(t.clock.now(), t.config.baseUrl);
    assert.ok(done >= 1);
    assert.equal(await IntakePending.countDocuments({ _id: incident._id }), 0);
    const event = await IncidentEvent.findOne({ incidentId: incident._id, kind: 'submitted' }).lean();
    assert.ok(event, 'the submitted event is written');
    assert.equal(event.actorId, incident.reporterId);
    assert.equal(
      await OutboxMessage.countDocuments({ key: `report-receipt:${r.reference}` }),
      0,
      'still no receipt mail',
    );
  });

  describe('the public pages in Turkish and Arabic besides Dutch and English', () => {
    const cases = [
      {
        lang: 'tr',
        dir: undefined,
        title: 'Veri ihlali bildirin',
        choice: 'Ad ve adres',
        required: 'Lütfen bu alanı doldurun.',
        received: 'Bildiriminiz alındı',
        reference: 'Dosya numarası',
        signInFailed: 'Alındı kodu veya parola doğru değil.',
        plain: 'Alındı. Gizlilik sorumlusu bildiriminize henüz bakmadı.',
        sent: 'Mesajınız gönderildi.',
      },
      {
        lang: 'ar',
        dir: 'rtl',
        title: 'الإبلاغ عن تسرّب بيانات',
        choice: 'الاسم والعنوان',
        required: 'يُرجى ملء هذا الحقل.',
        received: 'وصلنا بلاغك',
        reference: 'رقم الملف',
        signInFailed: 'رمز الإيصال أو كلمة المرور غير صحيح.',
        plain: 'تم الاستلام. لم يطّلع مسؤول حماية الخصوصية على بلاغك بعد.',
        sent: 'أُرسلت رسالتك.',
      },
    ] as const;

    for (const c of cases)
      it(`when someone opens /melden?lang=${c.lang}, then the form, its errors, the receipt and the status page speak ${c.lang}${c.dir ? ' right to left' : ''}; the rest of the app stays Dutch or English`, async () => {
        const agent = request.agent(t.app);
        const { csrf, formToken, html } = await loadForm(agent, `/melden?lang=${c.lang}`);
        assert.match(html, new RegExp(`<html lang="${c.lang}"${c.dir ? ` dir="${c.dir}"` : '>'}`));
        assert.ok(html.includes(`<h1>${c.title}</h1>`), 'the heading');
        assert.ok(html.includes(`> ${c.choice}</label>`), 'the choices');
        // The switch offers every language of the public pages, each named in itself.
        const nav = /data-testid="public-languages">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
        for (const [code, name] of [
          ['nl', 'Nederlands'],
          ['en', 'English'],
          ['tr', 'Türkçe'],
          ['ar', 'العربية'],
        ])
          assert.ok(
            nav.includes(`href="/melden?lang=${code}" lang="${code}" hreflang="${code}"`) &&
              nav.includes(`>${name}</a>`),
            code,
          );
        assert.match(nav, new RegExp(`lang="${c.lang}"[^>]*aria-current="true"`));

        // An error is told in the page's language, with the typed values kept.
        t.clock.advance(10_000);
        const empty = await agent
          .post('/melden')
          .type('form')
          .send({ _csrf: csrf, formToken, website: '', summary: '', contactName: 'Ayşe' });
        assert.equal(empty.status, 400);
        assert.ok(empty.text.includes(`id="summary-error">${c.required}</p>`));
        assert.match(empty.text, /value="Ayşe"/);
        assert.match(empty.text, new RegExp(`<html lang="${c.lang}"`));

        const summary = `Komşumun mektubu bana geldi ${c.lang} ${Date.now()}`;
        const { csrf: csrf2, formToken: token2 } = await loadForm(agent);
        t.clock.advance(10_000);
        const filed = await agent
          .post('/melden')
          .type('form')
          .send({ _csrf: csrf2, formToken: token2, website: '', summary, dataCategories: 'name_address' });
        assert.equal(filed.status, 201, filed.text.slice(0, 300));
        assert.ok(filed.text.includes(c.received));
        const reference = new RegExp(`${c.reference}: (DL-\\d{4}-\\d{4,})`).exec(filed.text)?.[1];
        const code = /data-testid="receipt-code">([A-Z0-9-]+)</.exec(filed.text)?.[1];
        const passphrase = /data-testid="passphrase">([a-z0-9-]+)</.exec(filed.text)?.[1];
        assert.ok(reference && code && passphrase);
        assert.doesNotMatch(
          filed.text,
          /data-testid="public-languages"/,
          'no way off the receipt page shown once',
        );
        const incident = await Incident.findOne({ reference }).lean();
        assert.equal(incident?.summary, summary, 'filed in the same register');

        // The receipt PDF in this language: Arabic and Turkish letters through the embedded fonts.
        const pdf = await agent
          .post('/melden/bewijs')
          .type('form')
          .buffer(true)
          .parse(binary)
          .send({ _csrf: csrfFrom(filed.text), reference, receiptCode: code, passphrase, format: 'pdf' });
        assert.equal(pdf.status, 200);
        const bytes = pdf.body as Buffer;
        assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
        if (c.lang === 'ar') assert.match(bytes.toString('latin1'), /\/BaseFont \/[A-Z]{6}\+NotoSansArabic/);
        const txt = await agent
          .post('/melden/bewijs')
          .type('form')
          .send({ _csrf: csrfFrom(filed.text), reference, receiptCode: code, passphrase });
        assert.ok(txt.text.includes(`${c.reference}: ${reference}`), 'the text file too');

        // The status page: a wrong passphrase, then the right one, a message and its confirmation.
        const page = await agent.get('/melden/status');
        assert.match(page.text, new RegExp(`<html lang="${c.lang}"`));
        const wrong = await agent
          .post('/melden/status')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), receiptCode: code, passphrase: 'yanlis-yanlis' });
        assert.equal(wrong.status, 401);
        assert.ok(wrong.text.includes(c.signInFailed));
        const ok = await agent
          .post('/melden/status')
          .type('form')
          .send({ _csrf: csrfFrom(page.text), receiptCode: code, passphrase });
        assert.equal(ok.status, 303);
        const status = await agent.get('/melden/status/overzicht');
        assert.match(
          status.text,
          new RegExp(`<html lang="${c.lang}"`),
          'the language survives the new session',
        );
        assert.ok(status.text.includes(`data-testid="plain-status">${c.plain}`));
        const sent = await agent
          .post('/melden/status/bericht')
          .type('form')
          .send({ _csrf: csrfFrom(status.text), text: 'Ek bilgi' });
        assert.equal(sent.status, 303);
        const after = await agent.get('/melden/status/overzicht');
        assert.ok(after.text.includes(c.sent), 'the confirmation in the same language');
        // A refused request (no CSRF token) answers in the page's language too.
        const refused = await agent.post('/melden/status/bericht').type('form').send({ text: 'x' });
        assert.equal(refused.status, 403);
        assert.match(refused.text, new RegExp(`<html lang="${c.lang}"`));
        assert.ok(refused.text.includes(c.lang === 'tr' ? 'Formun süresi doldu' : 'انتهت صلاحية النموذج'));

        // Outside the public pages the app stays in its own languages.
        const login = await agent.get('/login');
        assert.match(login.text, /<html lang="(nl|en)">/);
        // Back to Dutch with the switch.
        const nl = await agent.get('/melden?lang=nl');
        assert.match(nl.text, /<html lang="nl">/);
        assert.match(nl.text, /<h1>Een datalek melden<\/h1>/);
      });
  });

  describe("the officer's start page", () => {
    // The dashboard lists every open report in the database: start from an empty register.
    before(async () => {
      await clearCollections('Incident', 'Assessment', 'DutyFulfilment');
    });

    it('when an external report comes in, then it is in the inbox with its source and the provisional AP clock from its arrival', async () => {
      const { res } = await report({
        summary: 'Lijst met namen op een openbare website',
        dataCategories: 'name_address',
      });
      const r = receiptOf(res.text);
      const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
      const dash = await officerAgent.get('/dashboard');
      assert.equal(dash.status, 200);
      const row = new RegExp(
        `<tr[^>]*data-incident="${String(incident._id)}"[^>]*data-duty="authority"[^>]*data-provisional="true"[\\s\\S]*?${r.reference}</a> <span class="badge" data-testid="source-badge">Extern, anoniem</span>`,
      );
      assert.match(dash.text, row);
    });
  });

  describe('hostile input: a clear 4xx, the form kept, nothing stored', () => {
    const count = () => Incident.countDocuments({ source: { $ne: 'employee' } });

    it('when a multipart form has fields named like object members, then it is an ordinary refusal, not a crash', async () => {
      const n = await count();
      const agent = request.agent(t.app);
      const { csrf, formToken } = await loadForm(agent);
      t.clock.advance(10_000);
      const res = await agent
        .post('/melden')
        .field('_csrf', csrf)
        .field('formToken', formToken)
        .field('constructor', 'x')
        .field('__proto__', 'y')
        .field('hasOwnProperty', 'z')
        .field('summary', '')
        .attach('evidence', Buffer.from('%PDF-1.4\n'), 'a.pdf');
      assert.equal(res.status, 400);
      assert.match(res.text, /id="summary-error"/);
      assert.equal((await agent.get('/melden')).status, 200, 'the app still serves');
      assert.equal(await count(), n);
    });

    it('when the honeypot is filled, then 400 with the typed text kept', async () => {
      const n = await count();
      const { res } = await report({ summary: 'Tekst van een robot', website: 'http://spam.example' });
      assert.equal(res.status, 400);
      assert.match(res.text, /een veld dat leeg moet blijven/);
      assert.match(res.text, /Tekst van een robot/);
      assert.equal(await count(), n);
    });

    it('when the form token is missing, forged, too fresh or too old, then 400 with the form kept', async () => {
      const n = await count();
      const agent = request.agent(t.app);
      const { csrf, formToken } = await loadForm(agent);
      const send = (token: string | undefined) =>
        agent
          .post('/melden')
          .type('form')
          .send({
            _csrf: csrf,
            summary: 'Snel verstuurd',
            ...(token === undefined ? {} : { formToken: token }),
          });
      const tooFast = await send(formToken);
      assert.equal(tooFast.status, 400);
      assert.match(tooFast.text, /erg snel verstuurd/);
      assert.match(tooFast.text, /Snel verstuurd/);
      assert.equal((await send(undefined)).status, 400);
      const [at] = formToken.split('.');
      assert.equal((await send(`${at}.${'A'.repeat(43)}`)).status, 400, 'a forged signature');
      assert.equal(
        (await send(`${Number(at) - 60_000}.${formToken.split('.')[1]}`)).status,
        400,
        'a signature of another time',
      );
      t.clock.advanceHours(7);
      const old = await send(formToken);
      assert.equal(old.status, 400);
      assert.match(old.text, /te lang open/);
      assert.equal(await count(), n);
    });

    it('when the CSRF token is missing, then 403 and nothing stored', async () => {
      const n = await count();
      const agent = request.agent(t.app);
      const { formToken } = await loadForm(agent);
      t.clock.advance(10_000);
      const res = await agent.post('/melden').type('form').send({ formToken, summary: 'Zonder token' });
      assert.equal(res.status, 403);
      assert.equal(await count(), n);
    });

    it('when fields carry operator objects, wrong types or bad values, then 400 with field errors', async () => {
      const n = await count();
      const agent = request.agent(t.app);
      const { csrf, formToken } = await loadForm(agent);
      t.clock.advance(10_000);
      const json = await agent
        .post('/melden')
        .set('x-csrf-token', csrf)
        .send({ formToken, summary: { $ne: null }, dataCategories: ['nonsense'] });
      assert.equal(json.status, 400);
      const form = await agent.post('/melden').type('form').send({
        _csrf: csrf,
        formToken,
        summary: 'Goed verhaal',
        contactEmail: 'geen-adres',
        notify: 'yes',
        contactPhone: 'bel me<script>',
        occurredAt: '2099-01-01T10:00',
      });
      assert.equal(form.status, 400);
      assert.match(form.text, /id="contactEmail-error"/);
      assert.match(form.text, /id="contactPhone-error"/);
      assert.match(form.text, /id="occurredAt-error"/);
      assert.match(form.text, /Goed verhaal/);
      assert.doesNotMatch(form.text, /<script>/);
      assert.equal(await count(), n);
    });

    it('when the page receives more reports than its limit, then 429 with the form kept (no address is counted)', async () => {
      const now = t.clock.now();
      await IntakeAttempt.deleteMany({ key: 'report:all' });
      await IntakeAttempt.insertMany(
        Array.from({ length: INTAKE_LIMITS.reportsPerWindow }, (_, i) => ({
          key: 'report:all',
          n: i + 1,
          at: now,
        })),
      );
      try {
        const { res } = await report({ summary: 'Eén te veel' });
        assert.equal(res.status, 429);
        assert.match(res.text, /erg veel meldingen/);
        assert.match(res.text, /Eén te veel/);
      } finally {
        await IntakeAttempt.deleteMany({ key: 'report:all' });
      }
      assert.ok(!JSON.stringify(await IntakeAttempt.find({}).lean()).includes('127.0.0.1'));
    });

    it('when a receipt code is guessed again and again, then the code is locked for a while (429), even with the right passphrase', async () => {
      const { res } = await report({ summary: 'Raadpoging' });
      const r = receiptOf(res.text);
      for (let i = 0; i < INTAKE_LIMITS.signInsPerCode; i++)
        assert.equal((await signInWithCode(r.code!, `fout-${i}`)).res.status, 401);
      const locked = await signInWithCode(r.code!, r.passphrase!);
      assert.equal(locked.res.status, 429);
      assert.match(locked.res.text, /Te veel pogingen/);
      t.clock.advance(INTAKE_LIMITS.windowMs + 1000);
      assert.equal((await signInWithCode(r.code!, r.passphrase!)).res.status, 303);
    });

    it('when a code has used its size budget, then more messages are refused with 409 and the typed text kept', async () => {
      const { res } = await report({ summary: 'Budget' });
      const r = receiptOf(res.text);
      const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
      await ExternalReporter.updateOne(
        { _id: incident.reporterId.replace('external:', '') },
        { $set: { bytesUsed: 5 * t.config.attachments.maxBytes } },
      );
      const { agent } = await signInWithCode(r.code!, r.passphrase!);
      const status = await agent.get('/melden/status/overzicht');
      const sent = await agent
        .post('/melden/status/bericht')
        .type('form')
        .send({ _csrf: csrfFrom(status.text), text: 'Nog een bericht' });
      assert.equal(sent.status, 409);
      assert.match(sent.text, /ruimte voor berichten en bestanden op/);
      assert.match(sent.text, /Nog een bericht/);
      assert.equal(await ExternalMessage.countDocuments({ incidentId: incident._id }), 0);
    });

    it('when a file is sent with the form, then it is stored encrypted under the report and counted against the code; a refused type is explained', async () => {
      const agent = request.agent(t.app);
      const { csrf, formToken } = await loadForm(agent);
      t.clock.advance(10_000);
      const res = await agent
        .post('/melden')
        .field('_csrf', csrf)
        .field('formToken', formToken)
        .field('website', '')
        .field('summary', 'Foto van de brief')
        .attach('evidence', Buffer.from('%PDF-1.4\nbrief\n'), 'brief.pdf');
      assert.equal(res.status, 201, res.text.slice(0, 400));
      const r = receiptOf(res.text);
      const incident = (await Incident.findOne({ reference: r.reference }).lean())!;
      const files = await Attachment.find({ incidentId: incident._id, status: 'complete' }).lean();
      assert.equal(files.length, 1);
      assert.equal(files[0]?.filename, 'brief.pdf');
      const reporter = await ExternalReporter.findById(incident.reporterId.replace('external:', '')).lean();
      assert.ok((reporter?.bytesUsed ?? 0) >= files[0].size);

      const { agent: rep } = await signInWithCode(r.code!, r.passphrase!);
      const status = await rep.get('/melden/status/overzicht');
      assert.match(status.text, /brief\.pdf/);
      const bad = await rep
        .post('/melden/status/bestand')
        .field('_csrf', csrfFrom(status.text))
        .attach('file', Buffer.from('MZ...'), 'virus.exe');
      assert.equal(bad.status, 415);
      assert.match(bad.text, /bestandstype is niet toegestaan/);
      const good = await rep
        .post('/melden/status/bestand')
        .field('_csrf', csrfFrom(status.text))
        .attach('file', Buffer.from('%PDF-1.4\nnog een\n'), 'tweede.pdf');
      assert.equal(good.status, 303);
      assert.equal(await Attachment.countDocuments({ incidentId: incident._id, status: 'complete' }), 2);
      const noToken = await rep
        .post('/melden/status/bestand')
        .attach('file', Buffer.from('%PDF-1.4\nx\n'), 'derde.pdf');
      assert.equal(noToken.status, 403);
    });
  });

  it('when the public routes are used, then the request log holds no client address', async () => {
    const lines: string[] = [];
    const sinkStream = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const logger = pino({ level: 'info' }, sinkStream) as unknown as Logger;
    const app = createApp(
      { ...t.deps, logger },
      { sessionSecret: 'test-secret-test-secret-test-secret-0123' },
    );
    const agent = request.agent(app);
    const page = await agent.get('/melden').set('X-Forwarded-For', '203.0.113.77');
    const formToken = /name="formToken" value="([^"]+)"/.exec(page.text)![1]!;
    t.clock.advance(10_000);
    const res = await agent
      .post('/melden')
      .set('X-Forwarded-For', '203.0.113.77')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), formToken, website: '', summary: 'Logtest' });
    assert.equal(res.status, 201);
    await agent
      .post('/melden/status')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), receiptCode: 'AAAA-BBBB-CCCC-DDDD', passphrase: 'x' });
    assert.ok(lines.length >= 2, 'requests were logged');
    const all = lines.join('\n');
    assert.doesNotMatch(all, /203\.0\.113\.77|127\.0\.0\.1|::1|::ffff|remoteAddress|remotePort/);
    assert.doesNotMatch(all, /AAAA-BBBB/, 'nor a typed code');
  });
});
