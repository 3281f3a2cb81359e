// Settings in the app (issue 12): the administrator sets the organisation's details, the ministry's
// addresses, the escalation addresses and the reminder schedule; values are checked field by field,
// every change is audited old → new, the environment's values are the defaults, and a change applies
// at once — in a ministry send delivered over SMTP, in the AP dossier and in the reminder scheduler.
// Pages that need a missing setting say so inline. The suite's database is shared: the stored
// settings are cleared before and after, so no other file sees them.
import assert from 'node:assert/strict';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { makeUser } from '../helpers/factories.js';
import { csrfToken, postForm, signIn, type Agent } from '../helpers/http.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { makeIncident as makeReport } from '../helpers/duty-fixtures.js';
import {
  assessIncident,
  makeIncident,
  MEASURES,
  SUMMARY,
} from '../integration/authority/authority-fixtures.js';
import { AuditEntry } from '../../models/audit-entry.model.js';
import { MinistryNotice } from '../../models/ministry-notice.model.js';
import { OutboxMessage } from '../../models/outbox-message.model.js';
import { SettingsVersion } from '../../models/settings-version.model.js';
import { createMailWorker } from '../../notifications/worker.js';
import { createSmtpChannel } from '../../notifications/channels/smtp.channel.js';
import { reminderSchedulerFor } from '../../server/deadlines/reminder-job.js';
import {
  effectiveConfig,
  forgetCachedSettings,
  SETTINGS_CACHE_MS,
} from '../../server/settings/settings.service.js';
import type { Dossier } from '../../server/authority/dossier.js';
import { DEFAULT_ORGANISATION } from '../../server/organisation.js';

// The environment: a phone number, no sector and no ministry addresses.
const ENV = { ORG_PHONE: '030-1234567' };
const DEFAULT_NAME = DEFAULT_ORGANISATION.name;
const MINISTRY: [string, string] = ['datalek@minszw.example.test', 'tweede@minszw.example.test'];
const AP_SUMMARY = 'Een e-mail met adviesdossiers is naar een verkeerde externe ontvanger gestuurd.';

/** Every field of the settings form as the page shows it with the environment's values. */
function defaultForm(version: number): Record<string, string> {
  return {
    version: String(version),
    orgName: DEFAULT_ORGANISATION.name,
    orgAddress: DEFAULT_ORGANISATION.address,
    orgEmail: DEFAULT_ORGANISATION.email,
    orgPhone: '030-1234567',
    orgRegistrationNumber: '',
    orgSector: '',
    orgRole: 'controller',
    orgCommissioningParty: DEFAULT_ORGANISATION.commissioningParty,
    dpoName: DEFAULT_ORGANISATION.dpoName,
    dpoEmail: DEFAULT_ORGANISATION.dpoEmail,
    ministryEmails: '',
    escalationEmail: '',
    deputyEmail: '',
    reminderApHours: '24, 48, 60, 68',
    reminderMinistryPercents: '50, 90',
    reminderOverdueHours: '24',
    reminderFollowupDays: '7',
  };
}

async function clearSettings(): Promise<void> {
  await SettingsVersion.deleteMany({});
  forgetCachedSettings();
}

