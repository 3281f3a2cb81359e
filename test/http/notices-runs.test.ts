// Issue 7 items 3–6 through the pages: texts, preview with a real recipient, four-eyes approval,
// a template edit voiding the approval, start, live progress, letters (PDF, CSV, posted) and the
// public notice.
import assert from 'node:assert/strict';
import type request from 'supertest';
import { Types } from 'mongoose';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { createRun, saveRunTexts } from '../../server/notices/notice-runs.service.js';
import {
  completeTexts,
  ctxOf,
  insertPersons,
  makeIncident,
  preparedRun,
  TEST_CONTACT_KEY,
  testDomain,
  testLangCode,
} from '../helpers/notices.js';
import { createNoticeRunWorker } from '../../notifications/notice-run/notice-run-job.js';
import { runSnapshot } from '../../server/notices/run-events.js';
import { cancelRun } from '../../server/notices/notice-run-control.service.js';
import { latestTemplates } from '../../server/notices/notice-templates.service.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { NoticeLetterPosting } from '../../models/notice-letter-posting.model.js';

function textsForm(texts = completeTexts()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of texts)
    for (const [k, v] of Object.entries(t) as [string, string][])
      if (k !== 'lang') out[`texts[${t.lang}][${k}]`] = v;
  return out;
}

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

