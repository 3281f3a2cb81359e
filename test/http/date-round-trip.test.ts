// Issue 12, problem 3: every form with a date-time comes back after a validation error with the
// time exactly as typed (Dutch local time) and submits the same instant again — in winter and
// summer time and on both days the clocks change. The server process runs in a zone that is
// neither UTC nor Dutch here, so a time read in the process's own zone cannot go unnoticed (the
// AP filing's "Verstuurd op" came back an hour later, 07:54 → 08:54, and was then refused as lying
// in the future).
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { postForm, signIn, type Agent } from '../helpers/http.js';
import { fileReport, reportForm } from '../helpers/incidents.js';
import { createRun, saveRunTexts } from '../../server/notices/notice-runs.service.js';
import { completeTexts, ctxOf, TEST_CONTACT_KEY } from '../helpers/notices.js';
import { AuthorityFiling } from '../../models/authority-filing.model.js';
import { Incident } from '../../models/incident.model.js';
import { NoticePublication } from '../../models/notice-publication.model.js';
import { assessIncident, makeIncident, TEST_ENV } from '../integration/authority/authority-fixtures.js';
import { makeIncident as makeSubmittedIncident } from '../helpers/duty-fixtures.js';
import { Assessment } from '../../models/assessment.model.js';
import { workedExampleForm } from '../helpers/assessment-form.js';

/** The value a page puts back into the datetime-local input `id`. */
function inputValue(html: string, id: string): string | undefined {
  return new RegExp(`<input id="${id}"[^>]*\\svalue="([^"]*)"`).exec(html)?.[1];
}

// Dutch wall-clock times and the instants they are: winter (CET, +1), summer (CEST, +2), the first
// minutes after summer time starts (02:00–02:59 does not exist on 29 March 2026), and the hour that
// occurs twice when it ends (25 October 2026: 02:30 is read as its earlier occurrence, summer time,
// as the assessment's clock reads it: domain.md §10.8 item 7).
const CASES = [
  { typed: '2026-01-05T07:54', utc: '2026-01-05T06:54:00.000Z', label: 'winter time' },
  { typed: '2026-07-01T07:54', utc: '2026-07-01T05:54:00.000Z', label: 'summer time' },
  { typed: '2026-03-29T01:59', utc: '2026-03-29T00:59:00.000Z', label: 'just before summer time starts' },
  { typed: '2026-03-29T03:01', utc: '2026-03-29T01:01:00.000Z', label: 'just after summer time starts' },
  {
    typed: '2026-10-25T02:30',
    utc: '2026-10-25T00:30:00.000Z',
    label: 'the repeated hour when summer time ends',
  },
  { typed: '2026-10-25T03:30', utc: '2026-10-25T02:30:00.000Z', label: 'just after summer time ends' },
] as const;

const dayBefore = (utc: string) => new Date(new Date(utc).getTime() - 24 * 3_600_000);
const dayAfter = (utc: string) => new Date(new Date(utc).getTime() + 24 * 3_600_000);
const AP_SUMMARY = 'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.';

