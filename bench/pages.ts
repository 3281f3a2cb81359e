// `npm run bench -- pages --incidents N` and `npm run bench -- export --incidents N` (contracts.md §5):
// seed an embedded database through the project's own services (filing, triage, awareness; a third
// assessed, a sixth filed with the AP, one in 30 with a notice run), start
// the app on a local port and measure each officer page with 10 connections; in the same run a bare
// Express + helmet + express-handlebars page renders a table of the same size from memory (the
// baseline). `--reuse-data DIR` keeps the seeded database in DIR and reuses it on later runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import express from 'express';
import helmet from 'helmet';
import { engine } from 'express-handlebars';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { CONNECT_OPTIONS } from '../server/db/connection.js';
import { EmbeddedDatabase } from '../server/db/embedded-db.js';
import { Secret, TOTP } from 'otpauth';
import { SecondFactor } from '../models/second-factor.model.js';
import { Incident } from '../models/incident.model.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { systemClock } from '../server/clock.js';
import { createApp } from '../server/app.js';
import { warmReadModels } from '../server/warm-up.js';
import type { AppDeps } from '../server/deps.js';
import type { ActionContext } from '../server/context.js';
import { DiscardMailChannel } from './discard-mail-channel.js';
import { insertUser, loadSessionUser } from '../server/users/users.service.js';
import { reportSchema } from '../server/incidents/incidents.schema.js';
import { submitReport } from '../server/incidents/incidents.service.js';
import { setAwareness, takeIntoTriage } from '../server/register/triage.service.js';
import { REGISTER_PAGE_SIZE } from '../server/register/register.service.js';
import { User } from '../models/user.model.js';
import { importPersons } from '../server/notices/person-import.js';
import { PAGE_SIZE as PERSONS_PAGE_SIZE } from '../server/notices/affected-persons.service.js';
import { contactCipher } from '../server/notices/contact-crypto.js';
import { parseAssessmentForm } from '../server/assessments/assessments.schema.js';
import { saveAssessment } from '../server/assessments/assessments.service.js';
import { assessmentConfigFor } from '../server/assessments/assessment-settings.js';
import { recordFiling } from '../server/authority/filing.service.js';
import { createRun } from '../server/notices/notice-runs.service.js';
import '../models/index.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { attachmentSecret } from '../server/attachments/attachment-key.js';
import { readModels } from '../server/db/read-models.js';
import { configureRegisterSnapshot } from '../server/register/register-snapshot.js';
import { prepareAuditTrail } from '../server/audit/audit.service.js';

// The project folder, whether this runs as TypeScript (bench/) or compiled (dist/bench/).
const ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? '../..' : '..', import.meta.url));

export const PAGES_HELP = `usage: npm run bench -- pages [--incidents N] [--seconds S] [--seed-concurrency N] [--reuse-data DIR] [--heap-mb N]
  Seeds N incidents through the services (progress on stderr), then measures each officer page with
  one connection (p50Ms, p99Ms) and with 10 connections (reqPerSec) for S seconds each (default 5),
  next to a bare Express + helmet + express-handlebars page.`;
export const PERSONS_HELP = `usage: npm run bench -- persons [--persons N] [--incidents N] [--seconds S] [--reuse-data DIR] [--heap-mb N]
  Seeds incidents (default 100), imports N affected persons (default 100000) as a CSV through the
  import service, then times the persons list at its first, middle and last page (one user).`;
export const IDLE_HELP = `usage: npm run bench -- idle [--incidents N] [--seconds S] [--seed-concurrency N] [--reuse-data DIR]
  starts the app as \`npm start\` does (node with the flags of package.json's start script) on the
  seeded database, waits until its read models are loaded, then reads its resident set (VmRSS) every
  second for S seconds (default 120) while nobody uses it: rssMbMax, rssMbP50, rssMbLast.`;

export const EXPORT_HELP = `usage: npm run bench -- export [--incidents N] [--reuse-data DIR] [--heap-mb N]
  Seeds N incidents (or reuses DIR), then times streaming the full register export: the first of the
  process (it builds the kept records), as JSON and CSV from the kept records, and after a change.`;

const PASSWORD = 'bench-wachtwoord-lang-genoeg-2026';
const CONNECTIONS = 10;

