// The assessment page (issue 4 items 3–4): pre-fill from the intake, recompute without saving,
// saving versions with duties and deadlines, the justification rule, history, and one engine for
// the web page and `meldpunt assess`.
import assert from 'node:assert/strict';
import request from 'supertest';
import { Types } from 'mongoose';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfFrom, csrfToken, signIn, type Agent } from '../helpers/http.js';
import { makeIncident } from '../helpers/duty-fixtures.js';
import { Assessment, type AssessmentDoc } from '../../models/assessment.model.js';
import { Incident } from '../../models/incident.model.js';
import { IncidentEvent } from '../../models/incident-event.model.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { workedExampleForm } from '../helpers/assessment-form.js';

/** Posts the assessment form with the page's CSRF token (lists repeat their field name). */
async function postAssessment(agent: Agent, id: string, fields: Record<string, unknown>) {
  const path = `/incidents/${id}/assessment`;
  const token = await csrfToken(agent, path);
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: token, ...fields });
}

/** The form fields of the worked example of domain.md §7.7 (as the page pre-fills them). */
const WORKED_EXAMPLE = {
  ...workedExampleForm(),
  discoveredAt: '2026-03-02T09:00',
  awarenessAt: '2026-03-02T10:00',
};

describe('http: the assessment page', function () {
  this.timeout(60_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let agent: Agent;
  before(async () => {
    t = await buildTestApp({}, '2026-03-02T12:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Paula Privacy' });
    agent = await signIn(t.app, officer);
  });

  it('when the privacy officer opens it, then the intake is pre-filled and the engine result is shown', async () => {
    const incident = await makeIncident();
    const res = await agent.get(`/incidents/${String(incident._id)}/assessment`);
    assert.equal(res.status, 200);
    assert.match(res.text, /name="dataCategories" value="national_id" checked/);
    assert.match(res.text, /name="confidentialityScope" value="known_recipients" checked/);
    // Awareness defaults to discovery (08:00Z), not the later internal report (09:00Z) (domain.md
    // §10.8 item 7), shown in Amsterdam time (UTC+1 in March).
    assert.match(res.text, /name="awarenessAt" type="datetime-local" value="2026-03-02T09:00"/);
    // EI unknown → worst case maximum: 3 × 1 + 0.25 = 3.25, high (domain.md §7.7).
    assert.match(res.text, /data-score="3.25" data-band="high" data-suggested="high"/);
    assert.match(res.text, /data-rule="floor.national-id"/);
    assert.match(res.text, /BSN/);
    // The intake names the persons as clients without saying whether they are vulnerable: the
    // profile's assumption is shown next to the justification (domain.md §10.8 item 4).
    assert.match(res.text, /data-assumptions>[\s\S]*cliënt zijn van deze organisatie is zelf gevoelig/);
    assert.ok(
      await AuditEntry.exists({
        action: 'assessment.view',
        'object.id': String(incident._id),
        'actor.id': officer.id,
      }),
    );
  });

  it('when a reporter or an anonymous visitor asks for it, then 403 or the sign-in page', async () => {
    const incident = await makeIncident();
    const reporter = await signIn(t.app, await makeUser('reporter'));
    assert.equal((await reporter.get(`/incidents/${String(incident._id)}/assessment`)).status, 403);
    const anon = await request(t.app).get(`/incidents/${String(incident._id)}/assessment`);
    assert.equal(anon.status, 303);
    assert.equal((await agent.get(`/incidents/${String(new Types.ObjectId())}/assessment`)).status, 404);
    assert.equal((await agent.get('/incidents/not-an-id/assessment')).status, 404);
  });

  it('when "Recompute" is pressed, then the page shows the new result and nothing is saved', async () => {
    const incident = await makeIncident();
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      confidentialityScope: 'unknown_recipients_or_public',
      malicious: 'yes',
      riskLevel: 'high',
      action: 'recompute',
    });
    assert.equal(res.status, 200);
    // 3 × 1 + 0.5 + 0.5 = 4 → very high.
    assert.match(res.text, /data-score="4" data-band="very_high" data-suggested="high"/);
    assert.match(res.text, /name="malicious" value="yes" checked/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
    assert.equal((await Incident.findById(incident._id).lean())!.status, 'submitted');
  });

  it('when the decision agrees with the suggestion and is saved, then version 1 holds duties and deadlines and the incident is assessed', async () => {
    const incident = await makeIncident();
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'high',
      action: 'save',
    });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    assert.ok(saved);
    assert.equal(saved.version, 1);
    assert.equal(saved.suggestedRisk, 'high');
    assert.equal(saved.riskLevel, 'high');
    assert.equal(saved.assessorId, officer.id);
    assert.deepEqual(
      { a: saved.duties!.notifyAuthority, s: saved.duties!.informSubjects, m: saved.duties!.notifyMinistry },
      { a: true, s: true, m: true },
    );
    // Awareness 10:00 Amsterdam = 09:00 UTC; the AP deadline is 72 clock hours later.
    assert.equal(saved.awarenessAt!.toISOString(), '2026-03-02T09:00:00.000Z');
    assert.equal(saved.deadlines!.authority!.toISOString(), '2026-03-05T09:00:00.000Z');
    // Ministry: 24 h from the duty itself, i.e. this decision (domain.md §10.8 item 7; it was discovery).
    assert.equal(saved.deadlines!.ministry!.toISOString(), '2026-03-03T12:00:00.000Z');
    assert.equal((saved.input as { ministryDutyAt?: string }).ministryDutyAt, '2026-03-02T12:00:00.000Z');
    // Affected persons: 72 h from this decision (the test clock).
    assert.equal(saved.deadlines!.subjects!.toISOString(), '2026-03-05T12:00:00.000Z');
    const stored = await Incident.findById(incident._id).lean();
    assert.equal(stored!.status, 'assessed');
    const events = await IncidentEvent.find({ incidentId: incident._id }).sort({ _id: 1 }).lean();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['assessed', 'status-changed', 'status-changed'],
    );
    assert.deepEqual(
      events.filter((e) => e.kind === 'status-changed').map((e) => (e.data as { to: string }).to),
      ['triage', 'assessed'],
    );
    assert.ok(
      await AuditEntry.exists({
        action: 'assessment.save',
        'object.id': String(incident._id),
        'details.version': 1,
      }),
    );
    const page = await agent.get(res.headers.location!);
    assert.match(page.text, /Beoordeling opgeslagen als versie 1/);
    assert.match(page.text, /<tr data-version="1">/);
    assert.match(page.text, /data-duty="authority" data-status="open"/);
  });

  it('when the decision differs from the suggestion without a justification, then it is refused with a clear message and nothing is saved', async () => {
    const incident = await makeIncident();
    const auditBefore = await AuditEntry.countDocuments({
      action: 'assessment.save',
      'object.id': String(incident._id),
    });
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'none',
      riskJustification: '  ',
      action: 'save',
    });
    assert.equal(res.status, 400);
    assert.match(
      res.text,
      /Je besluit wijkt af van de suggestie. Geef een schriftelijke motivering; er is niets opgeslagen./,
    );
    assert.match(res.text, /href="#field-riskJustification"/);
    // The user's input is kept.
    assert.match(res.text, /name="riskLevel" value="none" checked/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
    assert.equal((await Incident.findById(incident._id).lean())!.status, 'submitted');
    assert.equal(await IncidentEvent.countDocuments({ incidentId: incident._id }), 0);
    assert.equal(
      await AuditEntry.countDocuments({ action: 'assessment.save', 'object.id': String(incident._id) }),
      auditBefore,
    );

    // With a justification the same decision is saved, and the history shows the deviation and reason.
    const ok = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'none',
      riskJustification:
        'Ontvanger is een zorgverlener met geheimhoudingsplicht en heeft verwijdering bevestigd.',
      action: 'save',
    });
    assert.equal(ok.status, 303);
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    assert.equal(saved!.riskLevel, 'none');
    assert.equal(saved!.suggestedRisk, 'high');
    assert.equal(saved!.duties!.notifyAuthority, false);
    const page = await agent.get(`/incidents/${String(incident._id)}/assessment`);
    assert.match(page.text, /<strong>Geen risico<\/strong>/);
    assert.match(page.text, /zorgverlener met geheimhoudingsplicht/);
  });

  it('when a decision not to notify agrees with the suggestion, then written reasons are still required (domain.md §10.8 item 8)', async () => {
    const incident = await makeIncident();
    // Name and address only, to one recipient: 1 × 1 + 0.25 = 1.25 → the suggestion is "none".
    const harmless = {
      ...WORKED_EXAMPLE,
      dataCategories: ['name_address'],
      subjectCategories: ['employees'],
      vulnerableSubjects: 'no',
    };
    const refused = await postAssessment(agent, String(incident._id), {
      ...harmless,
      riskLevel: 'none',
      action: 'save',
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /data-suggested="none"/);
    assert.match(refused.text, /Leg schriftelijk vast waarom, ook als je de suggestie volgt/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
    const ok = await postAssessment(agent, String(incident._id), {
      ...harmless,
      riskLevel: 'none',
      riskJustification: 'Alleen een naam en adres bij één collega-organisatie; geen gevolgen.',
      action: 'save',
    });
    assert.equal(ok.status, 303);
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    assert.equal(saved!.suggestedRisk, 'none');
    assert.match(saved!.justification!, /collega-organisatie/);
  });

  it('when an Art. 34(3) exception is chosen without grounds, then it is refused; with grounds it is stored', async () => {
    const incident = await makeIncident();
    const refused = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'high',
      art34Exception: 'disproportionate_effort',
      action: 'save',
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, /Geef de onderbouwing van de uitzondering/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
    const ok = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'high',
      art34Exception: 'disproportionate_effort',
      art34ExceptionReason: 'Adressen van 40 remigranten onbekend; publicatie op de website.',
      action: 'save',
    });
    assert.equal(ok.status, 303);
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    assert.equal(saved!.art34Exception, 'disproportionate_effort');
    assert.equal(saved!.duties!.informSubjects, false);
    assert.equal(saved!.duties!.publicCommunication, true);
    assert.match(saved!.art34ExceptionReason!, /publicatie op de website/);
  });

  it('when exception (a) is claimed for data that were not unintelligible, then the page says it is refused and the duty to inform stays (domain.md §10.8 item 6)', async () => {
    const incident = await makeIncident();
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'high',
      art34Exception: 'unintelligible',
      art34ExceptionReason: 'De bijlage was versleuteld.',
      action: 'save',
    });
    assert.equal(res.status, 303);
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    assert.equal(saved!.duties!.informSubjects, true);
    const page = await agent.get(`/incidents/${String(incident._id)}/assessment`);
    assert.match(page.text, /data-rule="duty.art34-exception-refused"/);
    assert.match(page.text, /Art. 34 lid 3 sub a geweigerd/);
  });

  it('when awareness is more than 24 h after discovery, then a note is required before saving', async () => {
    const incident = await makeIncident();
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      awarenessAt: '2026-03-04T10:00',
      riskLevel: 'high',
      action: 'save',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /meer dan 24 uur zat tussen ontdekken en vaststellen/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
  });

  it('when a field has a wrong value, then the page names it and keeps the input', async () => {
    const incident = await makeIncident();
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      subjectsCountMax: 'veel',
      dpcAdjustment: '2',
      riskLevel: 'high',
      action: 'recompute',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /href="#field-subjectsCountMax"/);
    assert.match(res.text, /href="#field-dpcAdjustmentReason"/);
    assert.match(res.text, /Geef een reden voor de aanpassing van de DPC/);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 0);
  });
  it('when protection is recorded per category, then the readable categories decide and the choice is kept on the page (domain.md §10.8 item 1)', async () => {
    const incident = await makeIncident();
    const res = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      dataCategories: ['access_credentials', 'national_id'],
      unintelligibility: 'hashed_salted_strong',
      protection_national_id: 'none',
      riskLevel: 'high',
      action: 'recompute',
    });
    assert.equal(res.status, 200);
    assert.match(res.text, /data-rule="neutralise.partly"/);
    assert.match(res.text, /data-rule="floor.national-id"/);
    assert.match(
      res.text,
      /<select id="f-protection_national_id" name="protection_national_id"[^>]*>[\s\S]*?<option value="none" selected>/,
    );
    assert.match(res.text, /Beveiliging: BSN/);
  });

  it('when awareness is before discovery, then it is refused; a time in the repeated autumn hour is taken as the earlier one with a warning (domain.md §10.8 item 7)', async () => {
    const incident = await makeIncident();
    const before = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      awarenessAt: '2026-03-02T08:00',
      riskLevel: 'high',
      action: 'recompute',
    });
    assert.equal(before.status, 400);
    assert.match(before.text, /Het moment van vaststellen kan niet vóór de ontdekking liggen/);
    const autumn = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      discoveredAt: '2026-10-25T01:00',
      awarenessAt: '2026-10-25T02:30',
      riskLevel: 'high',
      action: 'save',
    });
    assert.equal(autumn.status, 303);
    const saved = await Assessment.findOne({ incidentId: incident._id }).lean<AssessmentDoc>();
    assert.equal(saved!.awarenessAt!.toISOString(), '2026-10-25T00:30:00.000Z');
    const page = await agent.get(`/incidents/${String(incident._id)}/assessment`);
    assert.match(page.text, /data-warning="ambiguous-time">Dit tijdstip komt twee keer voor[^<]*UTC\+02:00/);
  });

  it('when the recomputed page is submitted again, then its form carries a working CSRF token', async () => {
    const incident = await makeIncident();
    const path = `/incidents/${String(incident._id)}/assessment`;
    const first = await postAssessment(agent, String(incident._id), {
      ...WORKED_EXAMPLE,
      riskLevel: 'high',
      action: 'recompute',
    });
    assert.equal(first.status, 200);
    const token = csrfFrom(first.text);
    const saved = await agent
      .post(path)
      .type('form')
      .send({ _csrf: token, ...WORKED_EXAMPLE, riskLevel: 'high', action: 'save' });
    assert.equal(saved.status, 303);
    assert.equal(await Assessment.countDocuments({ incidentId: incident._id }), 1);
  });
});
