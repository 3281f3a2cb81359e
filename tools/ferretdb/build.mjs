#!/usr/bin/env node
// Builds the embedded-database launcher (FerretDB 1.24 with its SQLite backend) once into
// .cache/bin/. It is rebuilt only when its Go sources change. `--if-go` makes a missing Go
// toolchain a notice instead of an error (used by `npm install`, where MONGODB_URI may be set).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const outDir = join(root, '.cache', 'bin');
const binary = join(outDir, 'ferretdb-launcher');
const stamp = `${binary}.sha256`;

const sourceHash = createHash('sha256');
// Every Go source of the launcher (not its tests) plus the module files.
const sources = [
  'go.mod',
  'go.sum',
  ...readdirSync(here)
    .filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))
    .sort(),
];
for (const f of sources) {
  sourceHash.update(`${f}\0`);
  const p = join(here, f);
  if (existsSync(p)) sourceHash.update(readFileSync(p));
}
const digest = sourceHash.digest('hex');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest) {
  process.exit(0);
}

try {
  execFileSync('go', ['version'], { stdio: 'ignore' });
} catch {
  const msg =
    'meldpunt: Go (>= 1.24) is needed to build the embedded database; set MONGODB_URI to use your own MongoDB instead.';
  if (process.argv.includes('--if-go')) {
    console.warn(msg);
    process.exit(0);
  }
  console.error(msg);
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
console.log('meldpunt: building the embedded database launcher (FerretDB 1.24.2, first time only) …');
execFileSync('go', ['build', '-trimpath', '-o', binary, '.'], { cwd: here, stdio: 'inherit' });
writeFileSync(stamp, `${digest}\n`);
console.log('meldpunt: embedded database launcher ready.');
