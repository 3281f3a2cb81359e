// `npm start` and `npm run demo`: run the app compiled to JavaScript (dist/), building it first
// when it is missing or older than its sources. Running TypeScript through a loader at run time
// costs memory for the whole life of the process; compiled, an idle app needs far less.
// Without the compiler (an install without dev dependencies), the sources run through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamp = join(root, 'dist', '.build-stamp');
const SOURCES = ['server', 'models', 'notifications', 'tools/ferretdb', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time among the sources (TypeScript and configuration). */
function newestSource() {
  let newest = 0;
  /** @param {string} p */
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else if (/\.(ts|json)$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of SOURCES) if (existsSync(join(root, s))) visit(join(root, s));
  return newest;
}

function compilerPath() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

const fresh = existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();
if (!fresh) {
  const tsc = compilerPath();
  if (!tsc) {
    console.error('meldpunt: no TypeScript compiler installed: running the sources directly (uses more memory).');
    const { register } = await import('tsx/esm/api');
    register();
    await import(pathToFileURL(join(root, 'server', 'main.ts')).href);
    // main.ts keeps the process alive.
  } else {
    console.error('meldpunt: compiling the app (first start, or the sources changed)…');
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('meldpunt: the app could not be compiled (see above).');
      process.exit(1);
    }
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
  }
}
if (existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource()) await import(pathToFileURL(join(root, 'dist', 'server', 'main.js')).href);
