// Runs an entry point of the project compiled to JavaScript (dist/), compiling first when the build
// is missing or older than its sources. Shared by `npm start`, `npm run worker` and `npm run bench`:
// running TypeScript through a loader at run time costs memory for the whole life of the process.
// Without the compiler (an install without dev dependencies), the sources run through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const COMMON = ['server', 'models', 'notifications', 'tools/ferretdb', 'tsconfig.json', 'package.json'];

/**
 * The newest modification time among the sources (TypeScript and configuration).
 * @param {string[]} sources
 */
function newestSource(sources) {
  let newest = 0;
  /** @param {string} p */
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else if (/\.(ts|json)$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of sources) if (existsSync(join(root, s))) visit(join(root, s));
  return newest;
}

function compilerPath() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

/**
 * Imports `entry` (a path under the root without extension, e.g. `server/main`) compiled with
 * `project` (a tsconfig file whose outDir is dist/), building first when needed.
 * @param {{ entry: string, project: string, extraSources?: string[] }} options
 */
export async function runCompiled({ entry, project, extraSources = [] }) {
  const sources = [...COMMON, ...extraSources, project];
  const stamp = join(root, 'dist', `.${project.replace(/\.json$/, '')}-stamp`);
  const isFresh = () => existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(sources);
  if (!isFresh()) {
    const tsc = compilerPath();
    if (!tsc) {
      console.error(
        'meldpunt: no TypeScript compiler installed: running the sources directly (uses more memory).',
      );
      const { register } = await import('tsx/esm/api');
      register();
      await import(pathToFileURL(join(root, `${entry}.ts`)).href);
      return;
    }
    console.error('meldpunt: compiling (first start, or the sources changed)…');
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, project)], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('meldpunt: the sources could not be compiled (see above).');
      process.exit(1);
    }
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
  }
  await import(pathToFileURL(join(root, 'dist', `${entry}.js`)).href);
}
