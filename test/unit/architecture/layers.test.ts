// The layering stated in the README ("Code layout"), checked on every import of the app's code
// (type-only imports included): a module imports only modules of its own layer or a lower one.
//   0  models/: schemas, the domain vocabulary, the database primitives they use;
//   1  infrastructure: configuration, clock, logging, errors, database helpers, i18n and the
//      message catalogues, and the mail core (outbox, mail types, templates, channels);
//   2  features: server/<feature>/ and the notice-run data (notifications/notice-run/);
//   3  processes: the app and worker entry points, the background jobs list and the workers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { ROOT, sourceFiles } from '../../helpers/source-files.js';

const INFRASTRUCTURE = [
  /^server\/(clock|config|logger|errors|deps|interval-job|organisation|secret-strength|paths)\.ts$/,
  /^server\/(db|i18n)\//,
  /^server\/[^/]+\/[^/]+\.messages(\.[a-z]{2})?\.ts$/,
  /^notifications\/(outbox|outbox-claims|outbox-due|mail-types|templates|retry-policy)\.ts$/,
  /^notifications\/channels\//,
];
const PROCESSES = [
  /^server\/(main|app|background|process-start|warm-up)\.ts$/,
  /^notifications\/(worker-main|mail-worker-job|worker)\.ts$/,
  /^notifications\/notice-run\/(notice-run-job|notice-worker)\.ts$/,
];

function layerOf(file: string): number {
  if (file.startsWith('models/')) return 0;
  if (INFRASTRUCTURE.some((r) => r.test(file))) return 1;
  if (PROCESSES.some((r) => r.test(file))) return 3;
  return 2;
}

/** The project files a module imports (relative specifiers), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    out.push(normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
  }
  for (const m of text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    out.push(normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts'));
  }
  return out.map((p) => relative('.', p));
}

describe('architecture: layers', () => {
  const files = ['models', 'server', 'notifications'].flatMap(sourceFiles);

  it('when the app code is read, then it finds the modules of every layer', () => {
    const counts = [0, 0, 0, 0];
    for (const f of files) counts[layerOf(f)]!++;
    for (const [layer, n] of counts.entries())
      assert.ok(n > 0, `layer ${layer} has no modules: the patterns are out of date`);
    assert.ok(files.reduce((n, f) => n + importsOf(f).length, 0) > files.length, 'imports are found');
  });

  it('when any module imports another, then the other is in the same layer or a lower one', () => {
    const upward: string[] = [];
    for (const f of files) {
      for (const target of importsOf(f)) {
        if (layerOf(target) > layerOf(f))
          upward.push(`${f} (layer ${layerOf(f)}) imports ${target} (layer ${layerOf(target)})`);
      }
    }
    assert.deepEqual(upward, []);
  });

  it('when the rule meets an upward import, then it reports it (the check can fail)', () => {
    assert.ok(layerOf('models/incident.model.ts') < layerOf('server/incidents/incidents.service.ts'));
    assert.ok(layerOf('notifications/outbox.ts') < layerOf('server/notices/notice-runs.service.ts'));
    assert.ok(
      layerOf('server/notices/notice-runs.service.ts') < layerOf('notifications/notice-run/notice-worker.ts'),
    );
  });
});