function int(v: string | undefined, fallback: number): number {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: ${v}`);
  return n;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const local = (d: Date) => format(d, "yyyy-MM-dd'T'HH:mm", { in: tz('Europe/Amsterdam') });

const CAUSES = [
  'email_wrong_recipient',
  'device_lost_stolen',
  'unintended_publication',
  'hacking_malware',
] as const;
const WORDS = ['Laptop', 'E-mail', 'Brief', 'Website', 'Phishing', 'USB-stick', 'Printer', 'Dossier'];

interface Seeded {
  incidents: number;
  officerEmail: string;
  sampleId: string;
}

/** Files N incidents over the last two years through submitReport; a third are taken into triage with awareness set. */
export async function seed(deps: AppDeps, n: number, concurrency: number): Promise<Seeded> {
  const now = deps.clock.now();
  const stamp = randomBytes(3).toString('hex');
  const reporter = await insertUser(
    {
      email: `melder-${stamp}@bench.test`,
      name: 'Bench Melder',
      role: 'reporter',
      language: 'nl',
      password: PASSWORD,
    },
    now,
  );
  const officer = await insertUser(
    {
      email: `privacy-${stamp}@bench.test`,
      name: 'Bench Privacy Officer',
      role: 'privacy_officer',
      language: 'nl',
      password: PASSWORD,
    },
    now,
  );
  const rep = (await loadSessionUser(reporter.id))!;
  const off = (await loadSessionUser(officer.id))!;
  const ctx = (user: typeof rep, at: Date): ActionContext => ({ user, origin: { via: 'cli' }, now: at });
  const twoYearsMs = 730 * 24 * 3600_000;
  let next = 0;
  let done = 0;
  let sampleId = '';
  const t0 = performance.now();
  const progress = setInterval(
    () =>
      process.stderr.write(`\rseeding ${done}/${n} incidents (${round((performance.now() - t0) / 1000)} s)`),
    1000,
  );
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const i = next++;
          // Spread evenly over two years, oldest first.
          const at = new Date(now.getTime() - twoYearsMs + Math.floor((twoYearsMs * i) / n) + 3600_000);
          const form = {
            summary: `${WORDS[i % WORDS.length]}: testmelding ${i} voor de prestatiemeting (fictief).`,
            incidentCause: CAUSES[i % CAUSES.length],
            incidentNature: ['read'],
            breachTypes: ['confidentiality'],
            occurredFrom: local(new Date(at.getTime() - 5 * 3600_000)),
            discoveredAt: local(new Date(at.getTime() - 2 * 3600_000)),
            discoveryChannel: 'own_detection',
            personalDataInvolved: 'yes',
            dataCategories: ['name_address'],
            subjectCategories: ['clients'],
            subjectsCountMin: String(1 + (i % 50)),
            subjectsCountMax: String(10 + (i % 500)),
            dataLeftOrganisation: 'yes',
            recipients: 'Een andere klant (fictief).',
            confidentialityScope: 'known_recipients',
            malicious: 'no',
            unintelligibility: 'none',
            measuresTaken: 'Ontvanger gevraagd het bericht te verwijderen.',
          };
          const filed = await submitReport(reportSchema(at).parse(form), ctx(rep, at), {
            baseUrl: deps.config.baseUrl,
          });
          if (i % 3 === 0) {
            const awareness = new Date(at.getTime() - 3600_000);
            await takeIntoTriage(filed.id, ctx(off, new Date(at.getTime() + 600_000)));
            await setAwareness(
              filed.id,
              { awarenessAt: awareness },
              ctx(off, new Date(at.getTime() + 1200_000)),
            );
            // A third is assessed (duties and deadlines follow), half of those filed with the AP, and
            // one in 30 incidents has a notice run for its affected persons.
            const decidedAt = new Date(at.getTime() + 2 * 3600_000);
            const parsed = parseAssessmentForm({
              ...form,
              awarenessAt: local(awareness),
              easeOfIdentification: 'maximum',
              dpcAdjustment: '0',
              art34Exception: 'none',
              riskLevel: i % 2 ? 'risk' : 'high',
              riskJustification: 'Prestatiemeting (fictief).',
            });
            if (!parsed.ok)
              throw new Error(`bench assessment form refused: ${JSON.stringify(parsed.fields)}`);
            await saveAssessment(
              filed.id,
              parsed.input,
              parsed.decision,
              ctx(off, decidedAt),
              assessmentConfigFor(deps.config),
            );
            if (i % 6 === 0)
              await recordFiling(
                filed.id,
                {
                  kind: 'initial',
                  submittedAt: new Date(decidedAt.getTime() + 3600_000),
                  apReference: `M-${i}`,
                  complete: false,
                  summary: 'Prestatiemeting (fictief): een e-mail naar een verkeerde ontvanger.',
                },
                deps.config,
                ctx(off, new Date(decidedAt.getTime() + 3600_000)),
              );
            if (i % 30 === 0) await createRun(filed.id, ctx(off, new Date(decidedAt.getTime() + 7200_000)));
            if (!sampleId) sampleId = filed.id;
          }
          done++;
        }
      }),
    );
  } finally {
    clearInterval(progress);
    process.stderr.write(`\rseeded ${done}/${n} incidents in ${round((performance.now() - t0) / 1000)} s\n`);
  }
  return { incidents: n, officerEmail: off.email, sampleId };
}

interface Env {
  base: string;
  cookie: string;
  seeded: Seeded;
  deps: AppDeps;
  /** The database the app uses (a new process connects to it too). */
  uri: string;
  /** CPU seconds used so far by the embedded database process (null with MONGODB_URI). */
  dbCpuSeconds(): number | null;
  close(): Promise<void>;
}

async function listen(
  app: express.Express,
): Promise<{ server: Server; base: string; drain: () => Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  // Requests still being handled when the load generator stops finish before the database closes.
  let inFlight = 0;
  let idle: (() => void) | undefined;
  server.on('request', (_req, res: ServerResponse) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) idle?.();
    });
  });
  const drain = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    if (inFlight > 0) await new Promise<void>((r) => (idle = r));
  };
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, drain };
}

/** Signs in through the login form; returns the cookie header of the session. */
async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      jar.set(k!, v.join('='));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const page = await fetch(`${base}/login`);
  keep(page);
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!token) throw new Error('login page has no CSRF token');
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD, next: '/' }).toString(),
  });
  keep(res);
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  // Production requires a second factor for officers (issue 16): set one up as an app would.
  if (res.headers.get('location') === '/login/second-factor/enrol') {
    const enrol = await fetch(`${base}/login/second-factor/enrol`, { headers: { cookie: cookie() } });
    keep(enrol);
    const html = await enrol.text();
    const secret = /id="totp-secret"[^>]*>([^<]+)</.exec(html)?.[1]?.replace(/\s+/g, '');
    const enrolToken = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!secret || !enrolToken) throw new Error('second-factor page has no key or CSRF token');
    const code = TOTP.generate({
      secret: Secret.fromBase32(secret),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    const done = await fetch(`${base}/login/second-factor/enrol`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
      body: new URLSearchParams({ _csrf: enrolToken, code }).toString(),
    });
    keep(done);
    if (done.status !== 200) throw new Error(`second-factor set-up failed: ${done.status}`);
  }
  return cookie();
}

/** Starts (or reuses) the database, seeds when needed, and serves the app on a local port. */
async function prepare(options: Record<string, string>): Promise<Env> {
  const n = int(options.incidents, 1000);
  const reuse = options['reuse-data'];
  const dir = reuse ?? mkdtempSync(join(tmpdir(), 'meldpunt-bench-'));
  mkdirSync(dir, { recursive: true });
  const external = process.env.MONGODB_URI;
  const embedded = external ? undefined : new EmbeddedDatabase({ dir: join(dir, 'db') });
  await embedded?.start();
  const uri = external
    ? external.replace(/\/?(\?.*)?$/, `/meldpunt_bench_pages_${n}$1`)
    : embedded!.uri('meldpunt_bench');
  let drain: (() => Promise<void>) | undefined;
  const close = async () => {
    await drain?.();
    if (external && !reuse) await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await embedded?.stop();
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await mongoose.connect(uri, CONNECT_OPTIONS);
    await Promise.all(Object.values(mongoose.connection.models).map((m) => m.init()));
    // The audit key stays with the data, so that a reused database's sealed trail can be written.
    const keyFile = join(dir, 'bench-audit-key');
    const auditKey = existsSync(keyFile)
      ? readFileSync(keyFile, 'utf8').trim()
      : randomBytes(32).toString('hex');
    writeFileSync(keyFile, auditKey, { mode: 0o600 });
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      ATTACHMENT_KEY: randomBytes(32).toString('hex'),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      BASE_URL: 'http://meldpunt.bench',
      MAIL_FROM: 'Meldpunt <meldpunt@bench.test>',
      AUDIT_KEY: auditKey,
      TRUST_PROXY: 'false',
      SECURE_COOKIES: 'false',
    });
    // As the app's start does: the audit key is checked against the trail.
    const auditProblem = await prepareAuditTrail(config, new Date());
    if (auditProblem) throw new Error(auditProblem);
    const deps: AppDeps = {
      config,
      logger: createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'),
      clock: systemClock,
      mail: new DiscardMailChannel(),
    };
    const marker = join(dir, `seeded-${n}.json`);
    let seeded: Seeded;
    if (existsSync(marker)) {
      seeded = JSON.parse(readFileSync(marker, 'utf8')) as Seeded;
      process.stderr.write(`reusing ${seeded.incidents} seeded incidents in ${dir}\n`);
    } else {
      seeded = await seed(deps, n, int(options['seed-concurrency'], 4));
      if (reuse) writeFileSync(marker, JSON.stringify(seeded));
    }
    // As the app's start does: the read models load in the background (server/warm-up.ts), and the
    // register records for the exports are kept in the data folder too (server/main.ts).
    void warmReadModels(deps.logger);
    configureRegisterSnapshot({ dir, secret: attachmentSecret(config) });
    const app = createApp(deps, { sessionSecret: randomBytes(32).toString('hex') });
    const s = await listen(app);
    drain = s.drain;
    // A database reused from an earlier run holds the officer's second factor of that run: cleared,
    // so the sign-in sets up a new one.
    const officer = await User.findOne({ email: seeded.officerEmail }).lean();
    if (officer) await SecondFactor.deleteMany({ userId: String(officer._id) });
    const cookie = await signIn(s.base, seeded.officerEmail);
    const dbCpuSeconds = () => (embedded?.pid ? processCpuSeconds(embedded.pid) : null);
    return { base: s.base, cookie, seeded, deps, uri, dbCpuSeconds, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A bare Express + helmet + express-handlebars app rendering a table of `rows` rows from memory. */
async function baselineServer(
  rows: number,
): Promise<{ base: string; dir: string; drain: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'meldpunt-bench-views-'));
  writeFileSync(
    join(dir, 'table.hbs'),
    '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Register</title></head><body><main><h1>Register</h1><table><thead><tr><th>Kenmerk</th><th>Status</th><th>Gemeld</th><th>Omschrijving</th></tr></thead><tbody>{{#each rows}}<tr><td><a href="/incidents/{{id}}">{{reference}}</a></td><td>{{status}}</td><td>{{date}}</td><td>{{summary}}</td></tr>{{/each}}</tbody></table></main></body></html>',
  );
  const data = Array.from({ length: rows }, (_, i) => ({
    id: i,
    reference: `DL-2026-${String(i + 1).padStart(4, '0')}`,
    status: 'triage',
    date: '4 december 2026',
    summary: `Testmelding ${i} voor de prestatiemeting (fictief).`,
  }));
  const app = express();
  app.use(helmet());
  app.engine('hbs', engine({ defaultLayout: false, extname: '.hbs' }));
  app.set('view engine', 'hbs');
  app.set('views', dir);
  app.get('/', (_req, res) => res.render('table', { rows: data }));
  const s = await listen(app);
  return { ...s, dir };
}

async function measure(
  url: string,
  cookie: string | undefined,
  seconds: number,
  connections = CONNECTIONS,
): Promise<{
  p50Ms: number | null;
  p99Ms: number | null;
  reqPerSec: number;
  requests: number;
  errors: number;
}> {
  const r = await autocannon({ url, connections, duration: seconds, headers: cookie ? { cookie } : {} });
  // Requests that time out (autocannon's 10 s) or fail count as errors; with none completed there is no latency to report.
  const bad = r.non2xx + r.errors + r.timeouts;
  const done = r.requests.total;
  return {
    p50Ms: done ? r.latency.p50 : null,
    p99Ms: done ? r.latency.p99 : null,
    reqPerSec: round(r.requests.total / seconds, 2),
    requests: done,
    errors: bad,
  };
}

/**
 * The insights page right after a write to an incident: its figures are kept until their data
 * changes (server/insights/insights.cache.ts), so the steady figure above is the kept one; this is
 * what the first officer after each change waits for. One request at a time, five times.
 */
async function insightsAfterChange(env: Env, id: string): Promise<Record<string, unknown>> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    await Incident.updateOne({ _id: id }, { $set: { updatedAt: new Date() } });
    const t0 = performance.now();
    const res = await fetch(`${env.base}/insights`, { headers: { cookie: env.cookie } });
    await res.arrayBuffer();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    bench: 'pages',
    incidents: env.seeded.incidents,
    page: 'insights-after-change',
    path: '/insights',
    p50Ms: round(times[2]!, 1),
    maxMs: round(times[4]!, 1),
    requests: times.length,
  };
}

/** Runs the pages benchmark once; resolves with one line per page. */
export async function runPages(options: Record<string, string>): Promise<Record<string, unknown>[]> {
  const seconds = int(options.seconds, 5);
  const env = await prepare(options);
  const base = await baselineServer(REGISTER_PAGE_SIZE);
  try {
    const id = env.seeded.sampleId;
    const pages: [string, string][] = [
      ['dashboard', '/dashboard'],
      ['register', '/register'],
      ['register-search', '/register?q=Laptop'],
      ['register-filter', '/register?status=triage&page=5'],
      ['incident', `/incidents/${id}`],
      ['assessment', `/incidents/${id}/assessment`],
      ['dossier', `/authority/incidents/${id}`],
      ['notices', `/incidents/${id}/notices`],
      ['insights', '/insights'],
    ];
    const out: Record<string, unknown>[] = [];
    for (const [page, path] of pages) {
      const check = await fetch(env.base + path, { headers: { cookie: env.cookie }, redirect: 'manual' });
      await check.arrayBuffer();
      // Baseline and page alternate so that load from elsewhere on the machine hits both alike.
      // Latency as one officer sees it (one connection); throughput with 10 officers at once.
      const b = await measure(base.base + '/', undefined, seconds);
      const one = await measure(env.base + path, env.cookie, seconds, 1);
      const m = await measure(env.base + path, env.cookie, seconds);
      out.push({
        bench: 'pages',
        incidents: env.seeded.incidents,
        page,
        path,
        status: check.status,
        // A redirect is shown as such (a sign-in page is not the page measured).
        ...(check.headers.get('location') ? { location: check.headers.get('location') } : {}),
        p50Ms: one.p50Ms,
        p99Ms: one.p99Ms,
        reqPerSec: m.reqPerSec,
        p50MsAt10: m.p50Ms,
        p99MsAt10: m.p99Ms,
        requests: one.requests + m.requests,
        errors: one.errors + m.errors,
        baselineReqPerSec: b.reqPerSec,
        ratio: round(m.reqPerSec / b.reqPerSec, 3),
        connections: CONNECTIONS,
        seconds,
      });
      process.stderr.write(`${page}: ${m.reqPerSec} req/s (baseline ${b.reqPerSec})\n`);
    }
    out.push(await insightsAfterChange(env, id));
    return out;
  } finally {
    await base.drain();
    rmSync(base.dir, { recursive: true, force: true });
    await env.close();
  }
}

/**
 * Runs the export benchmark once: the full register streamed as CSV and as JSON. The first export
 * of a process builds the register records it keeps (server/register/register-cache.ts); later
 * exports stream the kept records, and one after a change builds that incident's record again
 * first. Each line says which (`round`), with the process's resident memory after it.
 */
export async function runExport(options: Record<string, string>): Promise<Record<string, unknown>[]> {
  const env = await prepare(options);
  try {
    const out: Record<string, unknown>[] = [];
    const once = async (fmt: string, pass: string) => {
      const t0 = performance.now();
      // Not followed: a redirect (to the sign-in page) must show as such, not as a short export.
      const res = await fetch(`${env.base}/register/export.${fmt}`, {
        headers: { cookie: env.cookie },
        redirect: 'manual',
      });
      let bytes = 0;
      let firstByteMs: number | undefined;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        firstByteMs ??= performance.now() - t0;
        bytes += chunk.byteLength;
      }
      const seconds = (performance.now() - t0) / 1000;
      out.push({
        bench: 'export',
        incidents: env.seeded.incidents,
        format: fmt,
        round: pass,
        status: res.status,
        ...(res.status === 200 ? {} : { location: res.headers.get('location') }),
        contentType: res.headers.get('content-type'),
        seconds: round(seconds, 2),
        firstByteMs: round(firstByteMs ?? 0),
        bytes,
        incidentsPerSec: round(env.seeded.incidents / seconds),
        rssMb: round(process.memoryUsage.rss() / 1048576),
      });
    };
    // The start's read models first (they load in the background as the app starts), so that the
    // first round times the build of the register records alone.
    await warmReadModels(env.deps.logger);
    await once('csv', 'first');
    await once('json', 'kept');
    await once('csv', 'kept');
    await Incident.updateOne(
      { _id: env.seeded.sampleId },
      { $set: { summary: `Gewijzigd voor de prestatiemeting (${new Date().toISOString()}).` } },
    );
    await once('csv', 'after-change');
    // As after a restart of the app: nothing in memory, the kept records in the data folder; the
    // read models the start loads are loaded first (server/main.ts), so the export is what is timed.
    readModels.forgetAll();
    await warmReadModels(env.deps.logger);
    await once('csv', 'after-restart');
    out.push(await cliExport(env));
    return out;
  } finally {
    await env.close();
  }
}

/** The environment of another process of the app on the benchmark's database and data folder. */
function processEnv(env: Env): NodeJS.ProcessEnv {
  const c = env.deps.config;
  return {
    ...process.env,
    NODE_ENV: 'production',
    MONGODB_URI: env.uri,
    DATA_DIR: c.dataDir,
    ATTACHMENT_KEY: c.attachments.key,
    SESSION_SECRET: c.session.secret,
    BASE_URL: c.baseUrl,
    MAIL_FROM: c.mail.from,
    AUDIT_KEY: c.audit.key,
  };
}

/**
 * A new process: `meldpunt register:export` on the same database and data folder (as an operator
 * runs it beside the app), from start to exit, standard output counted.
 */
async function cliExport(env: Env): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'meldpunt.js'), 'register:export', '--format', 'csv'],
    {
      env: processEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let bytes = 0;
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (bytes += b.byteLength));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) process.stderr.write(`register:export exited with ${code}: ${stderr}\n`);
  return {
    bench: 'export',
    incidents: env.seeded.incidents,
    format: 'csv',
    round: 'new-process-cli',
    status: code === 0 ? 200 : 500,
    seconds: round(seconds, 2),
    bytes,
    incidentsPerSec: round(env.seeded.incidents / seconds),
  };
}

/** Runs the persons benchmark once: a CSV import of N persons, then pages of the list. */
export async function runPersons(options: Record<string, string>): Promise<Record<string, unknown>[]> {
  const persons = int(options.persons, 100_000);
  const seconds = int(options.seconds, 5);
  const env = await prepare({ ...options, incidents: options.incidents ?? '100' });
  try {
    const id = env.seeded.sampleId;
    const officer = await User.findOne({ email: env.seeded.officerEmail }).lean();
    const user = (await loadSessionUser(String(officer!._id)))!;
    const ctx: ActionContext = { user, origin: { via: 'cli' }, now: env.deps.clock.now() };
    const langs = ['nl', 'en', 'tr', 'ar', 'pl'];
    function* csv(): Generator<Buffer> {
      yield Buffer.from('naam,e-mail,adres,postcode,plaats,land,taal\n');
      for (let i = 0; i < persons; i += 1000) {
        let chunk = '';
        for (let j = i; j < Math.min(persons, i + 1000); j++) {
          chunk +=
            j % 4 === 3
              ? `Persoon ${j},,Straat ${j},3511 GC,Utrecht,,${langs[j % 5]}\n`
              : `Persoon ${j},p${j}@bench.test,Straat ${j},3511 GC,Utrecht,,${langs[j % 5]}\n`;
        }
        yield Buffer.from(chunk);
      }
    }
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const db0 = env.dbCpuSeconds();
    const imp = await importPersons(id, Readable.from(csv()), ctx, contactCipher(env.deps.config));
    const importSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const db1 = env.dbCpuSeconds();
    const out: Record<string, unknown>[] = [
      {
        bench: 'persons',
        persons,
        step: 'import',
        seconds: round(importSeconds, 2),
        rowsPerSec: round(persons / importSeconds),
        // Where the time went: this process (parsing, sealing) and the database process.
        appCpuSeconds: round((cpu.user + cpu.system) / 1e6, 2),
        dbCpuSeconds: db0 !== null && db1 !== null ? round(db1 - db0, 2) : null,
        imported: imp.imported,
        status: imp.status,
      },
    ];
    const pages = Math.ceil(imp.imported / PERSONS_PAGE_SIZE);
    for (const page of [1, Math.ceil(pages / 2), pages]) {
      const path = `/incidents/${id}/notices/persons?page=${page}`;
      const t1 = performance.now();
      const check = await fetch(env.base + path, { headers: { cookie: env.cookie }, redirect: 'manual' });
      await check.arrayBuffer();
      const firstMs = performance.now() - t1;
      const m = await measure(env.base + path, env.cookie, seconds, 1);
      out.push({
        bench: 'persons',
        persons,
        page,
        path,
        status: check.status,
        firstMs: round(firstMs),
        p50Ms: m.p50Ms,
        p99Ms: m.p99Ms,
        reqPerSec: m.reqPerSec,
        errors: m.errors,
        connections: 1,
        seconds,
      });
      process.stderr.write(`persons page ${page}: p50 ${m.p50Ms} ms\n`);
    }
    return out;
  } finally {
    await env.close();
  }
}

/** The node flags of `npm start` (package.json's start script: `node <flags> tools/start/start.mjs`). */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  if (words[0] !== 'node') throw new Error(`the start script does not run node: ${pkg.scripts.start}`);
  return words.slice(1, -1);
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((done) => srv.listen(0, '127.0.0.1', done));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((done) => srv.close(() => done()));
  return port;
}

/** CPU seconds (user + system) a process has used (Linux: /proc/<pid>/stat, 100 ticks a second). */
function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The resident set of a process in MB (Linux: VmRSS in /proc). */
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** Resolves when the app logs that its read models are loaded (JSON logs on standard output). */
function readModelsLoaded(child: ChildProcessWithoutNullStreams, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(
      () => reject(new Error('the app did not load its read models in time')),
      timeoutMs,
    );
    child.stdout.on('data', (b: Buffer) => {
      buffered = (buffered + b.toString()).slice(-10_000);
      if (buffered.includes('"read models loaded"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before its read models were loaded`));
    });
  });
}

