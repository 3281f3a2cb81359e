// The AP dossier (issue "must hold"): every section of domain.md §8.1 with the expected values
// (snapshot of the JSON), the PDF, the page with copy buttons and missing answers, and the audit.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { signIn } from '../helpers/http.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import {
  assessIncident,
  makeIncident,
  MEASURES,
  TEST_ENV,
} from '../integration/authority/authority-fixtures.js';
import { pdfTextLines } from '../integration/authority/pdf-text.js';
import type { Dossier } from '../../server/authority/dossier.js';

type Row = [id: string, answer: string | null, missing: boolean];

function snapshot(d: Dossier): Array<{ number: number; title: string; answers: Row[] }> {
  return d.sections.map((s) => ({
    number: s.number,
    title: s.title,
    answers: s.answers.map((a): Row => [a.id, a.answer, a.missing]),
  }));
}

function expected(
  reference: string,
  officer: { name: string; email: string },
): Array<{ number: number; title: string; answers: Row[] }> {
  return [
    {
      number: 0,
      title: 'Over deze melding',
      answers: [
        ['notificationType', 'Nieuwe melding', false],
        ['preparedFor', 'Autoriteit Persoonsgegevens (meldformulier datalekken)', false],
        ['legalBasis', 'AVG (Algemene verordening gegevensbescherming), artikel 33', false],
        ['apReference', 'Niet van toepassing (nieuwe melding)', false],
        ['complete', 'Nee, er volgt een vervolgmelding met de ontbrekende informatie', false],
      ],
    },
    {
      number: 1,
      title: 'Contactgegevens en algemene informatie',
      answers: [
        ['orgName', 'Stichting Nederlands Migratie Instituut', false],
        ['orgAddress', 'Catharijnesingel 50, 3511 GC Utrecht', false],
        ['orgSector', 'Maatschappelijke dienstverlening', false],
        ['orgRegistration', null, false],
        ['filerName', officer.name, false],
        ['filerFunction', 'Privacyfunctionaris', false],
        // The filer's own direct number is typed in the filing form: missing until then (§8.1).
        ['filerPhone', null, true],
        ['filerEmail', officer.email, false],
        ['contactName', 'Functionaris gegevensbescherming NMI', false],
        ['contactEmail', 'nmi@nmigratie.nl', false],
        ['contactPhone', '030-1234567', false],
        ['processor', 'Nee', false],
      ],
    },
    {
      number: 2,
      title: 'Tijdlijn',
      answers: [
        ['occurred', 'Van 5 januari 2026 09:15 (UTC+01:00) tot 5 januari 2026 09:20 (UTC+01:00)', false],
        ['ongoing', 'Nee', false],
        ['discoveredAt', '5 januari 2026 10:00 (UTC+01:00)', false],
        ['awarenessAt', '5 januari 2026 11:00 (UTC+01:00)', false],
        [
          'lateReason',
          'Niet van toepassing: gemeld binnen de termijn (uiterlijk 8 januari 2026 11:00 (UTC+01:00))',
          false,
        ],
      ],
    },
    {
      number: 3,
      title: 'Over het datalek',
      answers: [
        // The reporter's summary is internal: the officer writes the AP's in the filing form.
        ['summary', null, true],
        ['cause', 'E-mail naar verkeerde ontvanger', false],
        ['nature', 'Lezen', false],
        ['breachTypes', 'Vertrouwelijkheid', false],
      ],
    },
    {
      number: 4,
      title: 'Welke persoonsgegevens',
      answers: [
        [
          'dataCategories',
          'NAW-gegevens; BSN (of buitenlands equivalent); Financiële gegevens (rekening, inkomen, uitkering, pensioen, kaart)',
          false,
        ],
        ['specialCategories', 'Geen', false],
        ['dataDetail', 'Naam, BSN, pensioen- en uitkeringsbedragen', false],
        ['recordsCount', null, true],
      ],
    },
    {
      number: 5,
      title: 'Betrokkenen',
      answers: [
        ['subjectCategories', 'Klanten', false],
        ['subjectsCountMin', '40', false],
        ['subjectsCountMax', '40', false],
        ['vulnerable', 'Ja', false],
      ],
    },
    {
      number: 6,
      title: 'Maatregelen vóór het datalek',
      answers: [
        ['unintelligibility', 'Geen beveiliging', false],
        [
          'protectionPerCategory',
          'Geen beveiliging: NAW-gegevens; BSN (of buitenlands equivalent); Financiële gegevens (rekening, inkomen, uitkering, pensioen, kaart)',
          false,
        ],
        ['protectionMethod', null, false],
        ['measuresBefore', null, false],
        ['systemsInvolved', 'Outlook', false],
      ],
    },
    {
      number: 7,
      title: 'Gevolgen',
      answers: [
        ['confidentiality', 'Bekende, beperkte groep ontvangers', false],
        ['integrity', 'Niet van toepassing', false],
        ['availability', 'Niet van toepassing', false],
        ['consequences', '(Identiteits)fraude; Spam of phishing', false],
        ['severity', 'Hoog risico; ENISA-ernstscore 3,25 (Hoog)', false],
      ],
    },
    {
      number: 8,
      title: 'Vervolgacties',
      answers: [
        [
          'subjectsInformed',
          'Nog niet; gepland: er is een hoog risico voor de betrokkenen (art. 34 AVG)',
          false,
        ],
        ['measuresTaken', MEASURES, false],
        ['otherCountries', 'Nee', false],
        ['crossBorder', null, false],
        ['otherAuthorities', null, false],
      ],
    },
    {
      number: 9,
      title: 'Overig',
      answers: [
        ['otherReports', null, false],
        ['ownReference', reference, false],
        ['fgAdvice', null, false],
        ['decision', null, false],
      ],
    },
  ];
}

