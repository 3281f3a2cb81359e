// `npm run bench -- fanout --recipients 100000`: imports a list of affected persons from CSV and
// sends every one of them a notice through the real engine (claims, pages, pooled SMTP) to a local
// smtp-server sink; in the same run, raw pooled Nodemailer sends to the same sink as the baseline.
// Prints msgs/s of both, their ratio, lost and duplicate messages and the peak RSS of this process.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import mongoose, { Types } from 'mongoose';
import nodemailer from 'nodemailer';
import { CONNECT_OPTIONS } from '../server/db/connection.js';
import { EmbeddedDatabase } from '../server/db/embedded-db.js';
import { loadConfig } from '../server/config.js';
import { User } from '../models/user.model.js';
import { Incident } from '../models/incident.model.js';
import { NoticePageHead } from '../models/notice-page-head.model.js';
import { contactCipher } from '../server/notices/contact-crypto.js';
import { importPersons } from '../server/notices/person-import.js';
import { createRun, saveRunTexts } from '../server/notices/notice-runs.service.js';
import { approveRun, startRun } from '../server/notices/notice-run-control.service.js';
import { gateOf } from '../server/privacy/outgoing-check.js';
import { runSnapshot } from '../server/notices/run-events.js';
import { compileNotice, renderNotice, sampleNoticeData } from '../server/notices/notice-render.js';
import { builtInTemplate } from '../server/notices/notice-templates.service.js';
import '../models/index.js';

export const FANOUT_HELP = `usage: npm run bench -- fanout [--recipients N] [--baseline N] [--concurrency N] [--page-size N] [--chunk N] [--lanes N] [--runs N] [--heap-mb N]
  Imports N affected persons from CSV and sends each a notice through the engine to a local SMTP sink,
  and N (or --baseline) messages with raw pooled Nodemailer to the same sink; prints one JSON line per run.
  Uses MONGODB_URI when set, else a fresh embedded FerretDB.`;

const MAX_MESSAGES_PER_CONNECTION = 1000;

// The bench runs as the app does: compiled (npm run bench) or, from the sources, through tsx; its
// helper processes (the SMTP sink, the notice worker) run the same way.
const SELF = fileURLToPath(import.meta.url);
const HERE = dirname(SELF);
const COMPILED = SELF.endsWith('.js');
const EXT = COMPILED ? '.js' : '.ts';
const LOADER = COMPILED ? [] : ['--import', 'tsx'];

/** The resident set of a process now and at its peak (Linux /proc), in MB; null elsewhere. */
function residentMb(pid: number): { now: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const now = kb('VmRSS');
    const peak = kb('VmHWM');
    return Number.isFinite(now) && Number.isFinite(peak)
      ? { now: round(now / 1024), peak: round(peak / 1024) }
      : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far (Linux /proc; ticks of 1/100 s); null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Starts the production notice worker (`npm run worker`: notifications/worker-main) as its own
 * process against the bench's database and sink; resolves once it says it is ready.
 */
async function startWorker(env: Record<string, string>, flags: string[]): Promise<ChildProcess> {
  const entry = join(HERE, '..', 'notifications', `worker-main${EXT}`);
  const child = spawn(process.execPath, [...LOADER, entry, '--no-mail', ...flags], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('worker ready')) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the notice worker exited (${code}) before it was ready: ${out.slice(-500)}`)),
    );
  });
  return child;
}

interface SinkStats {
  received: number;
  unique: number;
  duplicates: number;
}

function int(v: string | undefined, fallback: number): number {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`not a positive whole number: ${v}`);
  return n;
}

async function startSink(): Promise<{ child: ChildProcess; url: string; ask<T>(cmd: string): Promise<T> }> {
  const child = fork(join(HERE, `sink-process${EXT}`), [], {
    execArgv: LOADER,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [first] = (await once(child, 'message')) as [{ port: number }];
  const ask = async <T>(cmd: string): Promise<T> => {
    child.send({ cmd });
    const [reply] = (await once(child, 'message')) as [T];
    return reply;
  };
  return { child, url: `smtp://127.0.0.1:${first.port}`, ask };
}

function rssSampler(): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    peakMb: () => Math.round((Math.max(peak, process.memoryUsage().rss) / 1048576) * 10) / 10,
    stop: () => clearInterval(timer),
  };
}

async function writeCsv(path: string, n: number): Promise<void> {
  // Dutch headers and `;`, as exported by a Dutch spreadsheet, with a BOM.
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : once(out, 'drain').then(() => undefined));
  await write('\uFEFFNaam;E-mailadres;Taal;Adres;Postcode;Woonplaats;Land\r\n');
  const langs = ['nl', 'nl', 'nl', 'nl', 'nl', 'nl', 'nl', 'en', 'en', 'tr'];
  for (let i = 0; i < n; i++)
    await write(`Persoon ${i};p${i}@bench.test;${langs[i % 10]};Straat ${i};3511 GC;Utrecht;Nederland\r\n`);
  out.end();
  await once(out, 'finish');
}

