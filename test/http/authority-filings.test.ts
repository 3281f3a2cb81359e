// Recording AP filings (issue "must hold"): the initial filing with its frozen dossier, the
// reason-for-delay rule, a follow-up that shows exactly the changed answers, the withdrawal that
// needs a reason, and the processor role that notifies the controller instead.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { withdrawFiling } from '../../server/authority/filing.service.js';
import { ValidationError } from '../../server/errors.js';
import { assessIncident, makeIncident, T, TEST_ENV } from '../integration/authority/authority-fixtures.js';
import type { Dossier } from '../../server/authority/dossier.js';

function answer(d: Dossier, id: string): string | null | undefined {
  for (const s of d.sections) for (const a of s.answers) if (a.id === id) return a.answer;
  return undefined;
}

async function fixture() {
  const incident = await makeIncident();
  await assessIncident(incident._id);
  return { incident, id: String(incident._id), page: `/authority/incidents/${String(incident._id)}` };
}

async function fileInitial(agent: Agent, page: string, fields: Record<string, unknown> = {}) {
  return postForm(agent, page, `${page}/filings`, {
    kind: 'initial',
    summary: AP_SUMMARY,
    submittedAt: '2026-01-06T12:30',
    apReference: 'M-2026-0001',
    complete: 'no',
    ...fields,
  });
}

// The summary for the AP the officer writes in the filing form (never the reporter's text).
const AP_SUMMARY = 'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.';

