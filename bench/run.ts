// `npm run bench -- <name> [--option value …]` (contracts.md §5): runs a benchmark and prints one
// JSON line per figure set, with the baseline measured in the same run and their ratio.
// Benchmarks are not tests: they never run inside `npm test`.
// Each run (`--runs N`) happens in its own child process with its own database, so no run inherits
// another's heap, connections or data; every run removes its temporary folder and stops its database.
// Node's default heap applies unless `--heap-mb N` caps the old space of the runs.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { runFanout, FANOUT_HELP } from './fanout.js';
import {
  runPages,
  runExport,
  runPersons,
  runIdle,
  PAGES_HELP,
  EXPORT_HELP,
  PERSONS_HELP,
  IDLE_HELP,
  startFlags,
} from './pages.js';

type Bench = (
  options: Record<string, string>,
) => Promise<Record<string, unknown> | Record<string, unknown>[]>;

// `hostsApp`: the run serves the app in its own process, so it runs with the node flags of
// `npm start` (startFlags), as the app does in production. The fan-out's worker is a process of its
// own and its baseline must not be slowed by them; `idle` starts the app as `npm start` does.
const BENCHES: Record<string, { run: Bench; help: string; hostsApp?: boolean }> = {
  fanout: { run: runFanout, help: FANOUT_HELP },
  pages: { run: runPages, help: PAGES_HELP, hostsApp: true },
  export: { run: runExport, help: EXPORT_HELP, hostsApp: true },
  persons: { run: runPersons, help: PERSONS_HELP, hostsApp: true },
  idle: { run: runIdle, help: IDLE_HELP },
};

const CHILD_FLAG = 'MELDPUNT_BENCH_CHILD';

function parseOptions(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) out[a.slice(2)] = 'true';
    else {
      out[a.slice(2)] = next;
      i++;
    }
  }
  return out;
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const bench = name ? BENCHES[name] : undefined;
  if (!bench || rest.includes('--help')) {
    console.error(
      bench
        ? bench.help
        : `usage: npm run bench -- <name> [options]\nbenchmarks: ${Object.keys(BENCHES).join(', ')}`,
    );
    process.exit(bench ? 0 : 2);
  }
  let options: Record<string, string>;
  try {
    options = parseOptions(rest);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (process.env[CHILD_FLAG]) {
    options['heap-mb'] = options['heap-mb'] ?? 'default';
    const out = await bench.run(options);
    for (const line of Array.isArray(out) ? out : [out]) console.log(JSON.stringify(line));
    process.exit(0);
  }
  const runs = Number(options.runs ?? 1);
  if (!Number.isInteger(runs) || runs <= 0) {
    console.error(`not a positive whole number: ${options.runs}`);
    process.exit(2);
  }
  const heapMb = options['heap-mb'] === undefined ? 0 : Number(options['heap-mb']);
  const heapArgs = heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : [];
  for (let i = 0; i < runs; i++) {
    const appArgs = bench.hostsApp ? startFlags() : [];
    const child = spawn(
      process.execPath,
      [...process.execArgv, ...appArgs, ...heapArgs, ...process.argv.slice(1)],
      {
        stdio: 'inherit',
        env: { ...process.env, [CHILD_FLAG]: String(i + 1) },
      },
    );
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) process.exit(code ?? 1);
  }
}

main().catch((err: unknown) => {
  console.error('benchmark failed:', err);
  process.exit(1);
});