describe('http: date-times survive a round trip through every form', function () {
  this.timeout(120_000);
  let t: TestApp;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let agent: Agent;
  const zone = process.env.TZ;
  before(async () => {
    process.env.TZ = 'America/New_York';
    t = await buildTestApp({ ...TEST_ENV, ATTACHMENT_KEY: TEST_CONTACT_KEY }, '2026-01-06T12:00:00Z');
    officer = await makeUser('privacy_officer', { name: 'Olga Officer' });
    agent = await signIn(t.app, officer);
  });
  after(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  for (const c of CASES) {
    it(`when the AP filing, follow-up and withdrawal come back with an error (${c.label}), then "Verstuurd op" shows ${c.typed} and submits the same instant`, async () => {
      t.clock.set(dayAfter(c.utc).toISOString());
      const incident = await makeIncident({
        discoveredAt: dayBefore(c.utc),
        occurredFrom: dayBefore(c.utc),
        occurredTo: dayBefore(c.utc),
      });
      await assessIncident(incident._id);
      const page = `/authority/incidents/${String(incident._id)}`;
      const base = {
        kind: 'initial',
        summary: AP_SUMMARY,
        complete: 'no',
        reasonForDelay: 'Pas later bekend.',
      };

      // Initial filing: the AP reference is missing.
      const bad = await postForm(agent, page, `${page}/filings`, { ...base, submittedAt: c.typed });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /id="apReference-error"/);
      const shown = inputValue(bad.text, 'submittedAt');
      assert.equal(shown, c.typed);
      const ok = await postForm(agent, page, `${page}/filings`, {
        ...base,
        submittedAt: shown,
        apReference: 'M-1',
      });
      assert.equal(ok.status, 303, ok.text.slice(0, 400));
      assert.equal(
        (
          await AuthorityFiling.findOne({ incidentId: incident._id, version: 1 }).lean()
        )?.submittedAt.toISOString(),
        c.utc,
      );

      // Follow-up: "complete" is not chosen.
      const fBad = await postForm(agent, page, `${page}/filings`, {
        kind: 'followup',
        summary: AP_SUMMARY,
        submittedAt: c.typed,
      });
      assert.equal(fBad.status, 400);
      assert.equal(inputValue(fBad.text, 'submittedAt'), c.typed);
      const fOk = await postForm(agent, page, `${page}/filings`, {
        kind: 'followup',
        summary: AP_SUMMARY,
        submittedAt: inputValue(fBad.text, 'submittedAt'),
        complete: 'no',
      });
      assert.equal(fOk.status, 303, fOk.text.slice(0, 400));
      assert.equal(
        (
          await AuthorityFiling.findOne({ incidentId: incident._id, version: 2 }).lean()
        )?.submittedAt.toISOString(),
        c.utc,
      );

      // Withdrawal: the reason is missing.
      const wBad = await postForm(agent, page, `${page}/withdrawal`, { submittedAt: c.typed, reason: '' });
      assert.equal(wBad.status, 400);
      assert.equal(inputValue(wBad.text, 'withdrawnAt'), c.typed);
      const wOk = await postForm(agent, page, `${page}/withdrawal`, {
        submittedAt: inputValue(wBad.text, 'withdrawnAt'),
        reason: 'Geen datalek.',
      });
      assert.equal(wOk.status, 303, wOk.text.slice(0, 400));
      assert.equal(
        (
          await AuthorityFiling.findOne({ incidentId: incident._id, version: 3 }).lean()
        )?.submittedAt.toISOString(),
        c.utc,
      );
    });
  }

  it('when a time in the hour skipped by summer time is typed, then it is refused as invalid and comes back as typed, not moved', async () => {
    t.clock.set('2026-03-30T12:00:00Z');
    const incident = await makeIncident({
      discoveredAt: new Date('2026-03-28T09:00:00Z'),
      occurredFrom: new Date('2026-03-28T08:00:00Z'),
      occurredTo: new Date('2026-03-28T08:30:00Z'),
    });
    await assessIncident(incident._id);
    const page = `/authority/incidents/${String(incident._id)}`;
    const res = await postForm(agent, page, `${page}/filings`, {
      kind: 'initial',
      summary: AP_SUMMARY,
      complete: 'no',
      apReference: 'M-2',
      submittedAt: '2026-03-29T02:30',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /id="submittedAt-error"/);
    assert.equal(inputValue(res.text, 'submittedAt'), '2026-03-29T02:30');
    assert.equal(await AuthorityFiling.countDocuments({ incidentId: incident._id }), 0);
  });

  for (const c of [CASES[0], CASES[3], CASES[4]]) {
    it(`when the report form comes back with an error (${c.label}), then the discovery time shows ${c.typed} and submits the same instant`, async () => {
      t.clock.set(dayAfter(c.utc).toISOString());
      const reporter = await signIn(t.app, await makeUser('reporter'));
      const form = reportForm({ occurredFrom: c.typed, discoveredAt: c.typed });
      const bad = await postForm(reporter, '/reports/new', '/reports', { ...form, summary: ' ' });
      assert.equal(bad.status, 400);
      assert.equal(inputValue(bad.text, 'discoveredAt'), c.typed);
      const ok = await postForm(reporter, '/reports/new', '/reports', {
        ...form,
        discoveredAt: inputValue(bad.text, 'discoveredAt')!,
      });
      assert.equal(ok.status, 303, ok.text.slice(0, 400));
      const id = /\/reports\/([0-9a-f]{24})\/submitted$/.exec(ok.headers.location ?? '')?.[1];
      assert.equal((await Incident.findById(id).lean())?.discoveredAt.toISOString(), c.utc);
    });
  }

  for (const c of [CASES[1], CASES[3], CASES[4]]) {
    it(`when the awareness form comes back with an error (${c.label}), then it shows ${c.typed} and submits the same instant`, async () => {
      t.clock.set(dayAfter(c.utc).toISOString());
      const r = await fileReport(await makeUser('reporter'), new Date(c.utc), {
        occurredFrom: c.typed,
        discoveredAt: c.typed,
      });
      const page = `/incidents/${r.id}`;
      const bad = await postForm(agent, page, `${page}/awareness`, {
        awarenessAt: c.typed,
        awarenessNote: 'x'.repeat(5001),
      });
      assert.equal(bad.status, 400);
      assert.equal(inputValue(bad.text, 'awarenessAt'), c.typed);
      const ok = await postForm(agent, page, `${page}/awareness`, {
        awarenessAt: inputValue(bad.text, 'awarenessAt'),
      });
      assert.equal(ok.status, 303, ok.text.slice(0, 400));
      assert.equal((await Incident.findById(r.id).lean())?.awarenessAt?.toISOString(), c.utc);
    });
  }

  for (const c of [CASES[0], CASES[3], CASES[4]]) {
    it(`when recording the public notice comes back with an error (${c.label}), then the publication time shows ${c.typed} and submits the same instant`, async () => {
      t.clock.set(dayAfter(c.utc).toISOString());
      const incident = await makeIncident();
      const run = await createRun(String(incident._id), ctxOf(officer, t.clock.now()));
      await saveRunTexts(String(run._id), completeTexts(), ctxOf(officer, t.clock.now()));
      const page = `/notices/runs/${String(run._id)}/public`;
      const bad = await postForm(agent, page, page, { where: '', publishedAt: c.typed });
      assert.equal(bad.status, 400);
      assert.equal(inputValue(bad.text, 'publishedAt'), c.typed);
      const ok = await postForm(agent, page, page, {
        where: 'Website',
        publishedAt: inputValue(bad.text, 'publishedAt'),
      });
      assert.equal(ok.status, 303, ok.text.slice(0, 400));
      assert.equal(
        (await NoticePublication.findOne({ runId: run._id }).lean())?.publishedAt.toISOString(),
        c.utc,
      );
    });
  }

  for (const c of [CASES[0], CASES[3], CASES[4]]) {
    it(`when the assessment form comes back with an error (${c.label}), then awareness shows ${c.typed} and is saved as the same instant`, async () => {
      t.clock.set(dayAfter(c.utc).toISOString());
      const discovered = dayBefore(c.utc);
      const incident = await makeSubmittedIncident({
        discoveredAt: discovered,
        reportedInternallyAt: discovered,
        occurredFrom: discovered,
        occurredTo: discovered,
      });
      const path = `/incidents/${String(incident._id)}/assessment`;
      const form = {
        ...workedExampleForm(),
        discoveredAt: localOf(discovered),
        awarenessAt: c.typed,
        awarenessNote: 'Pas na controle vastgesteld.',
        riskLevel: 'high',
      };
      const bad = await postForm(agent, path, path, { ...form, subjectsCountMax: 'veel', action: 'save' });
      assert.equal(bad.status, 400);
      const shown = /name="awarenessAt" type="datetime-local" value="([^"]*)"/.exec(bad.text)?.[1];
      assert.equal(shown, c.typed);
      const hidden: Record<string, string> = {};
      for (const m of bad.text.matchAll(/<input type="hidden" name="(\w+Utc)" value="([^"]*)">/g))
        hidden[m[1]!] = m[2]!;
      const ok = await postForm(agent, path, path, {
        ...form,
        ...hidden,
        awarenessAt: shown,
        action: 'save',
      });
      assert.equal(ok.status, 303, /error">[^<]*/.exec(ok.text)?.[0] ?? ok.text.slice(0, 300));
      assert.equal(
        (await Assessment.findOne({ incidentId: incident._id }).lean())?.awarenessAt?.toISOString(),
        c.utc,
      );
    });
  }
});

/** An instant as a datetime-local value (Dutch time). */
function localOf(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(' ', 'T');
}