describe('http: recording AP filings', function () {
  this.timeout(60_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let agent: Agent;
  before(async () => {
    t = await buildTestApp(TEST_ENV, '2026-01-06T12:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    agent = await signIn(t.app, officer);
  });
  beforeEach(() => t.clock.set('2026-01-06T12:00:00Z'));

  it('when the initial filing is recorded in time, then version 1 keeps the AP reference and the dossier as filed, the duty is fulfilled and the incident is AP-notified', async () => {
    const { incident, id, page } = await fixture();
    const res = await fileInitial(agent, page, { note: 'Via het meldloket' });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    assert.equal(res.headers.location, page);
    const filings = await AuthorityFiling.find({ incidentId: incident._id }).lean();
    assert.equal(filings.length, 1);
    const f = filings[0]!;
    assert.equal(f.version, 1);
    assert.equal(f.kind, 'initial');
    assert.equal(f.recipient, 'authority');
    assert.equal(f.apReference, 'M-2026-0001');
    assert.equal(f.submittedAt.toISOString(), '2026-01-06T11:30:00.000Z', 'the form time is Amsterdam time');
    assert.equal(f.byName, 'Olga Officer');
    assert.equal(f.complete, false);
    assert.equal(f.late, false);
    assert.equal(f.deadline?.toISOString(), T.apDeadline.toISOString());
    assert.deepEqual(f.changes, []);
    const dossier = f.dossier as Dossier;
    assert.equal(dossier.lang, 'nl');
    assert.equal(answer(dossier, 'notificationType'), 'Nieuwe melding');
    assert.equal(answer(dossier, 'subjectsCountMax'), '40');
    assert.equal(answer(dossier, 'filerName'), 'Olga Officer');
    const duty = await DutyFulfilment.findOne({ incidentId: incident._id }).lean();
    assert.equal(duty?.duty, 'authority');
    assert.equal(duty?.outcome, 'fulfilled');
    assert.equal(duty?.ref, 'M-2026-0001');
    assert.equal(duty?.complete, false);
    assert.equal(duty?.late, false);
    assert.equal((await Incident.findById(incident._id).lean())?.status, 'ap_notified');
    assert.ok(await IncidentEvent.exists({ incidentId: incident._id, kind: 'ap-filed' }));
    const audit = await AuditEntry.findOne({ action: 'authority.filing.record', 'object.id': id }).lean();
    const details = audit?.details as Record<string, unknown> | undefined;
    assert.equal(details?.version, 1);
    assert.equal(details?.apReference, 'M-2026-0001');
    // The page now shows the filing and offers a follow-up.
    const after = await agent.get(page);
    assert.match(after.text, /<span id="ap-reference">M-2026-0001<\/span>/);
    assert.match(after.text, /name="kind" value="followup"/);
  });

  it("when the summary for the AP is still the neutral draft or holds personal data, then filing needs it written or the flags confirmed (audited); the filed dossier carries the officer's text, not the reporter's", async () => {
    const { incident, id, page } = await fixture();
    const form = await agent.get(page);
    const draft = /<textarea id="summary" name="summary"[^>]*>([^<]*)<\/textarea>/.exec(form.text)?.[1] ?? '';
    assert.match(draft, /\[\[Beschrijf/);
    const unwritten = await fileInitial(agent, page, { summary: draft });
    assert.equal(unwritten.status, 400);
    assert.match(unwritten.text, /id="summary-error">Deze tekst bevat nog een invulplek/);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 0);

    const personal =
      'E-mail met het dossier van mevrouw (geboren 14-02-1961, tel. 06-12345678) naar een verkeerde ontvanger.';
    const flagged = await fileInitial(agent, page, { summary: personal });
    assert.equal(flagged.status, 400);
    assert.ok(flagged.text.includes(personal), 'the typed summary comes back');
    assert.match(flagged.text, /Geboortedatum: <mark>14-02-1961<\/mark>/);
    assert.match(flagged.text, /Telefoonnummer: <mark>06-12345678<\/mark>/);
    const fingerprint = /name="personalDataFingerprint" value="([0-9a-f]+)"/.exec(flagged.text)?.[1];
    assert.ok(fingerprint);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 0);

    const filed = await fileInitial(agent, page, {
      summary: personal,
      confirmPersonalData: 'yes',
      personalDataFingerprint: fingerprint,
    });
    assert.equal(filed.status, 303, filed.text.slice(0, 300));
    const stored = await AuthorityFiling.findOne({ incidentId: incident._id }).lean();
    const answers = (stored?.dossier as Dossier).sections.flatMap((x) => x.answers);
    assert.equal(answers.find((a) => a.id === 'summary')?.answer, personal);
    assert.ok(
      !JSON.stringify(stored?.dossier).includes(incident.summary),
      "the reporter's summary is not in the dossier",
    );
    const audit = await AuditEntry.findOne({ action: 'privacy.flags.confirmed', 'object.id': id }).lean();
    assert.deepEqual((audit?.details as Record<string, unknown> | undefined)?.kinds, {
      birthDate: 1,
      phone: 1,
    });

    // The follow-up form starts from what was filed, not from the reporter's text.
    const next = await agent.get(page);
    assert.ok(
      next.text.includes(
        `<textarea id="summary" name="summary" maxlength="5000" rows="5" aria-describedby="summary-hint">${personal}</textarea>`,
      ),
    );
  });

  it('when the withdrawal reason holds an IBAN, then it is flagged and the withdrawal needs an audited confirmation', async () => {
    const { incident, id, page } = await fixture();
    assert.equal((await fileInitial(agent, page)).status, 303);
    const reason = 'Geen datalek: de rekening NL91 ABNA 0417 1643 00 was van de organisatie zelf.';
    const refused = await postForm(agent, page, `${page}/withdrawal`, {
      submittedAt: '2026-01-06T12:40',
      reason,
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /Bankrekeningnummer: <mark>NL91 ABNA 0417 1643 00<\/mark>/);
    assert.ok(refused.text.includes(`>${reason}</textarea>`), 'the typed reason comes back');
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 1);
    const fingerprint = /name="personalDataFingerprint" value="([0-9a-f]+)"/g;
    const prints = [...refused.text.matchAll(fingerprint)].map((m) => m[1]);
    const ok = await postForm(agent, page, `${page}/withdrawal`, {
      submittedAt: '2026-01-06T12:40',
      reason,
      confirmPersonalData: 'yes',
      personalDataFingerprint: prints.at(-1),
    });
    assert.equal(ok.status, 303, ok.text.slice(0, 300));
    const audit = await AuditEntry.findOne({
      action: 'privacy.flags.confirmed',
      'object.id': id,
      'details.purpose': 'authority.withdrawal',
    }).lean();
    assert.deepEqual((audit?.details as Record<string, unknown> | undefined)?.kinds, { iban: 1 });
  });

  it('when the AP reference is missing, or the filing is after 72 hours without a reason, then the form comes back with messages and nothing is stored', async () => {
    const { incident, page } = await fixture();
    const noRef = await fileInitial(agent, page, { apReference: '' });
    assert.equal(noRef.status, 400);
    assert.match(noRef.text, /id="apReference-error">Vul dit veld in\./);
    t.clock.set('2026-01-09T12:00:00Z');
    const late = await fileInitial(agent, page, { submittedAt: '2026-01-09T12:30' });
    assert.equal(late.status, 400);
    assert.match(late.text, /id="reasonForDelay-error"/);
    assert.match(late.text, /value="M-2026-0001"/, 'the input is kept');
    const bad = await fileInitial(agent, page, { submittedAt: '2027-01-01T00:00', complete: 'maybe' });
    assert.equal(bad.status, 400);
    assert.match(bad.text, /id="complete-error"/);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 0);
    assert.equal(await DutyFulfilment.countDocuments({ incidentId: incident._id }), 0);

    const withReason = await fileInitial(agent, page, {
      submittedAt: '2026-01-09T12:30',
      reasonForDelay: 'Ontdekking via een derde in het weekend',
    });
    assert.equal(withReason.status, 303);
    const f = await AuthorityFiling.findOne({ incidentId: incident._id }).lean();
    assert.equal(f?.late, true);
    assert.equal(f?.reasonForDelay, 'Ontdekking via een derde in het weekend');
    assert.equal(answer(f.dossier as Dossier, 'lateReason'), 'Ontdekking via een derde in het weekend');
    const duty = await DutyFulfilment.findOne({ incidentId: incident._id }).lean();
    assert.equal(duty?.late, true);
    assert.equal(duty?.delayReason, 'Ontdekking via een derde in het weekend');
  });

  it('when the incident changes after the filing, then the filed copy stays as it was and the follow-up shows exactly the changed answers', async () => {
    const { incident, page } = await fixture();
    assert.equal((await fileInitial(agent, page)).status, 303);
    await Incident.updateOne({ _id: incident._id }, { $set: { subjectsCountMax: 55, recordsCount: 120 } });

    const preview = await agent.get(page);
    const previewRows = [...preview.text.matchAll(/<tr class="change-row" data-change="(\w+)">/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(previewRows, ['recordsCount', 'subjectsCountMax']);

    // Follow-ups have no clock of their own: after the 72 h no delay reason is asked.
    t.clock.set('2026-01-12T09:00:00Z');
    const res = await postForm(agent, page, `${page}/filings`, {
      kind: 'followup',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-12T09:30',
      complete: 'no',
    });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const [v1, v2] = await AuthorityFiling.find({ incidentId: incident._id }).sort({ version: 1 }).lean();
    assert.equal(v2?.version, 2);
    assert.equal(v2?.kind, 'followup');
    assert.equal(v2?.apReference, 'M-2026-0001', 'linked to the same AP reference');
    assert.equal(v2?.late, false);
    assert.deepEqual(
      v2?.changes.map((c) => ({
        id: c.id,
        section: c.section,
        before: c.before ?? null,
        after: c.after ?? null,
      })),
      [
        { id: 'recordsCount', section: 4, before: null, after: '120' },
        { id: 'subjectsCountMax', section: 5, before: '40', after: '55' },
      ],
    );
    assert.equal(answer(v1!.dossier as Dossier, 'subjectsCountMax'), '40', 'the first filing is unchanged');
    assert.equal(
      answer(v2.dossier as Dossier, 'notificationType'),
      'Vervolgmelding (aanvulling op een eerdere melding)',
    );
    assert.equal(answer(v2.dossier as Dossier, 'apReference'), 'M-2026-0001');
    assert.ok(
      await DutyFulfilment.exists({
        incidentId: incident._id,
        duty: 'authority_followup',
        ref: 'M-2026-0001',
      }),
    );
    assert.equal((await Incident.findById(incident._id).lean())?.status, 'ap_followup');

    const frozen = await agent.get(`${page}/filings/2`);
    assert.equal(frozen.status, 200);
    assert.deepEqual(
      [...frozen.text.matchAll(/data-change="(\w+)"/g)].map((m) => m[1]),
      ['recordsCount', 'subjectsCountMax'],
    );
    const frozenFirst = await agent.get(`${page}/filings/1/dossier.json`);
    assert.equal(answer(JSON.parse(frozenFirst.text) as Dossier, 'subjectsCountMax'), '40');
    assert.ok(
      await AuditEntry.exists({
        action: 'authority.filing.download',
        'object.id': String(incident._id),
        'details.version': 1,
      }),
    );
    // With nothing changed since, the next follow-up would change nothing.
    const again = await agent.get(page);
    assert.match(again.text, /Geen antwoorden gewijzigd\./);
  });

  it('when a withdrawal has no reason, then it is refused and nothing changes; with a reason every version stays', async () => {
    const { incident, id, page } = await fixture();
    assert.equal((await fileInitial(agent, page)).status, 303);
    const none = await postForm(agent, page, `${page}/withdrawal`, {
      submittedAt: '2026-01-06T12:40',
      reason: '   ',
    });
    assert.equal(none.status, 400);
    assert.match(none.text, /id="reason-error">Vul dit veld in\./);
    const missing = await postForm(agent, page, `${page}/withdrawal`, { submittedAt: '2026-01-06T12:40' });
    assert.equal(missing.status, 400);
    await assert.rejects(
      withdrawFiling(id, { submittedAt: new Date('2026-01-06T11:40:00Z'), reason: '' }, t.config, {
        user: officer,
        origin: { via: 'web' },
        now: t.clock.now(),
      }),
      (err: unknown) => err instanceof ValidationError && err.fields?.reason === 'field.required',
    );
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 1);
    assert.equal((await Incident.findById(incident._id).lean())?.status, 'ap_notified');

    const ok = await postForm(agent, page, `${page}/withdrawal`, {
      submittedAt: '2026-01-06T12:40',
      reason: 'Geen persoonsgegevens: de bijlage bleek leeg.',
    });
    assert.equal(ok.status, 303);
    const versions = await AuthorityFiling.find({ incidentId: incident._id }).sort({ version: 1 }).lean();
    assert.deepEqual(
      versions.map((v) => v.kind),
      ['initial', 'withdrawal'],
    );
    assert.equal(versions[1]?.withdrawalReason, 'Geen persoonsgegevens: de bijlage bleek leeg.');
    assert.equal(
      answer(versions[1].dossier as Dossier, 'withdrawalReason'),
      'Geen persoonsgegevens: de bijlage bleek leeg.',
    );
    assert.ok(
      await DutyFulfilment.exists({ incidentId: incident._id, duty: 'authority', outcome: 'cancelled' }),
    );
    assert.equal((await Incident.findById(incident._id).lean())?.status, 'withdrawn');
    assert.ok(await AuditEntry.exists({ action: 'authority.filing.withdraw', 'object.id': id }));
    const frozen = await agent.get(`${page}/filings/2`);
    assert.equal(frozen.status, 200);
    assert.match(frozen.text, /Versie 2: Ingetrokken/);
    assert.match(frozen.text, /Geen persoonsgegevens: de bijlage bleek leeg\./);
    assert.equal((await agent.get(`${page}/filings/3`)).status, 404);
    // Nothing can be added to a withdrawn notification.
    const more = await postForm(agent, `${page}/filings/1`, `${page}/filings`, {
      kind: 'followup',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-06T12:50',
      complete: 'yes',
    });
    assert.equal(more.status, 409);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 2);
  });

  it('when two officers record the initial filing from the same page, then one is stored and the other gets a conflict', async () => {
    const { incident, page } = await fixture();
    const other = await signIn(t.app, await makeUser('privacy_officer'));
    const [a, b] = await Promise.all([fileInitial(agent, page), fileInitial(other, page)]);
    assert.deepEqual([a.status, b.status].sort(), [303, 409]);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 1);
    assert.equal(await DutyFulfilment.countDocuments({ incidentId: incident._id, duty: 'authority' }), 1);
  });

  it('when a reporter opens the AP pages, then 403', async () => {
    const { page } = await fixture();
    const reporter = await signIn(t.app, await makeUser('reporter'));
    assert.equal((await reporter.get('/authority')).status, 403);
    assert.equal((await reporter.get(page)).status, 403);
  });
});

