// The ministry notice and the liaison portal (issue "must hold"): due when the AP is notified,
// previewed, queued for the configured addresses (never sent in the request), free of affected
// persons' data; the liaison reads and acknowledges it, the officer sees the acknowledgement, and
// an unacknowledged notice is chased.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident } from '../../models/incident.model.js';
import { MinistryNotice } from '../../models/ministry-notice.model.js';
import { MinistryNoticeAck } from '../../models/ministry-notice-ack.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { createMailWorker } from '../../notifications/worker.js';
import { sendAcknowledgementReminders } from '../../server/ministry/ministry-reminders.js';
import { contactCipher } from '../../server/notices/contact-crypto.js';
import { insertPersons } from '../helpers/notices.js';
import {
  assessIncident,
  makeIncident,
  MEASURES,
  SUMMARY,
  TEST_ENV,
} from '../integration/authority/authority-fixtures.js';

const MINISTRY = 'datalek@minszw.example.test';

// The summary for the AP the officer writes in the filing form (never the reporter's text).
const AP_SUMMARY = 'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.';

describe('http: the ministry notice and the liaison portal', function () {
  this.timeout(60_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let agent: Agent;
  before(async () => {
    t = await buildTestApp(TEST_ENV, '2026-01-05T16:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    agent = await signIn(t.app, officer);
  });
  beforeEach(() => t.clock.set('2026-01-05T16:00:00Z'));

  async function filedIncident() {
    const incident = await makeIncident({
      recipients: 'Jan Jansen, Dorpsstraat 1',
      dataDetail: 'BSN 123456782 van mevrouw De Vries',
    });
    await assessIncident(incident._id);
    const id = String(incident._id);
    const dossier = `/authority/incidents/${id}`;
    const filed = await postForm(agent, dossier, `${dossier}/filings`, {
      kind: 'initial',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-05T16:30',
      apReference: 'M-2026-0042',
      complete: 'no',
    });
    assert.equal(filed.status, 303);
    return { incident, id, dossier, notice: `/ministry/incidents/${id}/notice` };
  }

  async function sendNotice(notice: string, fields: Record<string, unknown> = {}) {
    return postForm(agent, notice, notice, {
      action: 'send',
      summary: SUMMARY,
      measures: MEASURES,
      confirmNoPersonalData: 'yes',
      ...fields,
    });
  }

  it('when the AP is not notified yet, then no notice is due and sending is refused', async () => {
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const page = `/ministry/incidents/${String(incident._id)}/notice`;
    const res = await agent.get(page);
    assert.equal(res.status, 200);
    assert.match(res.text, /Het ministerie krijgt bericht zodra het datalek aan de AP is gemeld\./);
    assert.doesNotMatch(res.text, /name="action" value="send"/);
    const send = await postForm(agent, `/authority/incidents/${String(incident._id)}`, page, {
      action: 'send',
      summary: 'x',
      measures: 'y',
      confirmNoPersonalData: 'yes',
    });
    assert.equal(send.status, 409);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);
  });

  it('when the AP is notified, then the page previews the Dutch notice with the AP reference and counts', async () => {
    const { incident, notice } = await filedIncident();
    const res = await agent.get(notice);
    assert.equal(res.status, 200);
    assert.match(res.text, /name="action" value="send"/);
    assert.match(
      res.text,
      new RegExp(
        `<span class="notice-subject">Melding datalek ${incident.reference} – Stichting Nederlands Migratie Instituut</span>`,
      ),
    );
    assert.match(res.text, /meldingsnummer M-2026-0042/);
    assert.match(res.text, /Aantal betrokkenen: 40\./);
    assert.match(res.text, /Ingeschat risico voor de betrokkenen: Hoog risico\./);
    assert.match(res.text, new RegExp(MINISTRY));
    // An edited text is previewed without sending.
    const preview = await postForm(agent, notice, notice, {
      action: 'preview',
      summary: 'Aangepaste samenvatting',
      measures: MEASURES,
    });
    assert.equal(preview.status, 200);
    assert.match(preview.text, /Aangepaste samenvatting/);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);
    assert.ok(
      await AuditEntry.exists({ action: 'ministry.notice.preview', 'object.id': String(incident._id) }),
    );
  });

  it("when the officer sends it, then the notice is stored, its mail queued for the ministry and delivered by the worker without affected persons' data", async () => {
    const { incident, id, notice } = await filedIncident();
    const unconfirmed = await sendNotice(notice, { confirmNoPersonalData: undefined });
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.text, /id="confirmNoPersonalData-error"/);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);

    const sentBefore = t.mail.sent.length;
    const res = await sendNotice(notice);
    assert.equal(res.status, 303, res.text.slice(0, 400));
    assert.equal(t.mail.sent.length, sentBefore, 'nothing is sent inside the request');
    const stored = await MinistryNotice.findOne({ incidentId: incident._id }).lean();
    assert.ok(stored);
    assert.equal(stored.version, 1);
    assert.equal(stored.kind, 'initial');
    assert.deepEqual(stored.recipients, [MINISTRY]);
    assert.equal(stored.late, false);
    const queued = await OutboxMessage.findOne({ key: stored.outboxKey }).lean();
    assert.equal(queued?.status, 'pending');
    assert.deepEqual(queued?.to, [MINISTRY]);
    assert.equal(queued?.template, 'ministry-notice');
    assert.ok(
      await DutyFulfilment.exists({ incidentId: incident._id, duty: 'ministry', outcome: 'fulfilled' }),
    );
    assert.equal((await Incident.findById(incident._id).lean())?.status, 'ministry_notified');
    const audit = await AuditEntry.findOne({ action: 'ministry.notice.send', 'object.id': id }).lean();
    assert.equal((audit?.details as Record<string, unknown> | undefined)?.recipients, 1);

    const worker = createMailWorker({
      channel: t.mail,
      clock: t.clock,
      logger: t.deps.logger,
      from: t.config.mail.from,
    });
    await worker.runOnce();
    const mail = t.mail.sent.find((m) => m.subject.includes(incident.reference));
    assert.ok(mail, 'the worker delivered the notice');
    assert.deepEqual(mail.to, [MINISTRY]);
    assert.match(mail.text, /meldingsnummer M-2026-0042/);
    assert.match(mail.text, /Aantal betrokkenen: 40\./);
    assert.ok(mail.text.includes(SUMMARY));
    assert.ok(mail.text.includes(`/ministry/notices/${String(stored._id)}`));
    for (const personal of ['Jan Jansen', 'Dorpsstraat', '123456782', 'De Vries']) {
      assert.ok(
        !mail.text.includes(personal) && !mail.html.includes(personal),
        `the mail must not contain ${personal}`,
      );
    }
    assert.equal((await OutboxMessage.findOne({ key: stored.outboxKey }).lean())?.status, 'sent');
  });

  it('when the contract deadline has passed, then a reason for the delay is required', async () => {
    const { incident, notice } = await filedIncident();
    t.clock.set('2026-01-06T10:00:00Z');
    const res = await sendNotice(notice);
    assert.equal(res.status, 400);
    assert.match(res.text, /id="delayReason-error"/);
    const ok = await sendNotice(notice, { delayReason: 'Contactpersoon pas na het weekend bereikbaar' });
    assert.equal(ok.status, 303);
    const stored = await MinistryNotice.findOne({ incidentId: incident._id }).lean();
    assert.equal(stored?.late, true);
    assert.equal(stored?.delayReason, 'Contactpersoon pas na het weekend bereikbaar');
  });

  it('when the liaison acknowledges, then the time is recorded once and the officer sees it', async () => {
    const { incident, dossier, notice } = await filedIncident();
    assert.equal((await sendNotice(notice)).status, 303);
    const stored = (await MinistryNotice.findOne({ incidentId: incident._id }).lean())!;
    const liaison = await makeUser('ministry_liaison', { name: 'Lisa Liaison' });
    const la = await signIn(t.app, liaison);
    const list = await la.get('/ministry');
    assert.equal(list.status, 200);
    assert.match(
      list.text,
      new RegExp(`<a href="/ministry/notices/${String(stored._id)}">${incident.reference}</a>`),
    );
    const detail = await la.get(`/ministry/notices/${String(stored._id)}`);
    assert.equal(detail.status, 200);
    assert.match(detail.text, /M-2026-0042/);
    assert.match(detail.text, /Ontvangst bevestigen/);
    assert.doesNotMatch(detail.text, /Jan Jansen|123456782/);

    // The officer may read the portal but cannot acknowledge for the ministry.
    const byOfficer = await postForm(
      agent,
      `/ministry/notices/${String(stored._id)}`,
      `/ministry/notices/${String(stored._id)}/acknowledge`,
      {},
    );
    assert.equal(byOfficer.status, 403);

    t.clock.set('2026-01-05T18:15:00Z');
    const ack = await postForm(
      la,
      `/ministry/notices/${String(stored._id)}`,
      `/ministry/notices/${String(stored._id)}/acknowledge`,
      {},
    );
    assert.equal(ack.status, 303);
    const again = await postForm(
      la,
      `/ministry/notices/${String(stored._id)}`,
      `/ministry/notices/${String(stored._id)}/acknowledge`,
      {},
    );
    assert.equal(again.status, 303);
    const acks = await MinistryNoticeAck.find({ noticeId: stored._id }).lean();
    assert.equal(acks.length, 1);
    assert.equal(acks[0]!.at.toISOString(), '2026-01-05T18:15:00.000Z');
    assert.equal(acks[0]!.byName, 'Lisa Liaison');
    assert.equal(
      await AuditEntry.countDocuments({
        action: 'ministry.notice.acknowledge',
        'object.id': String(stored._id),
      }),
      1,
    );

    const officerView = await agent.get(dossier);
    assert.match(officerView.text, /Bevestigd op 5-1-2026 19:15 door Lisa Liaison/);
  });

  it('when a notice stays unacknowledged, then one reminder per window is queued until it is acknowledged', async () => {
    const { incident, notice } = await filedIncident();
    assert.equal((await sendNotice(notice)).status, 303);
    const stored = (await MinistryNotice.findOne({ incidentId: incident._id }).lean())!;
    const key = (n: number) => `ministry-notice-reminder:${String(stored._id)}:${n}`;
    await sendAcknowledgementReminders(t.config, new Date('2026-01-06T15:59:00Z'));
    assert.equal(await OutboxMessage.countDocuments({ key: key(1) }), 0, 'not before the window has passed');
    await sendAcknowledgementReminders(t.config, new Date('2026-01-06T16:01:00Z'));
    await sendAcknowledgementReminders(t.config, new Date('2026-01-06T17:00:00Z'));
    const first = await OutboxMessage.find({ key: key(1) }).lean();
    assert.equal(first.length, 1, 'exactly one first reminder');
    assert.deepEqual(first[0]!.to, [MINISTRY]);
    assert.equal(first[0]!.template, 'ministry-notice-reminder');
    assert.ok(
      await AuditEntry.exists({
        action: 'ministry.notice.remind',
        'object.id': String(stored._id),
        'details.reminder': 1,
      }),
    );
    await MinistryNoticeAck.create({
      noticeId: stored._id,
      incidentId: incident._id,
      at: new Date('2026-01-06T18:00:00Z'),
      byId: 'x',
      byName: 'Lisa',
    });
    await sendAcknowledgementReminders(t.config, new Date('2026-01-07T17:00:00Z'));
    assert.equal(
      await OutboxMessage.countDocuments({ key: key(2) }),
      0,
      'no reminder after the acknowledgement',
    );
  });

  it("when the page opens, then the texts start neutral, not from the reporter's summary, and cannot be sent unwritten", async () => {
    const { incident, notice } = await filedIncident();
    const page = await agent.get(notice);
    assert.equal(page.status, 200);
    const summary = /<textarea id="summary"[^>]*>([^<]*)<\/textarea>/.exec(page.text)?.[1] ?? '';
    const measures = /<textarea id="measures"[^>]*>([^<]*)<\/textarea>/.exec(page.text)?.[1] ?? '';
    assert.match(summary, /^Op 5 januari 2026 hebben wij een datalek ontdekt\. \[\[/);
    assert.ok(!summary.includes(SUMMARY) && !measures.includes(MEASURES), 'no reporter text pre-filled');
    const unwritten = await postForm(agent, notice, notice, {
      action: 'send',
      summary: summary.replace(/&#x27;/g, "'"),
      measures: 'Ontvanger heeft de e-mail verwijderd.',
      confirmNoPersonalData: 'yes',
    });
    assert.equal(unwritten.status, 400);
    assert.match(unwritten.text, /id="summary-error">Deze tekst bevat nog een invulplek/);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);
  });

  it('when the texts hold personal data, then it is flagged inline and sent only after an audited confirmation of exactly those flags', async () => {
    const { incident, id, notice } = await filedIncident();
    await insertPersons(
      incident._id,
      [
        {
          lang: 'nl',
          contact: {
            name: 'Jan de Vries',
            email: 'jan@example.test',
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
      ],
      officer.id,
      new Date('2026-01-05T15:00:00Z'),
      contactCipher(t.config),
    );
    const typed = 'E-mail over cliënt J. de Vries (BSN 123456782) naar een verkeerde ontvanger.';
    const first = await sendNotice(notice, { summary: typed });
    assert.equal(first.status, 400);
    assert.ok(first.text.includes(typed.replace(/\(/g, '(')), 'the typed text comes back');
    assert.match(first.text, /id="summary-flags"/);
    assert.match(first.text, /Naam van een betrokkene: <mark>J\. de Vries<\/mark>/);
    assert.match(first.text, /Burgerservicenummer: <mark>123456782<\/mark>/);
    assert.match(first.text, /id="confirmPersonalData-error">De tekst bevat mogelijk persoonsgegevens/);
    const fingerprint = /name="personalDataFingerprint" value="([0-9a-f]+)"/.exec(first.text)?.[1];
    assert.ok(fingerprint);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);

    // A confirmation of other flags (the text changed since) does not hold.
    const stale = await sendNotice(notice, {
      summary: `${typed} Ook 06-12345678.`,
      confirmPersonalData: 'yes',
      personalDataFingerprint: fingerprint,
    });
    assert.equal(stale.status, 400);
    assert.match(stale.text, /id="confirmPersonalData-error">De tekst is veranderd/);
    assert.match(stale.text, /Telefoonnummer: <mark>06-12345678<\/mark>/);

    const sent = await sendNotice(notice, {
      summary: typed,
      confirmPersonalData: 'yes',
      personalDataFingerprint: fingerprint,
    });
    assert.equal(sent.status, 303, sent.text.slice(0, 300));
    const audit = await AuditEntry.findOne({ action: 'privacy.flags.confirmed', 'object.id': id }).lean();
    assert.ok(audit, 'the confirmation is audited');
    assert.deepEqual((audit.details as Record<string, unknown>).kinds, { name: 1, bsn: 1 });
    assert.equal((audit.details as Record<string, unknown>).purpose, 'ministry.notice');
    assert.ok(!JSON.stringify(audit).includes('123456782') && !JSON.stringify(audit).includes('Vries'));
  });

  it('when the texts are neutral, then no confirmation of flags is asked', async () => {
    const { notice } = await filedIncident();
    const page = await postForm(agent, notice, notice, {
      action: 'preview',
      summary: SUMMARY,
      measures: MEASURES,
    });
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /name="confirmPersonalData"/);
    assert.doesNotMatch(page.text, /class="pd-flags"/);
  });

  it('when a follow-up notice is sent, then it joins the same thread as a follow-up', async () => {
    const { incident, notice } = await filedIncident();
    assert.equal((await sendNotice(notice)).status, 303);
    t.clock.set('2026-01-06T16:00:00Z');
    const page = await agent.get(notice);
    assert.match(page.text, /Vervolgbericht aan het ministerie/);
    assert.equal(
      (await sendNotice(notice, { summary: 'Aanvulling: de ontvanger heeft de mail verwijderd.' })).status,
      303,
    );
    const versions = await MinistryNotice.find({ incidentId: incident._id }).sort({ version: 1 }).lean();
    assert.deepEqual(
      versions.map((v) => v.kind),
      ['initial', 'followup'],
    );
    assert.equal(versions[1]!.late, false, 'follow-ups have no clock of their own');
    assert.match(versions[1]!.subject, new RegExp(`^Vervolgbericht datalek ${incident.reference}`));
    assert.equal(await DutyFulfilment.countDocuments({ incidentId: incident._id, duty: 'ministry' }), 1);
    const liaison = await signIn(t.app, await makeUser('ministry_liaison'));
    const thread = await liaison.get(`/ministry/notices/${String(versions[0]!._id)}`);
    assert.match(thread.text, /Melding 1/);
    assert.match(thread.text, /Vervolgbericht 2/);
    assert.match(thread.text, /Aanvulling: de ontvanger heeft de mail verwijderd\./);
  });
});

describe('http: ministry notice without ministry addresses', function () {
  this.timeout(60_000);
  it('when no ministry addresses are set, then the page says so inline with a link to the administrators, offers no send button, and a send keeps the typed texts', async () => {
    const { MINISTRY_EMAILS: _omitted, ...env } = TEST_ENV;
    const t = await buildTestApp(env, '2026-01-05T16:00:00Z');
    const admin = await makeUser('admin', { email: `beheer-${Date.now()}@example.test` });
    const agent = await signIn(t.app, await makeUser('privacy_officer'));
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const id = String(incident._id);
    const dossier = `/authority/incidents/${id}`;
    const filed = await postForm(agent, dossier, `${dossier}/filings`, {
      kind: 'initial',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-05T16:30',
      apReference: 'M-2026-0042',
      complete: 'no',
    });
    assert.equal(filed.status, 303);
    const notice = `/ministry/incidents/${id}/notice`;
    const page = await agent.get(notice);
    assert.equal(page.status, 200);
    assert.match(page.text, /Er zijn nog geen e-mailadressen van het ministerie ingesteld/);
    assert.ok(
      page.text.includes(`<a href="mailto:${admin.email}?subject=`),
      'a link to write to an administrator',
    );
    assert.doesNotMatch(page.text, /name="action" value="send"/);
    assert.match(page.text, /id="send-unavailable"[^]*<a href="#recipients">/);
    assert.doesNotMatch(page.text, /MINISTRY_EMAILS/);

    const typed = { summary: 'Mijn eigen samenvatting voor het ministerie.', measures: 'Mijn maatregelen.' };
    const send = await postForm(agent, notice, notice, {
      action: 'send',
      ...typed,
      confirmNoPersonalData: 'yes',
    });
    assert.equal(send.status, 409);
    assert.match(
      send.text,
      /id="form-error"><p>Er zijn nog geen e-mailadressen van het ministerie ingesteld/,
    );
    assert.match(send.text, />Mijn eigen samenvatting voor het ministerie\.<\/textarea>/);
    assert.match(send.text, />Mijn maatregelen\.<\/textarea>/);
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);
  });
});

describe('http: ministry notice trigger "duty"', function () {
  this.timeout(60_000);
  it('when the trigger follows the assessment, then a notice is due before any AP filing', async () => {
    const t = await buildTestApp({ ...TEST_ENV, MINISTRY_NOTICE_TRIGGER: 'duty' }, '2026-01-05T16:00:00Z');
    const agent = await signIn(t.app, await makeUser('privacy_officer'));
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const page = await agent.get(`/ministry/incidents/${String(incident._id)}/notice`);
    assert.match(
      page.text,
      /Volgens de beoordeling en de afspraak met het ministerie moet het ministerie bericht krijgen\./,
    );
    assert.match(page.text, /Niet \(of nog niet\) gemeld aan de Autoriteit Persoonsgegevens\./);
  });
});
