// One engine for the web page and `meldpunt assess` (contracts.md §3), re-assessment history and
// new duties from the moment the risk is raised (domain.md §10.5), concurrent saves.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, signIn, type Agent } from '../helpers/http.js';
import { makeIncident } from '../helpers/duty-fixtures.js';
import { Assessment, type AssessmentDoc } from '../../models/assessment.model.js';
import { runCli } from '../../server/cli/cli-runner.js';
import { COMMANDS } from '../../server/cli/commands.js';
import { toAssessOutput, type AssessmentResult } from '../../server/assessments/assess.js';

const H = 3_600_000;

/** Runs `meldpunt assess FILE` in-process on a JSON object; returns the parsed stdout. */
async function cliAssess(input: unknown): Promise<unknown> {
  let out = '';
  let err = '';
  const code = await runCli(
    ['assess', 'case.json'],
    {
      readStdin: () => Promise.reject(new Error('no stdin')),
      readFile: () => Promise.resolve(JSON.stringify(input)),
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
    },
    COMMANDS,
  );
  assert.equal(code, 0, err);
  return JSON.parse(out);
}

async function post(agent: Agent, id: string, fields: Record<string, unknown>) {
  const path = `/incidents/${id}/assessment`;
  const token = await csrfToken(agent, path);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: token, ...fields });
}

// A case with unknowns, an adjustment and a DST change inside the 72 hours.
const FORM = {
  incidentCause: 'hacking_malware',
  incidentNature: ['copied'],
  breachTypes: ['confidentiality', 'availability'],
  discoveredAt: '2026-10-24T00:00',
  awarenessAt: '2026-10-24T10:15',
  personalDataInvolved: 'yes',
  dataCategories: ['health', 'name_address'],
  subjectCategories: ['clients', 'minors'],
  subjectsCountMin: '1200',
  subjectsCountMax: '15000',
  confidentialityScope: 'unknown',
  availabilityImpact: 'temporary',
  unavailableHours: '30',
  backupAvailable: 'yes',
  malicious: 'unknown',
  unintelligibility: 'none',
  dpcAdjustment: '-1',
  dpcAdjustmentReason: 'Alleen een afspraakcategorie, geen diagnose.',
  consequences: ['phishing_spam', 'stigmatisation_exclusion'],
  riskLevel: 'high',
  art34Exception: 'none',
};
// The same case as `meldpunt assess` JSON (offset-less times are Amsterdam time, as in the form).
const JSON_INPUT = {
  ...FORM,
  subjectsCountMin: 1200,
  subjectsCountMax: 15000,
  unavailableHours: 30,
  dpcAdjustment: -1,
};