describe('http: consistency of filings', function () {
  this.timeout(60_000);
  it('when required answers are missing, then "complete" cannot be chosen: the form disables it and a posted "yes" is refused with a message, nothing stored', async () => {
    const t = await buildTestApp(TEST_ENV, '2026-01-06T12:00:00Z');
    const agent = await signIn(t.app, await makeUser('privacy_officer'));
    const incident = await makeIncident(); // the record count is not known yet
    await assessIncident(incident._id);
    const page = `/authority/incidents/${String(incident._id)}`;
    const form = await agent.get(page);
    assert.match(
      form.text,
      /<input type="radio" name="complete" value="yes" disabled aria-describedby="complete-blocked">/,
    );
    assert.match(form.text, /Volledig kiezen kan pas als alle verplichte antwoorden/);
    const events = await IncidentEvent.countDocuments({ incidentId: incident._id });
    const typed = {
      kind: 'initial',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-06T11:30',
      apReference: 'M-7',
      complete: 'yes',
      note: 'Mijn notitie',
    };
    const refused = await postForm(agent, page, `${page}/filings`, typed);
    assert.equal(refused.status, 400);
    assert.match(
      refused.text,
      /id="complete-error">De melding kan niet volledig zijn: er ontbreken nog verplichte antwoorden/,
    );
    assert.match(refused.text, /value="2026-01-06T11:30"/);
    assert.match(refused.text, />Mijn notitie<\/textarea>/);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 0);
    assert.equal(await DutyFulfilment.countDocuments({ incidentId: incident._id }), 0);
    assert.equal(await IncidentEvent.countDocuments({ incidentId: incident._id }), events);
    assert.equal((await Incident.findById(incident._id).lean())?.status, 'assessed');

    // Filed as incomplete, a follow-up cannot claim completeness while the answer is still missing …
    assert.equal((await postForm(agent, page, `${page}/filings`, { ...typed, complete: 'no' })).status, 303);
    const followup = await postForm(agent, page, `${page}/filings`, {
      kind: 'followup',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-06T11:45',
      complete: 'yes',
    });
    assert.equal(followup.status, 400);
    assert.match(followup.text, /id="complete-error"/);
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 1);
    // … and once it is known, it can.
    await Incident.updateOne({ _id: incident._id }, { $set: { recordsCount: 40 } });
    // (with the filer's direct phone, asked in the filing form itself, domain.md §8.1 section 1)
    const done = await postForm(agent, page, `${page}/filings`, {
      kind: 'followup',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-06T11:50',
      complete: 'yes',
      filerPhone: '06-12345678',
    });
    assert.equal(done.status, 303, done.text.slice(0, 300));
    const v2 = await AuthorityFiling.findOne({ incidentId: incident._id, version: 2 }).lean();
    assert.equal(v2?.complete, true);
    assert.deepEqual((v2?.dossier as Dossier).missing, []);
  });
});