async function baseline(
  url: string,
  n: number,
  concurrency: number,
): Promise<{ messages: number; seconds: number; msgsPerSec: number; cpuMsPerMessage: number }> {
  const transport = nodemailer.createTransport({
    pool: true,
    url,
    maxConnections: concurrency,
    maxMessages: MAX_MESSAGES_PER_CONNECTION,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  // A message of the same size and shape as a notice, rendered once.
  const body = renderNotice(
    compileNotice({ lang: 'nl', version: 1, ...builtInTemplate('nl') }),
    sampleNoticeData('nl'),
  );
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let next = 0;
  // Enough messages in flight to keep every pooled connection busy.
  await Promise.all(
    Array.from({ length: concurrency * 4 }, async () => {
      while (next < n) {
        const i = next++;
        await transport.sendMail({
          from: 'Meldpunt <meldpunt@bench.test>',
          to: `b${i}@bench.test`,
          subject: body.subject,
          text: body.text,
          html: body.html,
          messageId: `<baseline-${i}@meldpunt>`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  transport.close();
  // CPU per message, of this process: comparable across runs on a busy machine, unlike msgs/s.
  return {
    messages: n,
    seconds: round(seconds),
    msgsPerSec: round(n / seconds),
    cpuMsPerMessage: round((cpu.user + cpu.system) / 1000 / n, 2),
  };
}

function round(x: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Runs the fan-out benchmark once; resolves with its figures. */
export async function runFanout(options: Record<string, string>): Promise<Record<string, unknown>> {
  const n = int(options.recipients, 10_000);
  const baselineN = int(options.baseline, Math.min(n, 20_000));
  const concurrency = int(options.concurrency, 5);
  const pageSize = int(options['page-size'], 1000);
  const chunkSize = int(options.chunk, 100);
  const lanes = int(options.lanes, 2);

  const dir = mkdtempSync(join(tmpdir(), 'meldpunt-bench-'));
  const external = process.env.MONGODB_URI;
  const embedded = external ? undefined : new EmbeddedDatabase({ dir: join(dir, 'db') });
  await embedded?.start();
  const uri = external
    ? external.replace(/\/?(\?.*)?$/, `/meldpunt_bench_${process.pid}$1`)
    : embedded!.uri('meldpunt_bench');
  await mongoose.connect(uri, CONNECT_OPTIONS);
  await Promise.all(Object.values(mongoose.connection.models).map((m) => m.init()));
  const sink = await startSink();
  const rss = rssSampler();
  let worker: ChildProcess | undefined;
  const stage = (name: string) => {
    const m = process.memoryUsage();
    const mb = (x: number) => Math.round(x / 1048576);
    if (process.env.BENCH_DEBUG)
      console.error(
        `${name}: rss ${mb(m.rss)} MB (heap ${mb(m.heapUsed)}/${mb(m.heapTotal)}, external ${mb(m.external)}, buffers ${mb(m.arrayBuffers)}), peak ${rss.peakMb()} MB`,
      );
  };
  stage('start');
  try {
    // One configuration for this process and the worker: the worker must open the contacts sealed here.
    const env: Record<string, string> = {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      ATTACHMENT_KEY: randomBytes(32).toString('hex'),
      SESSION_SECRET: randomBytes(32).toString('hex'),
      BASE_URL: 'http://meldpunt.bench',
      MAIL_FROM: 'Meldpunt <meldpunt@bench.test>',
      MONGODB_URI: uri,
      SMTP_URL: sink.url,
      NOTICE_CONCURRENCY: String(concurrency),
    };
    const config = loadConfig(env);
    const cipher = contactCipher(config);
    const now = new Date();
    // Users are stored directly: argon2 hashing would add its 64 MB working memory to the RSS figure.
    const user = async (role: 'privacy_officer' | 'reporter', name: string) => {
      const u = await User.create({
        email: `${name}-${randomBytes(3).toString('hex')}@bench.test`,
        name,
        role,
        language: 'nl',
        active: true,
        passwordHash: 'bench-no-login',
        createdAt: now,
        updatedAt: now,
      });
      return { id: String(u._id), email: u.email, name: u.name, role, language: 'nl' as const };
    };
    const [author, approver, reporter] = [
      await user('privacy_officer', 'auteur'),
      await user('privacy_officer', 'goedkeurder'),
      await user('reporter', 'melder'),
    ];
    const ctx = (u: typeof author) => ({ user: u, origin: { via: 'cli' as const }, now: new Date() });
    const incident = await Incident.create({
      reference: 'DL-2026-9999',
      year: 2026,
      seq: 9999,
      status: 'assessed',
      reporterId: reporter.id,
      reporterName: reporter.name,
      summary: 'Benchmark',
      incidentCause: 'hacking_malware',
      discoveredAt: now,
      reportedInternallyAt: now,
      createdAt: now,
      updatedAt: now,
    });

    // 1. Import: a CSV file streamed through the real import (validation, dedupe, sealing).
    const csv = join(dir, 'persons.csv');
    await writeCsv(csv, n);
    let t = performance.now();
    const imp = await importPersons(String(incident._id), createReadStream(csv), ctx(author), cipher);
    const importSeconds = (performance.now() - t) / 1000;
    if (imp.imported !== n)
      throw new Error(
        `import stored ${imp.imported} of ${n} (${imp.invalid} invalid, ${imp.duplicates} duplicates)`,
      );

    stage('imported');
    // 2. Baseline: raw pooled Nodemailer, same sink, same pool size.
    await sink.ask('reset');
    const base = await baseline(sink.url, baselineN, concurrency);
    const baseStats = await sink.ask<SinkStats>('stats');

    stage('baseline done');
    // 3. The engine: approve (four-eyes), start, and let the production worker process (as
    // `npm run worker` runs it) send every notice. Its own peak RSS is the fan-out's memory figure.
    await sink.ask('reset');
    const run = await createRun(String(incident._id), ctx(author));
    const t2 = (lang: string) => ({
      lang,
      whatHappened: 'Een aanvaller heeft toegang gehad tot ons klantsysteem.',
      dataConcerned: 'Naam, adres en BSN.',
      consequences: 'Phishing en identiteitsfraude.',
      measures: 'Het lek is gedicht en de politie is ingelicht.',
      advice: 'Wees alert op berichten die u niet verwacht.',
    });
    await saveRunTexts(String(run._id), [t2('nl'), t2('en')], ctx(author));
    await approveRun(String(run._id), ctx(approver), gateOf(config));
    worker = await startWorker(env, [
      '--poll-ms',
      '50',
      '--page-size',
      String(pageSize),
      '--chunk-size',
      String(chunkSize),
      '--lanes',
      String(lanes),
    ]);
    const workerAtStart = residentMb(worker.pid!);
    const workerCpuAtStart = cpuSeconds(worker.pid!);
    t = performance.now();
    await startRun(
      String(run._id),
      { concurrency, ratePerSecond: 0, failureThreshold: 0 },
      ctx(author),
      gateOf(config),
    );
    let nextProbe = performance.now() + 5000;
    let snapshot = await runSnapshot(run._id, 'database');
    while (snapshot?.state === 'sending') {
      await new Promise((r) => setTimeout(r, 100));
      if (worker.exitCode !== null)
        throw new Error(`the notice worker stopped (${worker.exitCode}) while sending`);
      snapshot = await runSnapshot(run._id, 'database');
      if (process.env.BENCH_DEBUG && performance.now() >= nextProbe) {
        nextProbe += 5000;
        const st = await sink.ask<SinkStats>('stats');
        const w = residentMb(worker.pid!);
        stage(
          `sending ${st.received} at ${round((performance.now() - t) / 1000)} s: worker rss ${w?.now} MB, peak ${w?.peak} MB; bench process`,
        );
      }
    }
    const engineSeconds = (performance.now() - t) / 1000;
    const workerMemory = residentMb(worker.pid!);
    const workerCpuAtEnd = cpuSeconds(worker.pid!);
    const engineCpuMs =
      workerCpuAtStart !== null && workerCpuAtEnd !== null
        ? ((workerCpuAtEnd - workerCpuAtStart) * 1000) / n
        : null;
    stage('engine done');
    worker.kill('SIGTERM');
    await once(worker, 'exit');
    worker = undefined;
    const stats = await sink.ask<SinkStats>('stats');
    const heads = await NoticePageHead.find({ runId: new Types.ObjectId(String(run._id)) }).lean();
    const recordedSent = heads.reduce((s, h) => s + [...h.status].filter((c) => c === 'S').length, 0);
    const engineRate = n / engineSeconds;
    return {
      bench: 'fanout',
      recipients: n,
      database: external ? 'mongodb' : 'ferretdb-1.24-sqlite (embedded)',
      cpus: cpus().length,
      node: process.version,
      settings: {
        concurrency,
        pageSize,
        chunkSize,
        lanes,
        maxMessagesPerConnection: MAX_MESSAGES_PER_CONNECTION,
        heapMb: options['heap-mb'] ?? 'default',
      },
      import: { rows: n, seconds: round(importSeconds), rowsPerSec: round(n / importSeconds) },
      engine: {
        messages: n,
        seconds: round(engineSeconds),
        msgsPerSec: round(engineRate),
        recordedSent,
        runState: snapshot?.state,
        process: 'notice worker (npm run worker)',
        rssAtStartMb: workerAtStart?.now ?? null,
        peakRssMb: workerMemory?.peak ?? null,
        cpuMsPerMessage: engineCpuMs === null ? null : round(engineCpuMs, 2),
      },
      baseline: { ...base, lost: base.messages - baseStats.unique, duplicates: baseStats.duplicates },
      ratio: round(engineRate / base.msgsPerSec, 2),
      lost: n - stats.unique,
      duplicates: stats.duplicates,
      // The fan-out's memory: the peak resident set of the worker process that sent the notices.
      peakRssMb: workerMemory?.peak ?? null,
      benchProcessPeakRssMb: rss.peakMb(),
    };
  } finally {
    rss.stop();
    if (worker && worker.exitCode === null) {
      worker.kill('SIGKILL');
      await once(worker, 'exit');
    }
    sink.child.send({ cmd: 'stop' });
    await once(sink.child, 'exit');
    if (external) await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