describe('http: one engine, versions and re-assessment', function () {
  this.timeout(60_000);
  let t: TestApp;
  let agent: Agent;
  before(async () => {
    t = await buildTestApp({}, '2026-10-24T12:00:00Z');
    agent = await signIn(t.app, await makeUser('privacy_officer', { name: 'Vera Versions' }));
  });

  it('when the same input goes through the web page and `meldpunt assess`, then the results are identical', async () => {
    t.clock.set('2026-10-24T12:00:00Z');
    const incident = await makeIncident();
    const id = String(incident._id);
    // The page's subjects anchor for a first decision is "now".
    const cli = (await cliAssess({ ...JSON_INPUT, decidedAt: t.clock.now().toISOString() })) as ReturnType<
      typeof toAssessOutput
    >;

    const page = await post(agent, id, { ...FORM, action: 'recompute' });
    assert.equal(page.status, 200, page.text.replace(/[\s\S]*<main/, '').slice(0, 600));
    const m = /data-score="([\d.]+)" data-band="(\w+)" data-suggested="(\w+)"/.exec(page.text);
    assert.deepEqual(m?.slice(1), [String(cli.enisa.score), cli.enisa.band, cli.suggestedRisk]);
    const shownRules = [...page.text.matchAll(/<li data-rule="([^"]+)"/g)].map((x) => x[1]);
    assert.deepEqual(
      shownRules,
      cli.rules.map((r) => r.id),
    );
    for (const [duty, key] of [
      ['authority', 'authority'],
      ['ministry', 'ministry'],
      ['subjects', 'subjects'],
    ] as const) {
      const iso = cli.deadlines[key];
      if (iso)
        assert.match(page.text, new RegExp(`data-duty="${duty}">[^\\n]*<time datetime="${iso}">`), duty);
    }

    // Saved: the stored input run through the CLI gives exactly the stored result.
    const saved = await post(agent, id, { ...FORM, action: 'save' });
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    const doc = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    const fromCli = await cliAssess(doc!.input);
    assert.deepEqual(fromCli, JSON.parse(JSON.stringify(toAssessOutput(doc!.result as AssessmentResult))));
    assert.deepEqual(fromCli, cli);
  });

  it('when the risk is raised later, then the affected-persons duty runs from that decision; the AP clock stays on awareness', async () => {
    t.clock.set('2026-03-09T12:00:00Z');
    const incident = await makeIncident({
      discoveredAt: new Date('2026-03-09T08:00:00Z'),
      reportedInternallyAt: new Date('2026-03-09T09:00:00Z'),
    });
    const id = String(incident._id);
    const base = {
      incidentCause: 'email_wrong_recipient',
      breachTypes: ['confidentiality'],
      discoveredAt: '2026-03-09T09:00',
      awarenessAt: '2026-03-09T10:00',
      personalDataInvolved: 'yes',
      dataCategories: ['name_address', 'national_id'],
      confidentialityScope: 'known_recipients',
      malicious: 'no',
      unintelligibility: 'none',
      easeOfIdentification: 'maximum',
      art34Exception: 'none',
    };
    const v1 = await post(agent, id, {
      ...base,
      riskLevel: 'risk',
      riskJustification: 'Eén bekende ontvanger, verwijdering bevestigd.',
      action: 'save',
    });
    assert.equal(v1.status, 303, v1.text.replace(/[\s\S]*<main/, '').slice(0, 1500));
    t.clock.advanceHours(30);
    // Exfiltration discovered: malicious, unknown recipients.
    const v2 = await post(agent, id, {
      ...base,
      malicious: 'yes',
      confidentialityScope: 'unknown_recipients_or_public',
      riskLevel: 'high',
      action: 'save',
    });
    assert.equal(v2.status, 303, v2.text.replace(/[\s\S]*<main/, '').slice(0, 1500));
    t.clock.advanceHours(10);
    const v3 = await post(agent, id, {
      ...base,
      malicious: 'yes',
      confidentialityScope: 'unknown_recipients_or_public',
      riskLevel: 'high',
      consequences: ['identity_fraud'],
      action: 'save',
    });
    assert.equal(v3.status, 303);

    const versions = await Assessment.find({ incidentId: incident._id })
      .sort({ version: 1 })
      .lean<AssessmentDoc[]>();
    assert.deepEqual(
      versions.map((v) => `${v.version}:${v.riskLevel}:${v.duties!.informSubjects}`),
      ['1:risk:false', '2:high:true', '3:high:true'],
    );
    const authority = versions.map((v) => v.deadlines!.authority!.toISOString());
    assert.deepEqual(authority, Array(3).fill('2026-03-12T09:00:00.000Z'));
    assert.equal(versions[0]!.deadlines!.subjects, undefined);
    // From the decision at 12:00 + 30 h, plus 72 h; not moved by version 3.
    const expected = new Date(Date.parse('2026-03-09T12:00:00Z') + (30 + 72) * H).toISOString();
    assert.equal(versions[1]!.deadlines!.subjects!.toISOString(), expected);
    assert.equal(versions[2]!.deadlines!.subjects!.toISOString(), expected);

    const page = await agent.get(`/incidents/${id}/assessment`);
    assert.deepEqual(
      [...page.text.matchAll(/<tr data-version="(\d+)">/g)].map((x) => x[1]),
      ['3', '2', '1'],
    );
    assert.match(page.text, /Vera Versions/);
    assert.match(page.text, /data-duty="subjects" data-status="open"/);
  });

  it('when two officers save at the same moment, then both versions are kept under distinct numbers', async () => {
    t.clock.set('2026-03-16T12:00:00Z');
    const incident = await makeIncident();
    const id = String(incident._id);
    const other = await signIn(t.app, await makeUser('privacy_officer', { name: 'Otto Other' }));
    const path = `/incidents/${id}/assessment`;
    const [ta, tb] = [await csrfToken(agent, path), await csrfToken(other, path)];
    const form = {
      incidentCause: 'email_wrong_recipient',
      awarenessAt: '2026-03-16T10:00',
      dataCategories: ['national_id'],
      riskLevel: 'high',
      easeOfIdentification: 'maximum',
      confidentialityScope: 'known_recipients',
      malicious: 'no',
      action: 'save',
    };
    const [a, b] = await Promise.all([
      agent
        .post(path)
        .type('form')
        .send({ _csrf: ta, ...form }),
      other
        .post(path)
        .type('form')
        .send({ _csrf: tb, ...form }),
    ]);
    assert.deepEqual([a.status, b.status], [303, 303]);
    const versions = await Assessment.find({ incidentId: incident._id }).lean<AssessmentDoc[]>();
    assert.deepEqual(versions.map((v) => v.version).sort(), [1, 2]);
    assert.deepEqual(versions.map((v) => v.assessorName).sort(), ['Otto Other', 'Vera Versions']);
  });
});