describe('http: filing as processor', function () {
  this.timeout(60_000);
  it('when the organisation is a processor, then the dossier is prepared for the controller and the filing fulfils the controller duty', async () => {
    const t = await buildTestApp({ ...TEST_ENV, ORG_ROLE: 'processor' }, '2026-01-05T15:00:00Z');
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, officer);
    // Every required answer known (the record count too), so the filing can be complete.
    const incident = await makeIncident({ recordsCount: 40 });
    await assessIncident(incident._id, {
      duties: {
        register: true,
        notifyAuthority: false,
        informSubjects: false,
        notifyMinistry: true,
        publicCommunication: false,
        notifyController: true,
      },
    });
    const page = `/authority/incidents/${String(incident._id)}`;
    const html = await agent.get(page);
    assert.match(html.text, /Dossier voor de verwerkingsverantwoordelijke/);
    const dossier = JSON.parse((await agent.get(`${page}/dossier.json`)).text) as Dossier;
    assert.equal(dossier.recipient, 'controller');
    assert.equal(
      answer(dossier, 'preparedFor'),
      'De verwerkingsverantwoordelijke: Ministerie van Sociale Zaken en Werkgelegenheid (SZW) (wij zijn verwerker, art. 33 lid 2 AVG)',
    );
    assert.equal(answer(dossier, 'orgName'), 'Ministerie van Sociale Zaken en Werkgelegenheid (SZW)');
    assert.equal(
      answer(dossier, 'processor'),
      'Ja: Stichting Nederlands Migratie Instituut (verwerker, dient dit dossier in)',
    );
    assert.equal(
      answer(dossier, 'subjectsInformed'),
      'Dat beslist de verwerkingsverantwoordelijke (art. 33 lid 2 AVG)',
    );
    // As processor the clock is the contract's (the ministry deadline), not the AP's 72 hours.
    assert.equal(
      answer(dossier, 'lateReason'),
      'Niet van toepassing: gemeld binnen de termijn (uiterlijk 6 januari 2026 10:00 (UTC+01:00))',
    );
    const overview = await agent.get('/authority');
    assert.match(overview.text, new RegExp(incident.reference));

    const res = await postForm(agent, page, `${page}/filings`, {
      kind: 'initial',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-05T15:30',
      complete: 'yes',
      filerPhone: '06-12345678',
    });
    assert.equal(
      res.status,
      303,
      /error">[^<]*|<li><a href="#q-[^<]*/g.exec(res.text)?.join() ?? res.text.slice(0, 300),
    );
    const f = await AuthorityFiling.findOne({ incidentId: incident._id }).lean();
    assert.equal(f?.recipient, 'controller');
    assert.equal(f?.apReference ?? null, null);
    const duty = await DutyFulfilment.findOne({ incidentId: incident._id }).lean();
    assert.equal(duty?.duty, 'controller');
    assert.equal(duty?.complete, true);
  });
});