describe('http: settings in the app', function () {
  this.timeout(60_000);
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof makeUser>>;
  let adminAgent: Agent;
  let officer: Awaited<ReturnType<typeof makeUser>>;
  let officerAgent: Agent;
  let sink: SmtpSink;

  before(async () => {
    t = await buildTestApp(ENV, '2026-01-05T16:00:00Z');
    await clearSettings();
    admin = await makeUser('admin', { name: 'Anne de Beheerder' });
    officer = await makeUser('privacy_officer', { name: 'Olga Oosterhuis' });
    adminAgent = await signIn(t.app, admin);
    officerAgent = await signIn(t.app, officer);
    sink = await startSmtpSink();
  });
  after(async () => {
    await clearSettings();
    await sink.close();
  });
  beforeEach(async () => {
    t.clock.set('2026-01-05T16:00:00Z');
    await clearSettings();
  });

  async function currentVersion(): Promise<number> {
    const page = await adminAgent.get('/admin/settings');
    const m = /name="version" value="(\d+)"/.exec(page.text);
    assert.ok(m, 'the form carries the version it was filled in on');
    return Number(m[1]);
  }

  async function save(fields: Record<string, string>) {
    const version = await currentVersion();
    return postForm(adminAgent, '/admin/settings', '/admin/settings', { ...defaultForm(version), ...fields });
  }

  async function filedIncident() {
    const incident = await makeIncident();
    await assessIncident(incident._id);
    const id = String(incident._id);
    const dossier = `/authority/incidents/${id}`;
    const filed = await postForm(officerAgent, dossier, `${dossier}/filings`, {
      kind: 'initial',
      summary: AP_SUMMARY,
      submittedAt: '2026-01-05T16:30',
      apReference: 'M-2026-0042',
      complete: 'no',
    });
    assert.equal(filed.status, 303, filed.text.slice(0, 300));
    return { incident, id, dossier, notice: `/ministry/incidents/${id}/notice` };
  }

  it('when someone who is not an administrator opens or posts the settings, then it is refused with 403 and nothing is stored', async () => {
    assert.equal((await officerAgent.get('/admin/settings')).status, 403);
    const token = await csrfToken(officerAgent, '/account');
    const res = await officerAgent
      .post('/admin/settings')
      .type('form')
      .send({ _csrf: token, ...defaultForm(0), orgName: 'Overgenomen' });
    assert.equal(res.status, 403);
    assert.equal(await SettingsVersion.countDocuments(), 0);
    assert.equal((await effectiveConfig(t.config)).organisation.name, DEFAULT_NAME);
    // The administrator's navigation has the page; the officer's does not.
    assert.match((await adminAgent.get('/')).text, /href="\/admin\/settings"/);
    assert.doesNotMatch((await officerAgent.get('/dashboard')).text, /href="\/admin\/settings"/);
  });

  it('when the administrator opens the settings, then every field shows the value in force and the default from the environment, marked as such', async () => {
    const page = await adminAgent.get('/admin/settings');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Instellingen<\/h1>/);
    assert.match(page.text, /<input id="orgPhone" name="orgPhone" type="tel" value="030-1234567"/);
    assert.match(page.text, /id="orgPhone-default">Standaardwaarde uit de serverconfiguratie: 030-1234567\s/);
    // The role by its name, not its code.
    assert.match(
      page.text,
      /id="orgRole-default">Standaardwaarde uit de serverconfiguratie: Verwerkingsverantwoordelijke \(meldt zelf aan de AP\)\s/,
    );
    assert.match(
      page.text,
      /id="ministryEmails-default">Standaardwaarde uit de serverconfiguratie: niet ingesteld/,
    );
    assert.match(
      page.text,
      /id="reminderMinistryPercents-default">Standaardwaarde uit de serverconfiguratie: 50, 90/,
    );
    assert.match(page.text, /Nog niets gewijzigd/);
    // What a page needs but nobody set is marked: the sector for the AP, the ministry's addresses.
    assert.match(
      page.text,
      /<label for="orgSector">Sector[\s\S]*?<span class="badge warn">Ontbreekt in de melding aan de AP<\/span><\/label>/,
    );
    assert.match(
      page.text,
      /<label for="ministryEmails">[^<]*[\s\S]*?<span class="badge warn">Nodig voor het bericht aan het ministerie<\/span><\/label>/,
    );
    assert.doesNotMatch(page.text, /<label for="orgName">[^<]*[\s\S]{0,200}?badge warn/);
    // The administrator's start page names what is missing, with a link to each setting's field.
    const home = await adminAgent.get('/');
    assert.match(home.text, /De privacyfunctionarissen missen nog deze instellingen:/);
    assert.match(home.text, /<li>Sector<\/li>/);
    assert.match(home.text, /<li>E-mailadressen van het ministerie<\/li>/);
    assert.match(home.text, /<a href="\/admin\/settings#orgSector">Vul ze in bij de instellingen<\/a>/);
    // Nothing is changed yet, so there is nothing to reset.
    assert.doesNotMatch(page.text, /form="settings-reset"/);
    // Never a secret from the environment on this page.
    assert.doesNotMatch(page.text, /SMTP_URL|SESSION_SECRET|AUDIT_KEY|ATTACHMENT_KEY/);
  });

  it('when an English-speaking administrator opens the settings, then the page is in English', async () => {
    const english = await makeUser('admin', { name: 'Eva Engels', language: 'en' });
    const page = await (await signIn(t.app, english)).get('/admin/settings');
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Settings<\/h1>/);
    assert.match(page.text, /id="orgPhone-default">Default from the server configuration: 030-1234567\s/);
    assert.match(
      page.text,
      /id="orgRole-default">Default from the server configuration: Controller \(notifies the DPA itself\)\s/,
    );
    assert.match(page.text, /Reminders of the DPA deadline \(hours after awareness\)/);
  });

  it('when the administrator submits invalid values, then the page says what is wrong per field, keeps every typed value, and stores nothing', async () => {
    const res = await save({
      orgName: 'Stichting Nieuwe Naam',
      orgEmail: 'geen-adres',
      orgRegistrationNumber: '1234',
      ministryEmails: 'datalek@minszw.example.test, niet-goed',
      reminderApHours: '24, 80',
      reminderMinistryPercents: '0,5',
      orgRole: 'processor',
      orgCommissioningParty: '',
    });
    assert.equal(res.status, 400);
    assert.match(res.text, /Controleer de gemarkeerde velden/);
    assert.match(res.text, /<p class="field-error" id="orgEmail-error">Vul een geldig e-mailadres in\.<\/p>/);
    assert.match(res.text, /id="orgRegistrationNumber-error">Een KvK-nummer heeft acht cijfers\./);
    assert.match(res.text, /id="ministryEmails-error">Vul geldige e-mailadressen in/);
    assert.match(res.text, /id="reminderApHours-error">Vul hele uren tussen 1 en 71 in/);
    assert.match(res.text, /id="reminderMinistryPercents-error">Vul hele procenten tussen 1 en 99 in/);
    assert.match(res.text, /id="orgCommissioningParty-error">Vul de opdrachtgever in/);
    // What was typed comes back as typed, the valid and the invalid alike.
    assert.match(res.text, /value="Stichting Nieuwe Naam"/);
    assert.match(res.text, /value="geen-adres"/);
    assert.match(res.text, /value="24, 80"/);
    assert.match(res.text, />datalek@minszw\.example\.test, niet-goed<\/textarea>/);
    assert.match(res.text, /<option value="processor" selected>/);
    assert.equal(await SettingsVersion.countDocuments(), 0);
    assert.equal((await effectiveConfig(t.config)).organisation.name, DEFAULT_NAME);
    assert.equal(await AuditEntry.countDocuments({ action: 'settings.update', 'actor.id': admin.id }), 0);
  });

  it('when the ministry addresses are missing, then the notice page says so inline, keeps the typed text, and once the administrator sets them the notice goes to them over SMTP', async () => {
    const { incident, notice } = await filedIncident();
    const page = await officerAgent.get(notice);
    assert.equal(page.status, 200);
    assert.match(page.text, /Er zijn nog geen e-mailadressen van het ministerie ingesteld/);
    // The officer is told whom to ask: the administrators, by address.
    assert.match(page.text, new RegExp(`href="mailto:${admin.email.replace(/[.]/g, '\\.')}\\?subject=`));
    const typed = 'Samenvatting die de privacyfunctionaris zelf typte.';
    const refused = await postForm(officerAgent, notice, notice, {
      action: 'send',
      summary: typed,
      measures: MEASURES,
      confirmNoPersonalData: 'yes',
    });
    assert.equal(refused.status, 409);
    assert.match(refused.text, new RegExp(typed));
    assert.equal(await MinistryNotice.countDocuments({ incidentId: incident._id }), 0);

    const saved = await save({
      ministryEmails: `${MINISTRY[0]}\n${MINISTRY[1]}; ${MINISTRY[0].toUpperCase()}`,
    });
    assert.equal(saved.status, 303);
    const audit = await AuditEntry.findOne({ action: 'settings.update', 'actor.id': admin.id })
      .sort({ seq: -1 })
      .lean();
    assert.deepEqual((audit?.details as { changes: unknown }).changes, {
      ministryEmails: { from: [], to: MINISTRY },
    });

    // Effective at once: the next request sends to the new addresses.
    const before = await officerAgent.get(notice);
    assert.match(
      before.text,
      new RegExp(`${MINISTRY[0].replace(/[.]/g, '\\.')}, ${MINISTRY[1].replace(/[.]/g, '\\.')}`),
    );
    const sent = await postForm(officerAgent, notice, notice, {
      action: 'send',
      summary: SUMMARY,
      measures: MEASURES,
      confirmNoPersonalData: 'yes',
    });
    assert.equal(sent.status, 303, sent.text.slice(0, 400));
    const stored = await MinistryNotice.findOne({ incidentId: incident._id }).lean();
    assert.deepEqual(stored?.recipients, MINISTRY);

    const worker = createMailWorker({
      channel: createSmtpChannel({ url: sink.url }),
      clock: t.clock,
      logger: t.deps.logger,
      from: t.config.mail.from,
    });
    await worker.runOnce();
    const mail = sink.messages.find((m) => m.subject.includes(incident.reference));
    assert.ok(mail, 'the notice reached the SMTP server');
    assert.deepEqual([...mail.to].sort(), MINISTRY);
    assert.equal((await OutboxMessage.findOne({ key: stored.outboxKey }).lean())?.status, 'sent');
  });

  it('when the administrator renames the organisation, then the AP dossier uses the name at once; reset brings the default back, both audited old → new', async () => {
    const { dossier } = await filedIncident();
    const orgName = async () => {
      const res = await officerAgent.get(`${dossier}/dossier.json`);
      assert.equal(res.status, 200);
      const d = JSON.parse(res.text) as Dossier;
      return d.sections.flatMap((s) => s.answers).find((a) => a.id === 'orgName')?.answer;
    };
    assert.equal(await orgName(), DEFAULT_NAME);

    assert.equal((await save({ orgName: 'Stichting Testorganisatie Utrecht' })).status, 303);
    assert.equal(await orgName(), 'Stichting Testorganisatie Utrecht');
    const page = await adminAgent.get('/admin/settings');
    assert.match(page.text, /value="Stichting Testorganisatie Utrecht"/);
    assert.match(page.text, /Aangepast/);
    assert.match(page.text, new RegExp(`Standaardwaarde uit de serverconfiguratie: ${DEFAULT_NAME}`));
    assert.match(page.text, /form="settings-reset" name="key" value="orgName"/);
    assert.match(page.text, /Laatst gewijzigd op .* door /);

    const version = await currentVersion();
    const reset = await postForm(adminAgent, '/admin/settings', '/admin/settings/reset', {
      key: 'orgName',
      version: String(version),
    });
    assert.equal(reset.status, 303);
    assert.equal(await orgName(), DEFAULT_NAME);
    const audit = await AuditEntry.findOne({ action: 'settings.reset', 'actor.id': admin.id })
      .sort({ seq: -1 })
      .lean();
    assert.deepEqual((audit?.details as { changes: unknown }).changes, {
      orgName: { from: 'Stichting Testorganisatie Utrecht', to: DEFAULT_NAME },
    });
    assert.doesNotMatch(
      (await adminAgent.get('/admin/settings')).text,
      /form="settings-reset" name="key" value="orgName"/,
    );
  });

  it('when the form was filled in before someone else saved, then saving it is refused with the typed values kept and nothing overwritten', async () => {
    const stale = await currentVersion();
    assert.equal((await save({ orgSector: 'Openbaar bestuur' })).status, 303);
    const res = await postForm(adminAgent, '/admin/settings', '/admin/settings', {
      ...defaultForm(stale),
      orgName: 'Late wijziging',
    });
    assert.equal(res.status, 409);
    assert.match(res.text, /Iemand anders heeft de instellingen intussen gewijzigd/);
    assert.match(res.text, /value="Late wijziging"/);
    const config = await effectiveConfig(t.config);
    assert.equal(config.organisation.sector, 'Openbaar bestuur');
    assert.equal(config.organisation.name, DEFAULT_NAME);
  });

  it('when organisation details the AP asks for are missing, then the dossier says so inline with whom to ask, also after a form error, and not once they are set', async () => {
    const { dossier } = await filedIncident();
    const page = await officerAgent.get(dossier);
    assert.equal(page.status, 200);
    assert.match(page.text, /id="settings-missing"/);
    assert.match(page.text, /Deze gegevens van de organisatie ontbreken in de melding:/);
    assert.match(page.text, /<li>Sector<\/li>/);
    assert.match(page.text, /Vraag een beheerder om ze in te stellen:/);
    // Only administrators get the link to the settings page.
    assert.doesNotMatch(page.text, /href="\/admin\/settings/);
    // A refused follow-up keeps what was typed and still says what is missing.
    const typed = 'Aanvulling die de privacyfunctionaris typte.';
    const refused = await postForm(officerAgent, dossier, `${dossier}/filings`, {
      kind: 'followup',
      summary: typed,
      submittedAt: 'geen tijd',
      complete: 'no',
    });
    assert.equal(refused.status, 400);
    assert.match(refused.text, new RegExp(typed));
    assert.match(refused.text, /id="settings-missing"/);

    assert.equal((await save({ orgSector: 'Maatschappelijke dienstverlening' })).status, 303);
    const after = await officerAgent.get(dossier);
    assert.doesNotMatch(after.text, /id="settings-missing"/);
  });

  it('when the administrator changes the reminder schedule and escalation address, then the scheduler uses them on its next run', async () => {
    const t0 = new Date('2026-03-02T08:00:00Z');
    t.clock.set(t0.toISOString());
    const report = await makeReport({ discoveredAt: t0, reportedInternallyAt: t0 });
    const scheduler = reminderSchedulerFor(t.deps, 'settings-test');
    assert.equal(
      (await save({ reminderApHours: '6, 30', escalationEmail: 'Directie@Example.test' })).status,
      303,
    );
    await scheduler.runOnce();
    t.clock.set(new Date(t0.getTime() + 6 * 3_600_000).toISOString());
    await scheduler.runOnce();
    const six = await OutboxMessage.findOne({
      key: new RegExp(`^reminder:${String(report._id)}:authority:.*:h6:nl$`),
    }).lean();
    assert.ok(six, 'a reminder six hours after discovery, as the administrator set');
    assert.equal(
      await OutboxMessage.countDocuments({ key: new RegExp(`^reminder:${String(report._id)}:.*:h24:`) }),
      0,
    );
    // At expiry the escalation goes to the address set in the app.
    t.clock.set(new Date(t0.getTime() + 72 * 3_600_000).toISOString());
    await scheduler.runOnce();
    const expiry = await OutboxMessage.findOne({
      key: new RegExp(`^reminder:${String(report._id)}:authority:.*:expiry:nl$`),
    }).lean();
    assert.ok(
      expiry?.to.includes('directie@example.test'),
      'the escalation goes to the address from the settings',
    );
  });

  it('when another process stores a change, then this process applies it within the cache time', async () => {
    assert.equal((await effectiveConfig(t.config)).organisation.name, DEFAULT_NAME);
    // As the app would store it from another process (this one's cache is not told).
    await SettingsVersion.create({
      version: 1,
      values: { orgName: 'Elders gewijzigd' },
      byId: admin.id,
      byLabel: admin.email,
      at: t.clock.now(),
    });
    await new Promise((r) => setTimeout(r, SETTINGS_CACHE_MS + 200));
    const config = await effectiveConfig(t.config);
    assert.equal(config.organisation.name, 'Elders gewijzigd');
    assert.equal(config.organisation.phone, '030-1234567', 'the others keep their defaults');
  });
});
