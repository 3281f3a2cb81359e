// Issue 3 item 5: the Art. 33(5) register export (domain.md §10.7) as CSV and JSON, from the
// register page and from `meldpunt register:export`; formula injection neutralised; audited.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { Types } from 'mongoose';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { startTestDatabase } from '../helpers/db.js';
import { makeUser } from '../helpers/factories.js';
import { signIn, type Agent } from '../helpers/http.js';
import { fileReport, storeAssessment } from '../helpers/incidents.js';
import { memoryIo, run } from '../helpers/cli.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { DutyFulfilment } from '../../models/duty-fulfilment.model.js';
import { REGISTER_FIELDS } from '../../server/register/register-export.js';
import { makeRegisterExportCommand } from '../../server/cli/register-export.command.js';
import { unzipSync, strFromU8 } from 'fflate';
import { DATA_CATEGORY_LABELS } from '../../server/assessments/assessment.labels.js';

// Leading tabs and CRs are trimmed from form input; the CSV unit test covers them.
const FORMULAS = ['=HYPERLINK("http://evil.test","klik")', '+31 6 1234', '-2+3', '@SUM(A1)'];

describe('http: the register export', function () {
  this.timeout(120_000);
  let t: TestApp;
  let po: Agent;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  before(async () => {
    t = await buildTestApp({}, '2026-05-04T12:00:00Z');
    officer = await makeUser('privacy_officer');
    po = await signIn(t.app, officer);
  });

  it('when the CSV is downloaded for a year, then every §10.7 column is there, formula cells start with an apostrophe and quoting survives commas, quotes and newlines', async () => {
    const reporter = await makeUser('reporter');
    const refs: string[] = [];
    for (const f of FORMULAS)
      refs.push((await fileReport(reporter, t.clock.now(), { summary: f })).reference);
    const tricky = await fileReport(reporter, t.clock.now(), {
      summary: 'Regel 1, met "quotes";\nregel 2 <script>alert(1)</script>',
    });
    const res = await po.get('/register/export.csv?year=2026').buffer(true);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="register-2026-2026-05-04\.csv"/,
    );
    assert.ok(res.text.startsWith('\uFEFF'), 'byte-order mark for spreadsheets');
    const rows: string[][] = parse(res.text.slice(1), { relax_column_count: false });
    assert.deepEqual(rows[0], [...REGISTER_FIELDS]);
    const col = (name: string) => REGISTER_FIELDS.indexOf(name as (typeof REGISTER_FIELDS)[number]);
    const byRef = new Map(rows.slice(1).map((r) => [r[col('reference')]!, r]));
    FORMULAS.forEach((f, i) =>
      assert.equal(byRef.get(refs[i]!)?.[col('summary')], `'${f}`, JSON.stringify(f)),
    );
    assert.equal(
      byRef.get(tricky.reference)?.[col('summary')],
      'Regel 1, met "quotes";\nregel 2 <script>alert(1)</script>',
    );
    assert.equal(byRef.get(tricky.reference)?.[col('dataCategories')], 'name_address; national_id');
    assert.equal(byRef.get(tricky.reference)?.[col('discoveredAt')], '2026-01-05T08:30:00.000Z');
    for (const r of rows.slice(1)) assert.equal(r[col('year')], '2026');
    assert.ok(
      await AuditEntry.exists({
        action: 'register.export',
        'actor.id': officer.id,
        'details.format': 'csv',
        'details.year': 2026,
        'details.records': rows.length - 1,
      }),
    );
  });

  it('when the JSON is downloaded, then a record carries the assessment, duty fulfilments and timeline, and text stays text', async () => {
    const reporter = await makeUser('reporter');
    const r = await fileReport(reporter, t.clock.now(), {
      summary: '<img src=x onerror=alert(1)> verkeerd verstuurd',
    });
    await storeAssessment(r.id, 'high', t.clock.now());
    await DutyFulfilment.create({
      incidentId: new Types.ObjectId(r.id),
      duty: 'authority',
      outcome: 'fulfilled',
      at: new Date('2026-05-04T13:00:00Z'),
      recordedAt: new Date('2026-05-04T13:05:00Z'),
      ref: 'AP-2026-000123',
    });
    const res = await po.get('/register/export.json').buffer(true);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = JSON.parse(res.text) as { records: Record<string, unknown>[]; count: number; year: null };
    assert.equal(body.count, body.records.length);
    assert.equal(body.year, null);
    const rec = body.records.find((x) => x.reference === r.reference);
    assert.ok(rec);
    assert.deepEqual(Object.keys(rec), [...REGISTER_FIELDS]);
    assert.equal(rec.summary, '<img src=x onerror=alert(1)> verkeerd verstuurd');
    assert.equal(rec.riskLevel, 'high');
    assert.equal(rec.enisaScore, 3.25);
    assert.deepEqual(rec.rulesFired, ['floor.national-id']);
    // Art. 33(5): the register holds the reasons, not only the rule ids (domain.md §10.8 item 8).
    assert.deepEqual(rec.ruleTexts, ['floor.national-id: BSN betrokken: minstens risico.']);
    assert.deepEqual(rec.assumptions, []);
    assert.deepEqual(rec.consequences, ['identity_fraud']);
    assert.equal(rec.dutyNotifyAuthority, true);
    assert.equal(rec.authorityNotifiedAt, '2026-05-04T13:00:00.000Z');
    assert.equal(rec.authorityReference, 'AP-2026-000123');
    assert.equal(rec.reportedInternallyAt, '2026-05-04T12:00:00.000Z');
    assert.ok(
      Array.isArray(rec.timeline) && (rec.timeline as string[]).some((x) => x.endsWith(' submitted')),
    );
    assert.ok(
      await AuditEntry.exists({ action: 'register.export', 'details.format': 'json', 'details.year': null }),
    );
  });

  it('when a year is given, then incidents of other years are left out; a bad year is refused', async () => {
    const reporter = await makeUser('reporter');
    const old = await fileReport(reporter, new Date('2025-06-01T10:00:00Z'), {
      occurredFrom: '2025-05-30T10:00',
      discoveredAt: '2025-05-31T10:00',
    });
    assert.match(old.reference, /^DL-2025-\d{4}$/);
    const y2026 = await po.get('/register/export.csv?year=2026');
    assert.doesNotMatch(y2026.text, new RegExp(old.reference));
    const y2025 = await po.get('/register/export.csv?year=2025');
    assert.match(y2025.text, new RegExp(old.reference));
    assert.equal((await po.get('/register/export.csv?year=20x5')).status, 400);
    assert.equal((await po.get('/register/export.csv?year[$gt]=2000')).status, 400);
    assert.equal((await po.get('/register/export.xml')).status, 400);
  });

  it('when `meldpunt register:export` runs, then it writes the register to stdout (exit 0); bad arguments exit 2', async () => {
    const { uri } = await startTestDatabase();
    const reporter = await makeUser('reporter');
    const r = await fileReport(reporter, t.clock.now(), { summary: '=1+1 via de CLI' });
    const cli = await run(
      process.execPath,
      ['bin/meldpunt.js', 'register:export', '--format', 'csv', '--year', '2026'],
      { MONGODB_URI: uri, LOG_LEVEL: 'silent' },
    );
    assert.equal(cli.code, 0, cli.stderr);
    const rows: string[][] = parse(cli.stdout);
    assert.deepEqual(rows[0], [...REGISTER_FIELDS]);
    const mine = rows.find((x) => x[0] === r.reference);
    assert.equal(mine?.[REGISTER_FIELDS.indexOf('summary')], "'=1+1 via de CLI");
    assert.match(cli.stderr, /record\(s\) exported/);
    assert.ok(
      await AuditEntry.exists({ action: 'register.export', 'origin.via': 'cli', 'details.year': 2026 }),
    );

    const command = makeRegisterExportCommand((fn) => fn());
    const json = memoryIo();
    assert.equal(await command.run(['--format=json'], json), 0, json.err);
    assert.ok(
      (JSON.parse(json.out) as { records: { reference: string }[] }).records.some(
        (x) => x.reference === r.reference,
      ),
    );
    for (const args of [
      [],
      ['--format', 'xml'],
      ['--format', 'csv', '--year', '26'],
      ['--format', 'csv', '--bogus', 'x'],
    ]) {
      const io = memoryIo();
      assert.equal(await command.run(args, io), 2, args.join(' '));
      assert.match(io.err, /Usage: meldpunt register:export/);
    }
    const help = await run(process.execPath, ['bin/meldpunt.js', 'register:export', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--format csv\|json/);
  });
});

