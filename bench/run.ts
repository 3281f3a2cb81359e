// `npm run bench -- <name> [--option value …]` (contracts.md §5): runs a benchmark and prints one
// JSON line per run with its figures, the baseline measured in the same run and their ratio.
// Benchmarks are not tests: they never run inside `npm test`.
import { spawn } from 'node:child_process';
import { runFanout, FANOUT_HELP } from './fanout.js';

// V8 lets garbage grow far past what a process needs before it collects; the figure that matters
// is the working set, so benchmarks run in a child with a capped old space (--heap-mb, 0 = Node's
// default), and the cap is part of the printed figures.
const DEFAULT_HEAP_MB = 128;

type Bench = (options: Record<string, string>) => Promise<Record<string, unknown>>;

const BENCHES: Record<string, { run: Bench; help: string }> = {
  fanout: { run: runFanout, help: FANOUT_HELP },
};

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
    console.error(bench ? bench.help : `usage: npm run bench -- <name> [options]\nbenchmarks: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(bench ? 0 : 2);
  }
  let options: Record<string, string>;
  try {
    options = parseOptions(rest);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const heapMb = Number(options['heap-mb'] ?? DEFAULT_HEAP_MB);
  if (heapMb > 0 && process.env.MELDPUNT_BENCH_HEAP_MB === undefined) {
    const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMb}`, ...process.argv.slice(1)], {
      stdio: 'inherit',
      env: { ...process.env, MELDPUNT_BENCH_HEAP_MB: String(heapMb) },
    });
    child.once('exit', (code) => process.exit(code ?? 1));
    return;
  }
  options['heap-mb'] = process.env.MELDPUNT_BENCH_HEAP_MB ?? 'default';
  const runs = Number(options.runs ?? 1);
  for (let i = 0; i < runs; i++) console.log(JSON.stringify(await bench.run(options)));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('benchmark failed:', err);
  process.exit(1);
});
