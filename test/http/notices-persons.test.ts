// Issue 7 item 1: the list of affected persons — streamed CSV import (UTF-8 ± BOM, `,` or `;`, Dutch
// or English headers) with a row-by-row error report and duplicate detection, manual add and edit,
// contact data sealed at rest, every access audit-logged, and privacy officers only.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { makeIncident } from '../helpers/notices.js';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { NoticeImport } from '../../models/notice-import.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';

async function upload(agent: Agent, incidentId: string, content: Buffer | string, name = 'lijst.csv') {
  const token = await csrfToken(agent, `/incidents/${incidentId}/notices`);
  return agent
    .post(`/incidents/${incidentId}/notices/import`)
    .field('_csrf', token)
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name);
}

describe('http: affected persons list', function () {
  this.timeout(60_000);
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });

  async function setUp() {
    const officer = await makeUser('privacy_officer');
    const incident = await makeIncident(officer, t.clock.now());
    return { officer, incident, id: String(incident._id), agent: await signIn(t.app, officer) };
  }

  it('when a Dutch spreadsheet export (BOM, semicolons, Dutch headers) is uploaded, then valid rows are stored sealed, bad rows and duplicates are reported by row and column, and the upload is audited', async () => {
    const { id, agent, incident } = await setUp();
    const csv =
      '\uFEFFNaam;E-mailadres;Taal;Adres;Postcode;Woonplaats;Land;Opmerking\r\n' +
      'Fatima de Vries;fatima@example.test;Nederlands;Dorpsstraat 1;1234 AB;Utrecht;;vip\r\n' +
      'Jan Jansen;geen-adres;nl;;;;;\r\n' +
      ';leeg@example.test;en;;;;;\r\n' +
      'Ayşe Yılmaz;ayse@example.test;tr;;;;;\r\n' +
      'Fatima de Vries;FATIMA@example.test;nl;;;;;\r\n' +
      'Piet Post;;nl;Laan 5;9999 ZZ;Groningen;;\r\n' +
      'Klaas Klingon;klaas@example.test;tlh-xx-yy;;;;;\r\n';
    const res = await upload(agent, id, csv);
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const page = await agent.get(res.headers.location!);
    assert.equal(page.status, 200);
    assert.match(page.text, /Geen geldig e-mailadres/);
    const imp = await NoticeImport.findOne({ incidentId: incident._id }).lean();
    assert.equal(imp?.status, 'done');
    assert.equal(imp?.delimiter, ';');
    assert.deepEqual(
      { rows: imp?.rows, imported: imp?.imported, invalid: imp?.invalid, duplicates: imp?.duplicates },
      { rows: 7, imported: 3, invalid: 3, duplicates: 1 },
    );
    // Each problem names the file row (header = row 1) and the column as written in the file.
    const problems = imp.problems.map((p) => `${p.row}|${p.column}|${p.problem}`).sort();
    assert.deepEqual(problems, [
      '3|E-mailadres|notices.import.problem.email',
      '4|Naam|notices.import.problem.required',
      '6|E-mailadres|notices.import.problem.duplicateInFile:2',
      '8|Taal|notices.import.problem.language',
    ]);
    // Stored: language, channel, and the contact data only as a sealed blob.
    const stored = await AffectedPerson.find({ incidentId: incident._id }).lean();
    assert.equal(stored.length, 3);
    assert.deepEqual(stored.map((p) => `${p.lang}:${p.channel}`).sort(), [
      'nl:email',
      'nl:letter',
      'tr:email',
    ]);
    for (const p of stored) {
      assert.doesNotMatch(JSON.stringify(p), /fatima|Fatima|Dorpsstraat|Ayşe|Piet|vip/);
      assert.match(p.contact, /^c1\./);
    }
    // The report is downloadable, names rows and columns, and repeats no value from the file.
    const report = await agent.get(`/incidents/${id}/notices/imports/${String(imp._id)}/report.csv`);
    assert.equal(report.status, 200);
    assert.match(report.headers['content-type'] ?? '', /text\/csv/);
    assert.match(report.text, /"Rij";"Kolom";"Probleem"/);
    assert.match(report.text, /6;"E-mailadres";"Dubbel: dezelfde persoon als rij 2"/);
    assert.doesNotMatch(report.text, /geen-adres|fatima|Klingon|tlh/);
    const audit = await AuditEntry.findOne({ action: 'notice.persons.import', 'object.id': id }).lean();
    assert.equal((audit?.details as { imported: number }).imported, 3);
    // The incident's notices page counts the list by channel and language.
    const overview = await agent.get(`/incidents/${id}/notices`);
    assert.match(overview.text, /Op de lijst<\/dt><dd>3</);
    assert.match(overview.text, /Per e-mail<\/dt><dd>2</);
    assert.match(overview.text, /Alleen per brief<\/dt><dd>1</);
    assert.match(overview.text, /nl: 2, tr: 1/);
  });

  it('when an English CSV with commas and quoted fields is uploaded twice, then the second upload stores nothing new and reports every row as already on the list', async () => {
    const { id, agent, incident } = await setUp();
    const csv =
      'name,email,language,address line 1,postcode,city,country\n"Smith, John",john@example.test,EN,,,,\n"O\'Brien; Mary",,en,"Main Street 1, flat 2",D02 X285,Dublin,Ireland\n';
    assert.equal((await upload(agent, id, csv)).status, 303);
    assert.equal((await upload(agent, id, csv)).status, 303);
    const imports = await NoticeImport.find({ incidentId: incident._id }).sort({ startedAt: 1 }).lean();
    assert.equal(imports.length, 2);
    assert.equal(imports[0]!.delimiter, ',');
    assert.equal(imports[0]!.imported, 2);
    assert.equal(imports[1]!.imported, 0);
    assert.equal(imports[1]!.duplicates, 2);
    assert.ok(imports[1]!.problems.every((p) => p.problem === 'notices.import.problem.duplicateExisting'));
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 2);
    // The list shows the decrypted names, and viewing it is audit-logged.
    const list = await agent.get(`/incidents/${id}/notices/persons`);
    assert.equal(list.status, 200);
    assert.match(list.text, /Smith, John/);
    assert.match(list.text, /O&#x27;Brien; Mary/);
    assert.match(list.text, /Main Street 1, flat 2/);
    assert.ok(await AuditEntry.exists({ action: 'notice.persons.view', 'object.id': id }));
  });

  it('when the file is not UTF-8 or has no usable header, then the import is refused with a clear reason and nothing is stored', async () => {
    const { id, agent, incident } = await setUp();
    const latin1 = Buffer.from('naam;email\nJosé Müller;jose@example.test\n', 'latin1');
    await upload(agent, id, latin1);
    await upload(agent, id, 'foo;bar\n1;2\n');
    const imports = await NoticeImport.find({ incidentId: incident._id }).sort({ startedAt: 1 }).lean();
    assert.deepEqual(
      imports.map((i) => [i.status, i.failure]),
      [
        ['failed', 'notices.import.notUtf8'],
        ['failed', 'notices.import.noNameColumn'],
      ],
    );
    const page = await agent.get(`/incidents/${id}/notices/imports/${String(imports[0]!._id)}`);
    assert.match(page.text, /geen UTF-8/);
    assert.equal(await AffectedPerson.countDocuments({ incidentId: incident._id }), 0);
  });

  it('when a person is added by hand with a bad e-mail address, then the form comes back with the message and the input; a good one is stored; an edit is saved', async () => {
    const { id, agent, incident } = await setUp();
    const bad = await postForm(
      agent,
      `/incidents/${id}/notices/persons/new`,
      `/incidents/${id}/notices/persons`,
      { name: 'Mo Ali', email: 'mo@', language: 'ar' },
    );
    assert.equal(bad.status, 400);
    assert.match(bad.text, /Geen geldig e-mailadres/);
    assert.match(bad.text, /value="Mo Ali"/);
    const good = await postForm(
      agent,
      `/incidents/${id}/notices/persons/new`,
      `/incidents/${id}/notices/persons`,
      { name: 'Mo Ali', email: 'mo@example.test', language: 'ar' },
    );
    assert.equal(good.status, 303);
    const p = await AffectedPerson.findOne({ incidentId: incident._id }).lean();
    assert.equal(p?.lang, 'ar');
    assert.equal(p?.source, 'manual');
    const dup = await postForm(
      agent,
      `/incidents/${id}/notices/persons/new`,
      `/incidents/${id}/notices/persons`,
      { name: 'M. Ali', email: 'MO@example.test', language: 'nl' },
    );
    assert.equal(dup.status, 400);
    assert.match(dup.text, /staat al op de lijst/);
    const form = await agent.get(`/incidents/${id}/notices/persons/${String(p._id)}`);
    assert.match(form.text, /value="mo@example.test"/);
    const edit = await postForm(
      agent,
      `/incidents/${id}/notices/persons/${String(p._id)}`,
      `/incidents/${id}/notices/persons/${String(p._id)}`,
      {
        name: 'Mohammed Ali',
        email: '',
        language: 'ar',
        address1: 'Kade 3',
        postcode: '1011 AB',
        city: 'Amsterdam',
      },
    );
    assert.equal(edit.status, 303);
    const after = await AffectedPerson.findById(p._id).lean();
    assert.equal(after?.channel, 'letter');
    assert.ok(await AuditEntry.exists({ action: 'notice.persons.edit', 'details.personId': String(p._id) }));
    assert.ok(
      await AuditEntry.exists({ action: 'notice.persons.view-one', 'details.personId': String(p._id) }),
    );
    const counts = async () => {
      const text = (await agent.get(`/incidents/${id}/notices`)).text;
      return ['Op de lijst', 'Per e-mail', 'Alleen per brief'].map((l) =>
        Number(new RegExp(`${l}</dt><dd>(\\d+)<`).exec(text)?.[1]),
      );
    };
    assert.deepEqual(await counts(), [1, 0, 1]);
    const ex = await postForm(
      agent,
      `/incidents/${id}/notices/persons/${String(p._id)}`,
      `/incidents/${id}/notices/persons/${String(p._id)}/exclude`,
      {},
    );
    assert.equal(ex.status, 303);
    assert.deepEqual(await counts(), [0, 0, 0]);
    assert.match((await agent.get(`/incidents/${id}/notices`)).text, /Van de lijst gehaald<\/dt><dd>1</);
  });

  it('when a reporter, a ministry liaison or an admin asks for the list, then 403 and no data', async () => {
    const { id } = await setUp();
    for (const role of ['reporter', 'ministry_liaison', 'admin'] as const) {
      const agent = await signIn(t.app, await makeUser(role));
      const res = await agent.get(`/incidents/${id}/notices/persons`);
      assert.equal(res.status, 403, role);
    }
    const officer = await signIn(t.app, await makeUser('privacy_officer'));
    assert.equal(
      (await officer.get(`/incidents/${new Types.ObjectId().toHexString()}/notices/persons`)).status,
      404,
    );
    assert.equal((await officer.get(`/incidents/not-an-id/notices`)).status, 404);
  });
});