/**
 * Runs the idle benchmark once (issue 10, item 5): the app as `npm start` runs it, a process of its
 * own on the seeded database, measured while nobody uses it (its background jobs run as always).
 */
export async function runIdle(options: Record<string, string>): Promise<Record<string, unknown>[]> {
  const seconds = int(options.seconds, 120);
  const env = await prepare(options);
  let child: ChildProcessWithoutNullStreams | undefined;
  try {
    const flags = startFlags();
    const t0 = performance.now();
    child = spawn(process.execPath, [...flags, join(ROOT, 'tools', 'start', 'start.mjs')], {
      cwd: ROOT,
      env: {
        ...processEnv(env),
        LOG_LEVEL: 'info',
        PORT: String(await freePort()),
        TRUST_PROXY: 'false',
        SECURE_COOKIES: 'false',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (b: Buffer) => process.stderr.write(b));
    await readModelsLoaded(child, 10 * 60_000);
    const warmUpSeconds = (performance.now() - t0) / 1000;
    const pid = child.pid!;
    const samples: number[] = [];
    for (let i = 0; i < seconds; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      samples.push(rssMb(pid));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return [
      {
        bench: 'idle',
        incidents: env.seeded.incidents,
        nodeFlags: flags.join(' '),
        warmUpSeconds: round(warmUpSeconds, 1),
        seconds,
        rssMbP50: round(sorted[Math.floor(sorted.length / 2)]!, 1),
        rssMbMax: round(sorted[sorted.length - 1]!, 1),
        rssMbLast: round(samples[samples.length - 1]!, 1),
      },
    ];
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await env.close();
  }
}