describe('http: the AP dossier', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(TEST_ENV, '2026-01-06T12:00:00Z');
  });

  it('when the JSON is downloaded for the fixture incident, then every section 0–9 holds the expected answers and the missing one is flagged', async () => {
    const officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const agent = await signIn(t.app, officer);
    const res = await agent.get(`/authority/incidents/${String(incident._id)}/dossier.json`);
    assert.equal(res.status, 200, res.text.slice(0, 300));
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.match(
      String(res.headers['content-disposition']),
      new RegExp(`attachment; filename="?ap-dossier-${incident.reference}\\.json"?$`),
    );
    const dossier = JSON.parse(res.text) as Dossier;
    assert.equal(dossier.format, 'meldpunt/ap-dossier@1');
    assert.equal(dossier.recipient, 'authority');
    assert.equal(dossier.incidentReference, incident.reference);
    assert.equal(dossier.generatedAt, '2026-01-06T12:00:00.000Z');
    assert.deepEqual(snapshot(dossier), expected(incident.reference, officer));
    assert.deepEqual(dossier.missing, [
      { id: 'filerPhone', section: 1, question: 'Telefoonnummer van de indiener' },
      { id: 'summary', section: 3, question: 'Samenvatting van het incident' },
      { id: 'recordsCount', section: 4, question: 'Aantal gegevensrecords (bij benadering)' },
    ]);
    for (const s of dossier.sections)
      for (const a of s.answers) assert.ok(a.question.length > 3, `question text for ${a.id}`);
    const audit = await AuditEntry.findOne({
      action: 'authority.dossier.download',
      'object.id': String(incident._id),
    }).lean();
    assert.ok(audit, 'the download is audit-logged');
    assert.equal(audit.actor?.id, officer.id);
    assert.deepEqual(audit.details, { format: 'json', lang: 'nl' });
  });

  it('when the PDF is downloaded, then it is a PDF with the Dutch sections, answers and the missing flag', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const agent = await signIn(t.app, officer);
    const res = await agent
      .get(`/authority/incidents/${String(incident._id)}/dossier.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const pdf = res.body as Buffer;
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.match(pdf.subarray(-8).toString('latin1'), /%%EOF/);
    const lines = pdfTextLines(pdf);
    for (const text of [
      `AP-dossier ${incident.reference}`,
      '0. Over deze melding',
      '1. Contactgegevens en algemene informatie',
      '2. Tijdlijn',
      '3. Over het datalek',
      '4. Welke persoonsgegevens',
      '5. Betrokkenen',
      '6. Maatregelen vóór het datalek',
      '7. Gevolgen',
      '8. Vervolgacties',
      '9. Overig',
      'E-mail naar verkeerde ontvanger',
      'Hoog risico; ENISA-ernstscore 3,25 (Hoog)',
      'Ontbreekt – nog uitzoeken',
      // The summary, the record count and the filer's direct phone.
      'Let op: 3 verplichte antwoorden ontbreken nog.',
    ]) {
      assert.ok(lines.includes(text), `PDF lacks the line "${text}"`);
    }
    // The dossier holds free text (the reporter's data detail, the measures): the header does not
    // claim it is free of affected persons' data.
    const all = lines.join(' ');
    assert.doesNotMatch(all, /Bevat geen persoonsgegevens van betrokkenen/);
    assert.match(
      all,
      /Vertrouwelijk\. Bevat vrije tekst uit de melding en de afhandeling; die kan persoonsgegevens van betrokkenen bevatten\./,
    );
    assert.ok(
      await AuditEntry.exists({
        action: 'authority.dossier.download',
        'object.id': String(incident._id),
        'details.format': 'pdf',
      }),
    );
  });

  it('when free text in the dossier holds a BSN, then the PDF header says so and names the answer', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident({ dataDetail: 'BSN 123456782 van een cliënt' });
    await assessIncident(incident._id);
    const agent = await signIn(t.app, officer);
    const res = await agent
      .get(`/authority/incidents/${String(incident._id)}/dossier.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const all = pdfTextLines(res.body as Buffer).join(' ');
    assert.doesNotMatch(all, /Bevat geen persoonsgegevens/);
    assert.match(
      all,
      /Vertrouwelijk\. Bevat persoonsgegevens van betrokkenen of lijkt die te bevatten, in: Toelichting/,
    );
  });

  it('when the dossier page is opened, then every answer has a copy button, the missing answer is listed and the view is audit-logged', async () => {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident({ summary: 'Lek <script>alert(1)</script> & meer' });
    await assessIncident(incident._id);
    const agent = await signIn(t.app, officer);
    const res = await agent.get(`/authority/incidents/${String(incident._id)}`);
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`AP-dossier ${incident.reference}`));
    // The reporter's summary is not copied into the dossier or the filing form; the form starts
    // from a neutral draft the officer writes.
    assert.doesNotMatch(res.text, /Lek &lt;script&gt;|<script>alert/);
    assert.match(res.text, /id="q-summary"[\s\S]*?Ontbreekt – nog uitzoeken/);
    assert.match(
      res.text,
      /<textarea id="summary" name="summary"[^>]*>Op 5 januari 2026 hebben wij een datalek ontdekt\. \[\[Beschrijf/,
    );
    const answered = [...res.text.matchAll(/class="dossier-answer" id="a-(\w+)"/g)].map((m) => m[1]);
    const buttons = [...res.text.matchAll(/data-copy="#a-(\w+)"/g)].map((m) => m[1]);
    assert.ok(answered.length >= 35, `answers shown: ${answered.length}`);
    assert.deepEqual(buttons, answered, 'one copy button per answer');
    assert.match(res.text, /<a href="#q-recordsCount">4\. Aantal gegevensrecords \(bij benadering\)<\/a>/);
    assert.match(res.text, /id="q-recordsCount"[\s\S]*?Ontbreekt – nog uitzoeken/);
    // In section order 0…9.
    const order = [...res.text.matchAll(/<h2 id="dossier-s(\d)">/g)].map((m) => Number(m[1]));
    assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.ok(
      await AuditEntry.exists({
        action: 'authority.dossier.view',
        'object.id': String(incident._id),
        'actor.id': officer.id,
      }),
    );
  });

  it('when the UI is English, then the page and JSON speak English while the PDF stays Dutch', async () => {
    const officer = await makeUser('privacy_officer', { language: 'en' });
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const agent = await signIn(t.app, officer);
    const page = await agent.get(`/authority/incidents/${String(incident._id)}`);
    assert.match(page.text, /About this notification/);
    assert.match(page.text, /E-mail sent to the wrong recipient/);
    const json = JSON.parse(
      (await agent.get(`/authority/incidents/${String(incident._id)}/dossier.json`)).text,
    ) as Dossier;
    assert.equal(json.lang, 'en');
    assert.equal(
      json.sections[3]!.answers.find((a) => a.id === 'cause')!.answer,
      'E-mail sent to the wrong recipient',
    );
  });

  it('when the incident id is malformed or unknown, then 404', async () => {
    const officer = await makeUser('privacy_officer');
    const agent = await signIn(t.app, officer);
    assert.equal((await agent.get('/authority/incidents/not-an-id')).status, 404);
    assert.equal((await agent.get('/authority/incidents/0123456789abcdef01234567')).status, 404);
    assert.equal((await agent.get('/authority/incidents/0123456789abcdef01234567/dossier.xml')).status, 404);
  });
});