describe('http: the register as a spreadsheet for people (issue 14 item 4)', function () {
  this.timeout(120_000);
  let t: TestApp;
  let po: Agent;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let ref: string;
  const binary = (r: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
    const parts: Buffer[] = [];
    (r as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => parts.push(c));
    (r as unknown as NodeJS.ReadableStream).on('end', () => cb(null, Buffer.concat(parts)));
  };
  before(async () => {
    t = await buildTestApp({}, '2027-05-04T12:00:00Z');
    officer = await makeUser('privacy_officer');
    po = await signIn(t.app, officer);
    const reporter = await makeUser('reporter');
    ref = (await fileReport(reporter, t.clock.now(), { summary: '=HYPERLINK("http://evil.test","klik")' }))
      .reference;
  });

  it('when the CSV for Excel is downloaded, then it has ";" between quoted cells, a byte-order mark, Dutch column names, names instead of codes, ja/nee and Dutch times', async () => {
    const res = await po.get('/register/spreadsheet.csv').buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(
      String(res.headers['content-disposition']),
      /attachment; filename="datalekkenregister-alle-2027-05-04\.csv"/,
    );
    const text = (res.body as Buffer).toString('utf8');
    assert.ok(text.startsWith('\uFEFF"Kenmerk";"Jaar";"Status";"Gemeld door";'), text.slice(0, 80));
    const rows: string[][] = parse(text.slice(1), { delimiter: ';' });
    const header = rows[0]!;
    assert.equal(header.length, REGISTER_FIELDS.length);
    const row = rows.find((r) => r[0] === ref)!;
    assert.ok(row, 'the incident is in the file');
    const cell = (name: string) => row[header.indexOf(name)];
    assert.equal(cell('Omschrijving'), `'=HYPERLINK("http://evil.test","klik")`, 'formula neutralised');
    assert.equal(cell('Status'), 'Ingediend');
    assert.equal(cell('Duurt nog voort'), 'nee');
    assert.equal(
      cell('Soorten persoonsgegevens'),
      `${DATA_CATEGORY_LABELS.name_address.nl}; ${DATA_CATEGORY_LABELS.national_id.nl}`,
    );
    assert.doesNotMatch(text, /email_wrong_recipient|"true"|"false"/, 'no codes or true/false');
    // Discovered 2026-01-05T08:30Z (fixture): 09:30 in Dutch winter time.
    assert.equal(cell('Ontdekt op'), '2026-01-05 09:30');
    assert.ok(
      await AuditEntry.exists({
        action: 'register.export',
        'actor.id': officer.id,
        'details.format': 'sheet.csv',
      }),
    );
  });

  it('when the Excel file is downloaded, then it is a real .xlsx with Dutch column names, the texts as text cells (never formulas) and dates as dates', async () => {
    const res = await po
      .get(`/register/spreadsheet.xlsx?year=${ref.slice(3, 7)}`)
      .buffer(true)
      .parse(binary);
    assert.equal(res.status, 200);
    assert.equal(
      res.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    assert.ok(files['[Content_Types].xml'], 'an Office Open XML package');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const strings = files['xl/sharedStrings.xml'] ? strFromU8(files['xl/sharedStrings.xml']) : '';
    const all = sheet + strings;
    assert.match(all, /Kenmerk/);
    assert.match(all, /Soorten persoonsgegevens/);
    assert.ok(all.includes(ref), 'the incident is in the file');
    assert.ok(
      all.includes('=HYPERLINK(&quot;http://evil.test&quot;,&quot;klik&quot;)') ||
        all.includes('=HYPERLINK("http://evil.test","klik")'),
      'the text kept as text',
    );
    assert.doesNotMatch(sheet, /<f>/, 'no formula cells');
    // Moments are Excel date serials (days since 1900, e.g. 46027.35…) with a date format, not text.
    assert.match(sheet, /<c r="[A-Z]+\d+" s="\d+"(?: t="n")?><v>4\d{4}\.\d+<\/v><\/c>/);
    assert.ok(
      await AuditEntry.exists({
        action: 'register.export',
        'actor.id': officer.id,
        'details.format': 'xlsx',
        'details.year': Number(ref.slice(3, 7)),
      }),
    );
  });

  it('when the page is English, then the spreadsheet speaks English; a wrong format or year is refused with 400', async () => {
    const en = await signIn(t.app, await makeUser('privacy_officer', { language: 'en' }));
    const res = await en.get('/register/spreadsheet.csv').buffer(true).parse(binary);
    const text = (res.body as Buffer).toString('utf8');
    assert.ok(text.startsWith('\uFEFF"Reference";"Year";"Status";"Reported by";'));
    assert.match(String(res.headers['content-disposition']), /breach-register-all-/);
    assert.equal((await po.get('/register/spreadsheet.ods')).status, 400);
    assert.equal((await po.get('/register/spreadsheet.xlsx?year=20x6')).status, 400);
  });

  it('when a reporter asks for the spreadsheet, then 403', async () => {
    const reporter = await signIn(t.app, await makeUser('reporter'));
    assert.equal((await reporter.get('/register/spreadsheet.xlsx')).status, 403);
  });
});