describe('http: notice runs', function () {
  this.timeout(60_000);
  let t: TestApp;
  const cleanup: { runId: string; by: Parameters<typeof ctxOf>[0] }[] = [];
  before(async () => {
    t = await buildTestApp({ ATTACHMENT_KEY: TEST_CONTACT_KEY });
  });
  after(async () => {
    for (const r of cleanup) {
      const s = await runSnapshot(r.runId);
      if (s && !['completed', 'cancelled'].includes(s.state))
        await cancelRun(r.runId, ctxOf(r.by, t.clock.now()));
    }
  });

  it('when an officer drafts a notice, then only another officer can approve it; a template edit voids the approval and the start is refused; after re-approval it starts and shows its progress', async () => {
    const a = await makeUser('privacy_officer', { name: 'Anna Auteur' });
    const b = await makeUser('privacy_officer', { name: 'Bram Tweede' });
    const incident = await makeIncident(a, t.clock.now());
    const id = String(incident._id);
    await insertPersons(
      incident._id,
      [
        {
          lang: 'nl',
          contact: {
            name: 'Fatima de Vries',
            email: `f@${testDomain()}`,
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
      ],
      a.id,
      t.clock.now(),
    );
    const agentA = await signIn(t.app, a);
    const agentB = await signIn(t.app, b);

    const created = await postForm(agentA, `/incidents/${id}/notices`, `/incidents/${id}/notices/runs`, {});
    assert.equal(created.status, 303);
    const runPath = created.headers.location!;
    const runId = runPath.split('/').pop()!;
    cleanup.push({ runId, by: b });
    const page = await agentA.get(runPath);
    assert.equal(page.status, 200);
    // Draft texts are neutral templates in Dutch and English, never the reporter's summary or the
    // assessment's jargon, and are not complete until the officer writes the placeholders.
    assert.doesNotMatch(
      page.text,
      /Een e-mail met adviesrapporten is naar een verkeerde ontvanger gestuurd\./,
    );
    assert.doesNotMatch(page.text, /NAW-gegevens|buitenlands equivalent/);
    assert.match(page.text, /Het gaat om uw naam en adres en uw burgerservicenummer\. \[\[Controleer/);
    assert.match(page.text, /\[\[Beschrijf in eenvoudige woorden wat er is gebeurd/);
    assert.match(page.text, /\[\[Describe in plain words what happened/);
    assert.doesNotMatch(page.text, /badge ok">compleet/);
    const unwritten = await postForm(agentB, runPath, `${runPath}/approve`, {});
    assert.equal(unwritten.status, 400);
    assert.match(unwritten.text, /nog een invulplek tussen \[\[ en \]\]/);
    assert.equal((await runSnapshot(runId))?.state, 'draft');

    assert.equal((await postForm(agentA, runPath, `${runPath}/texts`, textsForm())).status, 303);
    const own = await postForm(agentA, runPath, `${runPath}/approve`, {});
    assert.equal(own.status, 409);
    assert.match(own.text, /Een andere privacyfunctionaris moet haar goedkeuren/);
    const early = await postForm(agentB, runPath, `${runPath}/start`, {
      concurrency: '5',
      ratePerSecond: '0',
      failureThreshold: '50',
    });
    assert.equal(early.status, 409);
    assert.match(early.text, /niet goedgekeurd/);

    // The preview shows a real recipient's name, and is audit-logged.
    const preview = await agentB.get(`${runPath}/preview?lang=nl`);
    assert.equal(preview.status, 200);
    assert.match(preview.text, /Zoals Fatima de Vries het krijgt/);
    assert.match(preview.text, /Beste Fatima de Vries,/);
    assert.match(preview.text, /NL: wat er gebeurde/);
    assert.ok(await AuditEntry.exists({ action: 'notice.run.preview', 'object.id': runId }));

    assert.equal((await postForm(agentB, runPath, `${runPath}/approve`, {})).status, 303);
    const approved = await agentB.get(runPath);
    assert.match(approved.text, /Goedgekeurd/);
    assert.match(approved.text, /Vastgelegde versies: sjablonen Engels versie \d+, Nederlands versie \d+/);
    // Languages by their Dutch names on a Dutch page (issue 14 item 1).
    assert.match(approved.text, /Voorbeeld in het Engels</);
    assert.doesNotMatch(approved.text, /Voorbeeld in het English/);

    // An admin edits the Dutch template: the run page warns, and the start voids the approval.
    const admin = await signIn(t.app, await makeUser('admin'));
    const nl = (await latestTemplates(t.clock.now())).get('nl')!;
    const saved = await postForm(admin, '/admin/notice-templates/nl', '/admin/notice-templates/nl', {
      action: 'save',
      langName: nl.langName,
      subject: nl.subject,
      body: `${nl.body}\nMet dank voor uw begrip.\n`,
    });
    assert.equal(saved.status, 303);
    assert.match((await agentB.get(runPath)).text, /Een sjabloon is gewijzigd na de goedkeuring/);
    const refused = await postForm(agentB, runPath, `${runPath}/start`, {
      concurrency: '5',
      ratePerSecond: '0',
      failureThreshold: '50',
    });
    assert.equal(refused.status, 409);
    assert.equal((await runSnapshot(runId))?.state, 'draft');

    assert.equal((await postForm(agentB, runPath, `${runPath}/approve`, {})).status, 303);
    const bad = await postForm(agentB, runPath, `${runPath}/start`, {
      concurrency: '0',
      ratePerSecond: 'x',
      failureThreshold: '50',
    });
    assert.equal(bad.status, 400);
    assert.equal(
      (
        await postForm(agentB, runPath, `${runPath}/start`, {
          concurrency: '3',
          ratePerSecond: '10',
          failureThreshold: '20',
        })
      ).status,
      303,
    );
    const s = await runSnapshot(runId);
    assert.equal(s?.state, 'sending');
    assert.deepEqual(s?.settings, { concurrency: 3, ratePerSecond: 10, failureThreshold: 20 });

    // While sending, the texts are locked; the progress page works without JavaScript and as JSON.
    assert.equal((await postForm(agentA, runPath, `${runPath}/texts`, textsForm())).status, 409);
    const progress = await agentA.get(`${runPath}/progress`);
    assert.equal(progress.status, 200);
    assert.match(progress.text, /Wordt verzonden/);
    assert.match(progress.text, /href="\/notices\/runs\/[0-9a-f]{24}\/progress">Vernieuwen/);
    assert.doesNotMatch(progress.text, /http-equiv="refresh"/);
    const json = await agentA.get(`${runPath}/progress.json`).set('Accept', 'application/json');
    const progressBody = json.body as { state: string; figures: { id: string }[] };
    assert.equal(progressBody.state, 'sending');
    assert.ok(progressBody.figures.some((f) => f.id === 'sent'));

    // Pause, then cancel.
    assert.equal((await postForm(agentA, runPath, `${runPath}/pause`, {})).status, 303);
    assert.equal((await runSnapshot(runId))?.state, 'paused');
    assert.equal((await postForm(agentA, runPath, `${runPath}/cancel`, {})).status, 303);
    assert.equal((await runSnapshot(runId))?.state, 'cancelled');
    for (const action of [
      'notice.run.approve',
      'notice.run.start',
      'notice.run.pause',
      'notice.run.cancel',
    ]) {
      assert.ok(await AuditEntry.exists({ action, 'object.id': runId }), action);
    }
  });

  it('when the texts name an affected person or hold a BSN, then the run page flags them inline and the approval needs an audited confirmation of those flags', async () => {
    const a = await makeUser('privacy_officer', { name: 'Anna Auteur' });
    const b = await makeUser('privacy_officer', { name: 'Bram Tweede' });
    const incident = await makeIncident(a, t.clock.now());
    const id = String(incident._id);
    await insertPersons(
      incident._id,
      [
        {
          lang: 'nl',
          contact: {
            name: 'Jan de Vries',
            email: `j@${testDomain()}`,
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
      ],
      a.id,
      t.clock.now(),
    );
    const agentA = await signIn(t.app, a);
    const agentB = await signIn(t.app, b);
    const created = await postForm(agentA, `/incidents/${id}/notices`, `/incidents/${id}/notices/runs`, {});
    const runPath = created.headers.location!;
    const runId = runPath.split('/').pop()!;
    cleanup.push({ runId, by: b });
    const texts = completeTexts();
    texts[0]!.whatHappened =
      'Het dossier van cliënt J. de Vries (BSN 111222333) is naar een verkeerde ontvanger gestuurd.';
    assert.equal((await postForm(agentA, runPath, `${runPath}/texts`, textsForm(texts))).status, 303);

    const page = await agentB.get(runPath);
    assert.match(page.text, /id="t-nl-whatHappened-flags"/);
    assert.match(page.text, /Naam van een betrokkene: <mark>J\. de Vries<\/mark>/);
    assert.match(page.text, /Burgerservicenummer: <mark>111222333<\/mark>/);
    const fingerprint = /name="personalDataFingerprint" value="([0-9a-f]+)"/.exec(page.text)?.[1];
    assert.ok(fingerprint, 'the approve form asks to confirm the flags');

    const unconfirmed = await postForm(agentB, runPath, `${runPath}/approve`, {});
    assert.equal(unconfirmed.status, 400);
    assert.match(unconfirmed.text, /id="confirmPersonalData-error">De tekst bevat mogelijk persoonsgegevens/);
    assert.equal((await runSnapshot(runId))?.state, 'draft');

    const approved = await postForm(agentB, runPath, `${runPath}/approve`, {
      confirmPersonalData: 'yes',
      personalDataFingerprint: fingerprint,
    });
    assert.equal(approved.status, 303);
    assert.equal((await runSnapshot(runId))?.state, 'approved');
    const audit = await AuditEntry.findOne({ action: 'privacy.flags.confirmed', 'object.id': runId }).lean();
    assert.ok(audit, 'the confirmation is audited');
    assert.deepEqual((audit.details as Record<string, unknown>).kinds, { name: 1, bsn: 1 });
    assert.ok(!JSON.stringify(audit).includes('111222333'));
  });

  it('when the public text holds an e-mail address, then recording the publication needs an audited confirmation and keeps what was typed', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident(officer, t.clock.now());
    const texts = completeTexts();
    texts[0]!.advice = 'Vragen? Mail naar p.jansen@example.net.';
    const run = await createRun(String(incident._id), ctxOf(officer, t.clock.now()));
    const runId = String(run._id);
    await saveRunTexts(runId, texts, ctxOf(officer, t.clock.now()));
    cleanup.push({ runId, by: officer });
    const agent = await signIn(t.app, officer);
    const base = `/notices/runs/${runId}`;
    const page = await agent.get(`${base}/public`);
    assert.match(page.text, /E-mailadres: <mark>p\.jansen@example\.net<\/mark>/);
    const fingerprint = /name="personalDataFingerprint" value="([0-9a-f]+)"/.exec(page.text)?.[1];
    assert.ok(fingerprint);
    const refused = await postForm(agent, `${base}/public`, `${base}/public`, {
      where: 'Website, nieuwspagina',
      publishedAt: '2026-03-04T10:00',
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, />Website, nieuwspagina<\/textarea>/);
    assert.match(refused.text, /id="confirmPersonalData-error"/);
    const ok = await postForm(agent, `${base}/public`, `${base}/public`, {
      where: 'Website, nieuwspagina',
      publishedAt: '2026-03-04T10:00',
      confirmPersonalData: 'yes',
      personalDataFingerprint: fingerprint,
    });
    assert.equal(ok.status, 303);
    const audit = await AuditEntry.findOne({
      action: 'privacy.flags.confirmed',
      'object.id': runId,
      'details.purpose': 'notice.public',
    }).lean();
    assert.deepEqual((audit?.details as Record<string, unknown> | undefined)?.kinds, { email: 1 });
  });

  it('when saving texts fails, then the typed texts come back with their flags', async () => {
    const a = await makeUser('privacy_officer');
    const incident = await makeIncident(a, t.clock.now());
    const id = String(incident._id);
    const agentA = await signIn(t.app, a);
    const created = await postForm(agentA, `/incidents/${id}/notices`, `/incidents/${id}/notices/runs`, {});
    const runPath = created.headers.location!;
    cleanup.push({ runId: runPath.split('/').pop()!, by: a });
    const form = textsForm();
    form['texts[nl][measures]'] = 'Bel ons gerust op 06-12345678.';
    form['texts[nl][advice]'] = 'x'.repeat(5001);
    const res = await postForm(agentA, runPath, `${runPath}/texts`, form);
    assert.equal(res.status, 400);
    assert.match(res.text, />Bel ons gerust op 06-12345678\.<\/textarea>/);
    assert.match(res.text, /Telefoonnummer: <mark>06-12345678<\/mark>/);
  });

  it('when some recipients have no e-mail and one e-mail fails for good, then they get the same text as letters (PDF and CSV), posting is recorded, and the public notice can be recorded', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident(officer, t.clock.now());
    const domain = testDomain();
    await insertPersons(
      incident._id,
      [
        {
          lang: 'nl',
          contact: {
            name: 'Piet Post',
            email: null,
            addressLines: ['Laan 5'],
            postcode: '9999 ZZ',
            city: 'Groningen',
            country: '',
          },
        },
        {
          lang: 'tr',
          contact: {
            name: 'Ayşe Yılmaz',
            email: `fails@${domain}`,
            addressLines: ['Cadde 1'],
            postcode: '34000',
            city: 'İstanbul',
            country: 'Türkiye',
          },
        },
        {
          lang: 'en',
          contact: {
            name: 'John Smith',
            email: `ok@${domain}`,
            addressLines: [],
            postcode: '',
            city: '',
            country: '',
          },
        },
      ],
      officer.id,
      t.clock.now(),
    );
    const { runId, approver } = await preparedRun(incident, t.clock.now());
    cleanup.push({ runId, by: approver });
    // The first e-mail sent is refused for good (persons are stored in this order).
    t.mail.failNext('permanent', 1, 550);
    await createNoticeRunWorker(t.deps, t.mail, { pageSize: 10 }).runOnce();
    assert.equal((await runSnapshot(runId))?.state, 'completed');
    const agent = await signIn(t.app, approver);
    const base = `/notices/runs/${runId}`;

    const letters = await agent.get(`${base}/letters`);
    assert.equal(letters.status, 200);
    assert.match(letters.text, /Nog te versturen<\/dt><dd>2</);
    // The posting date starts as today's Dutch calendar day.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(t.clock.now());
    assert.match(letters.text, new RegExp(`name="postedOn" type="date" value="${today}"`));

    const csv = await agent.get(`${base}/letters.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.text, /"Piet Post";"Laan 5";"";"";"9999 ZZ";"Groningen";"";"nl";"Geen e-mailadres"/);
    assert.match(
      csv.text,
      /"Ayşe Yılmaz";"Cadde 1";"";"";"34000";"İstanbul";"Türkiye";"tr";"E-mail mislukt"/,
    );
    assert.doesNotMatch(csv.text, /John Smith/);

    const pdf = await agent.get(`${base}/letters.pdf`).buffer(true).parse(binary);
    assert.equal(pdf.status, 200);
    const bytes = pdf.body as Buffer;
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    assert.ok(
      (bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length >= 2,
      'one page or more per letter',
    );
    assert.ok(
      await AuditEntry.exists({
        action: 'notice.letters.download',
        'object.id': runId,
        'details.what': 'pdf',
        'details.count': 2,
      }),
    );

    const posted = await postForm(agent, `${base}/letters`, `${base}/letters/posted`, {
      postedOn: '2026-03-03',
    });
    assert.equal(posted.status, 303);
    const record = await NoticeLetterPosting.findOne({ runId: new Types.ObjectId(runId) }).lean();
    assert.equal(record?.count, 2);
    assert.equal(record?.postedOn.toISOString().slice(0, 10), '2026-03-03');
    assert.match((await agent.get(`${base}/letters`)).text, /Nog te versturen<\/dt><dd>0</);

    // The public communication: the same templates and texts, no personal salutation.
    const pub = await agent.get(`${base}/public`);
    assert.equal(pub.status, 200);
    assert.match(pub.text, /Beste cliënt,/);
    assert.match(pub.text, /Dear client,/);
    const missing = await postForm(agent, `${base}/public`, `${base}/public`, { where: '', publishedAt: '' });
    assert.equal(missing.status, 400);
    const rec = await postForm(agent, `${base}/public`, `${base}/public`, {
      where: 'https://www.nmigratie.nl/datalek',
      publishedAt: '2026-03-04T10:00',
    });
    assert.equal(rec.status, 303);
    const duty = await DutyFulfilment.findOne({ incidentId: incident._id, duty: 'public' }).lean();
    assert.equal(duty?.at.toISOString(), '2026-03-04T09:00:00.000Z');
    assert.match((await agent.get(`${base}/public`)).text, /https:\/\/www.nmigratie.nl\/datalek/);

    // The register entry records the run: counts per channel and status, template versions, dates.
    const entry = await agent.get(`/incidents/${String(incident._id)}`);
    assert.equal(entry.status, 200);
    assert.match(entry.text, /Berichten aan betrokkenen/);
    assert.match(entry.text, /1 zonder e-mail, 1 na mislukte e-mail, 2 gepost/);
    assert.match(entry.text, /1 verstuurd, 1 mislukt, 0 wachtend, 0 opnieuw/);
    assert.match(entry.text, /<td>Verzonden<\/td>/);
    assert.match(entry.text, /Openbare mededeling: https:\/\/www.nmigratie.nl\/datalek/);
    assert.doesNotMatch(entry.text, /Piet Post|Laan 5/);
  });

  it('when an admin edits a template, then partials and unknown fields are refused, the preview saves nothing, and a new language starts from the English text', async () => {
    const admin = await signIn(t.app, await makeUser('admin'));
    const en = (await latestTemplates(t.clock.now())).get('en')!;
    const list = await admin.get('/admin/notice-templates');
    assert.equal(list.status, 200);
    assert.match(list.text, /Nederlands \(nl\)/);
    const partial = await postForm(admin, '/admin/notice-templates/en', '/admin/notice-templates/en', {
      action: 'save',
      langName: 'English',
      subject: en.subject,
      body: '{{> evil}}',
    });
    assert.equal(partial.status, 400);
    assert.match(partial.text, /Partials en decorators zijn niet toegestaan/);
    const unknown = await postForm(admin, '/admin/notice-templates/en', '/admin/notice-templates/en', {
      action: 'save',
      langName: 'English',
      subject: en.subject,
      body: 'Dear {{recipient.adress}}',
    });
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /onbekend veld/);
    const preview = await postForm(admin, '/admin/notice-templates/en', '/admin/notice-templates/en', {
      action: 'preview',
      langName: 'English',
      subject: en.subject,
      body: 'Dear {{recipient.name}}, <b>look</b>',
    });
    assert.equal(preview.status, 200);
    assert.match(preview.text, /Dear Fatima de Vries, &lt;b&gt;look&lt;\/b&gt;/);
    // A preview without problems shows no error banner (issue 14 item 8).
    assert.doesNotMatch(preview.text, /class="error-summary"/);
    assert.equal(
      (await latestTemplates(t.clock.now())).get('en')!.version,
      en.version,
      'a preview saves nothing',
    );
    const json = await admin
      .post('/admin/notice-templates/en/preview.json')
      .type('form')
      .set('Accept', 'application/json')
      .send({
        _csrf: (/name="_csrf" value="([^"]+)"/.exec(preview.text) ?? [])[1],
        subject: 'S {{incident.reference}}',
        body: '## Kop\nTekst',
      });
    assert.equal(json.status, 200);
    const previewBody = json.body as { preview: { subject: string; blocks: unknown[] } };
    assert.equal(previewBody.preview.subject, 'S DL-2026-0001');
    assert.deepEqual(previewBody.preview.blocks[0], { kind: 'heading', lines: ['Kop'] });
    // Issue 11 item 3: the live preview applies the same bounds as saving, before compiling.
    const csrf = (/name="_csrf" value="([^"]+)"/.exec(preview.text) ?? [])[1];
    const nested = (n: number) => '{{#if notice.measures}}'.repeat(n) + 'x' + '{{/if}}'.repeat(n);
    const previewJson = (body: string) =>
      admin
        .post('/admin/notice-templates/en/preview.json')
        .type('form')
        .set('Accept', 'application/json')
        .send({ _csrf: csrf, subject: 'S', body });
    // The 83 KB template of the report does not even reach the server's form parser (413).
    assert.equal((await previewJson(nested(4500))).status, 413);
    const long = await previewJson('Tekst '.repeat(3500));
    assert.equal(long.status, 200);
    assert.deepEqual(long.body, { ok: false, problems: { body: 'notices.template.tooLong' }, preview: null });
    const deep = await previewJson(nested(600));
    assert.deepEqual(deep.body, {
      ok: false,
      problems: { body: 'notices.template.tooComplex' },
      preview: null,
    });

    const code = testLangCode();
    const added = await postForm(admin, '/admin/notice-templates', '/admin/notice-templates', {
      lang: code,
      langName: 'Testtaal',
    });
    assert.equal(added.status, 303);
    const tpl = (await latestTemplates(t.clock.now())).get(code)!;
    assert.equal(tpl.version, 1);
    assert.equal(tpl.body, (await latestTemplates(t.clock.now())).get('en')!.body);
    const again = await postForm(admin, '/admin/notice-templates', '/admin/notice-templates', {
      lang: code,
      langName: 'Testtaal',
    });
    assert.equal(again.status, 400);
    assert.match(again.text, /Deze taal bestaat al/);
    const reporter = await signIn(t.app, await makeUser('reporter'));
    assert.equal((await reporter.get('/admin/notice-templates')).status, 403);
  });
});

export type { Agent };
