// One set of facts per incident (issue 12): the privacy officer's corrections are versions with a
// reason, the reporter's version stays, and every output — the AP dossier page and PDF, the register
// export, the ministry notice and the assessment pre-fill — uses the facts in force, shown with
// their origin.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { FactCorrection } from '../../models/fact-correction.model.js';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { assessIncident, makeIncident, TEST_ENV } from '../integration/authority/authority-fixtures.js';
import { pdfTextLines } from '../integration/authority/pdf-text.js';
import { correctFacts } from '../../server/facts/facts.service.js';
import { parse } from 'csv-parse/sync';
import { REGISTER_FIELDS } from '../../server/register/register-export.js';

const REASON =
  'Ontvanger gebeld: het is één bekende relatie; de BSN- en financiële bijlage waren versleuteld.';

/** The facts the reporter did not know, which the officer later found out. */
const UNKNOWNS = {
  dataLeftOrganisation: 'unknown',
  recipientTrusted: 'unknown',
  confidentialityScope: 'unknown',
  unintelligibility: 'unknown',
  subjectsCountMin: 40,
  subjectsCountMax: 40,
};

/** The correction form as the page fills it, with the officer's changes. */
async function correctionForm(
  agent: Agent,
  path: string,
  changes: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const page = await agent.get(path);
  assert.equal(page.status, 200);
  const fields: Record<string, unknown> = {};
  for (const m of page.text.matchAll(/<select id="f-[^"]+" name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[m[1]!] = /<option value="([^"]*)" selected>/.exec(m[2]!)?.[1] ?? '';
  }
  for (const m of page.text.matchAll(/<input id="f-[^"]+" name="([^"]+)" type="text"[^>]*value="([^"]*)"/g))
    fields[m[1]!] = m[2];
  for (const m of page.text.matchAll(/<textarea id="f-([^"]+)" name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[m[2]!] = m[3];
  const lists: Record<string, string[]> = {};
  for (const m of page.text.matchAll(/<input type="checkbox" name="([^"]+)" value="([^"]+)" checked>/g))
    (lists[m[1]!] ??= []).push(m[2]!);
  const stamp = /name="stamp" value="([^"]*)"/.exec(page.text)?.[1];
  return { ...fields, ...lists, stamp, ...changes };
}

async function pdfOf(agent: Agent, path: string): Promise<string[]> {
  const res = await agent
    .get(path)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  assert.equal(res.status, 200);
  return pdfTextLines(res.body as Buffer);
}

describe('http: one set of facts per incident', function () {
  this.timeout(90_000);
  let t: TestApp;
  let agent: Agent;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  before(async () => {
    t = await buildTestApp(TEST_ENV, '2026-01-05T16:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    agent = await signIn(t.app, officer);
  });
  beforeEach(() => t.clock.set('2026-01-05T16:00:00Z'));

  it('when the officer corrects facts without a reason, then nothing is stored and the form keeps what was typed', async () => {
    const incident = await makeIncident(UNKNOWNS);
    const path = `/incidents/${String(incident._id)}/facts`;
    const form = await correctionForm(agent, path, {
      confidentialityScope: 'known_recipients',
      subjectsCountMax: '55',
      reason: '  ',
    });
    const res = await postForm(agent, path, path, form);
    assert.equal(res.status, 400);
    assert.match(res.text, /id="reason-error">Schrijf op waarom je de feiten corrigeert\./);
    assert.match(res.text, /<option value="known_recipients" selected>/);
    assert.match(res.text, /name="subjectsCountMax" type="text" inputmode="decimal" value="55"/);
    assert.equal(await FactCorrection.countDocuments({ incidentId: incident._id }), 0);
    assert.equal(
      await AuditEntry.countDocuments({
        action: 'incident.facts.correct',
        'object.id': String(incident._id),
      }),
      0,
    );

    // Nothing changed at all is refused too, reason or not.
    const same = await postForm(agent, path, path, await correctionForm(agent, path, { reason: REASON }));
    assert.equal(same.status, 400);
    assert.match(same.text, /Je hebt niets gewijzigd\./);
    assert.equal(await FactCorrection.countDocuments({ incidentId: incident._id }), 0);

    // A bad count names the field and keeps the rest.
    const bad = await postForm(
      agent,
      path,
      path,
      await correctionForm(agent, path, {
        subjectsCountMax: 'veel',
        confidentialityScope: 'known_recipients',
        reason: REASON,
      }),
    );
    assert.equal(bad.status, 400);
    assert.match(bad.text, /id="subjectsCountMax-error">Vul een heel getal in/);
    assert.match(bad.text, /<option value="known_recipients" selected>/);
    assert.match(bad.text, />Ontvanger gebeld: het is één bekende relatie;/);
    assert.equal(await FactCorrection.countDocuments({ incidentId: incident._id }), 0);
  });

  it('when the officer corrects recipients and protection with a reason, then every output uses the corrected facts with their origin and the reporter’s version stays', async () => {
    const incident = await makeIncident(UNKNOWNS);
    await assessIncident(incident._id);
    const id = String(incident._id);
    const path = `/incidents/${id}/facts`;
    const dossier = `/authority/incidents/${id}`;

    // Before: the dossier lacks the confidentiality answer and the protection.
    const before = await agent.get(dossier);
    assert.match(before.text, /<div class="dossier-item is-missing" id="q-confidentiality">/);
    assert.match(before.text, /<div class="dossier-item is-missing" id="q-unintelligibility">/);

    t.clock.set('2026-01-05T16:12:00Z');
    const form = await correctionForm(agent, path, {
      dataLeftOrganisation: 'yes',
      recipientTrusted: 'yes',
      confidentialityScope: 'known_recipients',
      recipientsCount: '1',
      subjectsCountMax: '55',
      protection_name_address: 'none',
      protection_national_id: 'state_of_art_encryption_key_safe',
      protection_financial: 'state_of_art_encryption_key_safe',
      reason: REASON,
    });
    const saved = await postForm(agent, path, path, form);
    assert.equal(saved.status, 303, saved.text.slice(0, 500));

    // Stored as version 1 with only what changed; the reporter's version is untouched.
    const corrections = await FactCorrection.find({ incidentId: incident._id }).lean();
    assert.equal(corrections.length, 1);
    assert.equal(corrections[0]!.version, 1);
    assert.equal(corrections[0]!.byName, 'Olga Officer');
    assert.equal(corrections[0]!.reason, REASON);
    assert.deepEqual(Object.keys(corrections[0]!.changes as object).sort(), [
      'confidentialityScope',
      'dataLeftOrganisation',
      'protection',
      'recipientTrusted',
      'recipientsCount',
      'subjectsCountMax',
    ]);
    const stored = await Incident.findById(incident._id).lean();
    assert.equal(stored?.confidentialityScope, 'unknown');
    assert.equal(stored?.subjectsCountMax, 40);

    // Audited (the fact names, not their values) and on the timeline.
    const audit = await AuditEntry.findOne({ action: 'incident.facts.correct', 'object.id': id }).lean();
    assert.ok(audit);
    assert.equal(audit.actor?.id, officer.id);
    assert.equal((audit.details as { version: number }).version, 1);
    assert.ok((audit.details as { fields: string[] }).fields.includes('confidentialityScope'));
    assert.ok(await IncidentEvent.exists({ incidentId: incident._id, kind: 'facts-corrected' }));

    // The facts page: value and origin, and the reporter's value kept in the history.
    const page = await agent.get(path);
    const origin = `gecorrigeerd door Olga Officer op 5 januari 2026, 17:12: ${REASON}`;
    assert.match(
      page.text,
      /<tr data-fact="confidentialityScope" class="corrected">\s*<th scope="row">[^<]+<\/th>\s*<td>Bekende, beperkte groep ontvangers<\/td>/,
    );
    assert.ok(page.text.includes(origin), 'the facts page names who corrected, when and why');
    assert.match(
      page.text,
      /<td>Nog niet bekend<\/td><td class="fact-origin">gemeld door Rita Reporter op 5 januari 2026, 10:30<\/td>/,
    );
    assert.ok(await AuditEntry.exists({ action: 'incident.facts.view', 'object.id': id }));

    // The incident page (register) shows the value in force with its origin.
    const incidentPage = await agent.get(`/incidents/${id}`);
    assert.ok(
      incidentPage.text.includes(
        `Bekende, beperkte groep ontvangers <span class="fact-origin">(${origin})</span>`,
      ),
    );

    // The AP dossier page: answered now, and the corrected facts listed with their origin.
    const after = await agent.get(dossier);
    assert.match(
      after.text,
      /<span class="dossier-answer" id="a-confidentiality">Bekende, beperkte groep ontvangers<\/span>/,
    );
    // Protection per category, as corrected after the assessment: the dossier answers from it.
    assert.match(
      after.text,
      /<span class="dossier-answer" id="a-unintelligibility">Verschilt per soort persoonsgegevens \(zie de volgende vraag\)<\/span>/,
    );
    assert.match(
      after.text,
      /<span class="dossier-answer" id="a-protectionPerCategory">Geen beveiliging: NAW-gegevens \| Sterk versleuteld, sleutel veilig: [^<]*BSN/,
    );
    assert.match(after.text, /<span class="dossier-answer" id="a-subjectsCountMax">55<\/span>/);
    assert.match(after.text, /data-corrected-facts/);
    assert.ok(after.text.includes(`(${origin})`));
    assert.match(after.text, /De feiten zijn gecorrigeerd na de laatste beoordeling\./);

    // The PDF carries the corrected answers.
    const lines = await pdfOf(agent, `${dossier}/dossier.pdf`);
    assert.ok(lines.includes('Bekende, beperkte groep ontvangers'), lines.join('\n'));
    assert.ok(lines.includes('55'));
    // …each with its origin (not the internal reason), right under the answer it changed.
    const at = lines.indexOf('Bekende, beperkte groep ontvangers');
    assert.equal(lines[at + 1], 'Gecorrigeerd door Olga Officer op 5 januari 2026, 17:12');
    assert.ok(!lines.some((l) => l.includes('Ontvanger gebeld')), 'the reason stays internal');

    // The register export: the values in force and where they came from; CSV and JSON alike.
    const json = await agent.get('/register/export.json').buffer(true);
    assert.equal(json.status, 200);
    const rec = (JSON.parse(json.text) as { records: Record<string, unknown>[] }).records.find(
      (r) => r.reference === incident.reference,
    )!;
    assert.equal(rec.confidentialityScope, 'known_recipients');
    assert.equal(rec.recipientTrusted, 'yes');
    assert.equal(rec.dataLeftOrganisation, 'yes');
    assert.equal(rec.subjectsCountMax, 55);
    assert.equal(rec.recipientsCount, 1);
    assert.deepEqual(rec.dataProtection, [
      'financial=state_of_art_encryption_key_safe',
      'name_address=none',
      'national_id=state_of_art_encryption_key_safe',
    ]);
    assert.ok(
      (rec.factOrigins as string[]).includes(
        `confidentialityScope: Olga Officer 2026-01-05T16:12:00.000Z (correctie 1): ${REASON}`,
      ),
    );
    const csv = await agent.get('/register/export.csv').buffer(true);
    const rows: string[][] = parse(csv.text.slice(1), { relax_column_count: false });
    assert.deepEqual(rows[0]!.slice(-2), ['recipientsCount', 'factOrigins']);
    const col = (name: string) => REGISTER_FIELDS.indexOf(name as (typeof REGISTER_FIELDS)[number]);
    const row = rows.find((r) => r[col('reference')] === incident.reference)!;
    assert.equal(row[col('confidentialityScope')], 'known_recipients');
    assert.equal(row[col('subjectsCountMax')], '55');
    assert.match(
      row[col('factOrigins')]!,
      /confidentialityScope: Olga Officer 2026-01-05T16:12:00\.000Z \(correctie 1\): Ontvanger gebeld/,
    );

    // The assessment form starts from the facts in force (and so does the engine input).
    const assessment = await agent.get(`/incidents/${id}/assessment`);
    assert.match(assessment.text, /name="confidentialityScope" value="known_recipients" checked/);
    assert.match(assessment.text, /name="recipientTrusted" value="yes" checked/);

    // The ministry notice counts the persons as corrected (after the AP filing that triggers it).
    const filed = await postForm(agent, dossier, `${dossier}/filings`, {
      kind: 'initial',
      summary: 'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.',
      submittedAt: '2026-01-05T17:12',
      apReference: 'M-2026-0077',
      complete: 'no',
    });
    assert.equal(filed.status, 303, filed.text.slice(0, 400));
    const notice = await agent.get(`/ministry/incidents/${id}/notice`);
    assert.equal(notice.status, 200);
    assert.match(notice.text, /Aantal betrokkenen: 40 tot 55\./);
    // …and the officer's page says where the corrected count came from (the mail itself does not).
    assert.match(notice.text, /data-count-origins/);
    assert.ok(notice.text.includes(`<span class="fact-origin">${origin}</span>`));
  });

  it('when the page is in English, then the origin reads in English', async () => {
    const incident = await makeIncident(UNKNOWNS);
    const path = `/incidents/${String(incident._id)}/facts`;
    t.clock.set('2026-01-05T16:12:00Z');
    const saved = await postForm(
      agent,
      path,
      path,
      await correctionForm(agent, path, { recipientTrusted: 'no', reason: 'Recipient is a stranger.' }),
    );
    assert.equal(saved.status, 303);
    const token = await csrfToken(agent, path);
    await agent.post('/language').type('form').send({ _csrf: token, language: 'en', returnTo: path });
    try {
      const page = await agent.get(path);
      assert.ok(
        page.text.includes('corrected by Olga Officer on 5 January 2026, 17:12: Recipient is a stranger.'),
      );
      assert.ok(page.text.includes('reported by Rita Reporter on 5 January 2026, 10:30'));
    } finally {
      const back = await csrfToken(agent, path);
      await agent.post('/language').type('form').send({ _csrf: back, language: 'nl', returnTo: path });
    }
  });

  it('when a later assessment confirms other facts, then they take over with the assessment as origin and the correction stays in the history', async () => {
    const incident = await makeIncident(UNKNOWNS);
    const path = `/incidents/${String(incident._id)}/facts`;
    const saved = await postForm(
      agent,
      path,
      path,
      await correctionForm(agent, path, { confidentialityScope: 'known_recipients', reason: REASON }),
    );
    assert.equal(saved.status, 303);
    await assessIncident(incident._id, {
      at: new Date('2026-01-05T17:00:00Z'),
      decidedAt: new Date('2026-01-05T17:00:00Z'),
      assessorName: 'Bram Beoordelaar',
      input: { confidentialityScope: 'unknown_recipients_or_public', easeOfIdentification: 'maximum' },
    });
    const page = await agent.get(path);
    assert.match(
      page.text,
      /<tr data-fact="confidentialityScope" class="corrected">\s*<th scope="row">[^<]+<\/th>\s*<td>[^<]+<\/td>\s*<td class="fact-origin">vastgesteld in beoordeling versie 1 door Bram Beoordelaar op 5 januari 2026, 18:00<\/td>/,
    );
    assert.ok(
      page.text.includes(`gecorrigeerd door Olga Officer op 5 januari 2026, 17:00: ${REASON}`),
      'the earlier correction stays in the history',
    );
  });

  it('when an assessment overrides a correction, then it needs its own reason, which becomes the origin; the change is audited', async () => {
    const incident = await makeIncident({ ...UNKNOWNS, status: 'triage' });
    const id = String(incident._id);
    const path = `/incidents/${id}/facts`;
    const corrected = await postForm(
      agent,
      path,
      path,
      await correctionForm(agent, path, { confidentialityScope: 'known_recipients', reason: REASON }),
    );
    assert.equal(corrected.status, 303);

    // The assessment form starts from the corrected value; the officer changes it back to unknown.
    t.clock.set('2026-01-05T16:30:00Z');
    const assessmentPath = `/incidents/${id}/assessment`;
    const page = await agent.get(assessmentPath);
    assert.match(page.text, /name="confidentialityScope" value="known_recipients" checked/);
    const form = {
      incidentCause: 'email_wrong_recipient',
      incidentNature: ['read'],
      breachTypes: ['confidentiality'],
      discoveredAt: '2026-01-05T10:00',
      awarenessAt: '2026-01-05T11:00',
      personalDataInvolved: 'yes',
      dataCategories: ['name_address', 'national_id', 'financial'],
      subjectCategories: ['clients'],
      subjectsCountMin: '40',
      subjectsCountMax: '40',
      confidentialityScope: 'unknown_recipients_or_public',
      malicious: 'no',
      unintelligibility: 'none',
      easeOfIdentification: 'maximum',
      riskLevel: 'high',
      art34Exception: 'none',
      action: 'save',
    };
    const refused = await postForm(agent, assessmentPath, assessmentPath, form);
    assert.equal(refused.status, 400);
    assert.match(
      refused.text,
      /id="factsReason-error">Je wijzigt feiten die eerder met een reden zijn gecorrigeerd\. Leg uit waarom\./,
    );
    assert.match(refused.text, /name="confidentialityScope" value="unknown_recipients_or_public" checked/);
    assert.equal(await AuditEntry.countDocuments({ action: 'assessment.save', 'object.id': id }), 0);

    const why = 'De ontvanger heeft de e-mail doorgestuurd naar onbekenden.';
    const saved = await postForm(agent, assessmentPath, assessmentPath, { ...form, factsReason: why });
    assert.equal(saved.status, 303, saved.text.slice(0, 400));
    const audit = await AuditEntry.findOne({ action: 'assessment.save', 'object.id': id }).lean();
    assert.ok((audit?.details as { changedFacts: string[] }).changedFacts.includes('confidentialityScope'));

    const facts = await agent.get(path);
    assert.ok(
      facts.text.includes(
        `vastgesteld in beoordeling versie 1 door Olga Officer op 5 januari 2026, 17:30: ${why}`,
      ),
    );
    assert.ok(
      facts.text.includes(`gecorrigeerd door Olga Officer op 5 januari 2026, 17:00: ${REASON}`),
      'the correction stays in the history',
    );
  });

  it('when someone else corrected the facts meanwhile, then the stale form is refused with the typed values kept', async () => {
    const incident = await makeIncident(UNKNOWNS);
    const path = `/incidents/${String(incident._id)}/facts`;
    const stale = await correctionForm(agent, path, { recipientTrusted: 'no', reason: 'Eerste versie.' });
    const first = await postForm(
      agent,
      path,
      path,
      await correctionForm(agent, path, { confidentialityScope: 'known_recipients', reason: REASON }),
    );
    assert.equal(first.status, 303);
    const res = await postForm(agent, path, path, stale);
    assert.equal(res.status, 409);
    assert.match(res.text, /Iemand anders heeft de feiten intussen gewijzigd\./);
    assert.match(res.text, />Eerste versie\.<\/textarea>/);
    assert.equal(await FactCorrection.countDocuments({ incidentId: incident._id }), 1);
  });

  it('when two officers correct the same incident at the same moment, then both versions are kept under distinct numbers', async () => {
    const incident = await makeIncident(UNKNOWNS);
    const other = await makeUser('privacy_officer', { name: 'Otto Officer' });
    const ctx = (user: typeof officer) => ({
      user,
      origin: { ip: '127.0.0.1', via: 'web' as const },
      now: t.clock.now(),
    });
    const [a, b] = await Promise.all([
      correctFacts(
        String(incident._id),
        { values: { recipientTrusted: 'yes' }, reason: 'Eerste.', stamp: undefined },
        ctx(officer),
      ),
      correctFacts(
        String(incident._id),
        { values: { dataRetrieved: 'yes' }, reason: 'Tweede.', stamp: undefined },
        ctx(other),
      ),
    ]);
    assert.deepEqual([a.version, b.version].sort(), [1, 2]);
    const stored = await FactCorrection.find({ incidentId: incident._id }).lean();
    assert.deepEqual(stored.map((c) => c.version).sort(), [1, 2]);
  });

  it('when a reporter or liaison asks for the facts page, then it is refused', async () => {
    const incident = await makeIncident(UNKNOWNS);
    const reporter = await signIn(t.app, await makeUser('reporter'));
    assert.equal((await reporter.get(`/incidents/${String(incident._id)}/facts`)).status, 403);
    const liaison = await signIn(t.app, await makeUser('ministry_liaison'));
    assert.equal((await liaison.get(`/incidents/${String(incident._id)}/facts`)).status, 403);
  });
});
