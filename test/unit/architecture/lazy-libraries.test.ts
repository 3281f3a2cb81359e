// Libraries that an app process loads only when it first needs them (issue 10, item 5: an idle
// process under 150 MB). Each of these held megabytes from the start when imported statically,
// measured as resident memory after `import()` in a bare process: PDFKit with fontkit 25 MB, Vega and
// Vega-Lite 40 MB, mailparser 30 MB, the password dictionaries 30 MB, the OpenID client 9 MB, the index of
// `date-fns/locale` (all of its locales) 28 MB, and the index of `date-fns` (all of its functions,
// where the app uses three) 11 MB. A static import of one of them anywhere in the app's
// code would put that back; this test reads the sources and says where.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, sourceFiles } from '../../helpers/source-files.js';

/** Loaded on first use only: a value import must be `await import(…)`. */
const LAZY = [
  'pdfkit',
  'svg-to-pdfkit',
  'fontkit',
  'bidi-js',
  'vega',
  'vega-lite',
  'mailparser',
  '@zxcvbn-ts/',
  'openid-client',
];
/** Modules of the app that import lazy libraries themselves: reached through `await import(…)` only. */
const LAZY_MODULES = ['letter-text.js'];

/** Static value imports of a file (type-only imports load nothing at run time). */
function staticImports(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^import\s+(?!type\s)[^'";]*?from\s+'([^']+)';/gms)) out.push(m[1]!);
  for (const m of text.matchAll(/^import\s+'([^']+)';/gm)) out.push(m[1]!);
  return out;
}

describe('architecture: heavy libraries are loaded on first use', () => {
  const files = ['server', 'models', 'notifications'].flatMap(sourceFiles);
  const isLazy = (spec: string) =>
    LAZY.some((l) => (l.endsWith('/') ? spec.startsWith(l) : spec === l || spec.startsWith(`${l}/`)));

  it('when the app code is read, then it finds its imports (the pattern is not out of date)', () => {
    const all = files.flatMap((f) => staticImports(readFileSync(join(ROOT, f), 'utf8')));
    assert.ok(
      all.includes('mongoose') && all.includes('date-fns/format'),
      'the import pattern finds nothing',
    );
  });

  it('when any module imports a heavy library or a module that does, then it imports it on first use', () => {
    const found: string[] = [];
    for (const f of files) {
      const own = f.split('/').pop()!.replace(/\.ts$/, '.js');
      if (LAZY_MODULES.includes(own)) continue;
      for (const spec of staticImports(readFileSync(join(ROOT, f), 'utf8'))) {
        if (isLazy(spec) || LAZY_MODULES.some((m) => spec.endsWith(`/${m}`))) found.push(`${f}: ${spec}`);
        if (spec === 'date-fns' || spec === 'date-fns/locale')
          found.push(
            `${f}: ${spec} (import one function or locale: 'date-fns/format', 'date-fns/locale/nl')`,
          );
      }
    }
    assert.deepEqual(found, [], 'static imports of libraries that must load on first use');
  });

  it('when the pattern is given a static and a type-only import, then it tells them apart', () => {
    const text =
      "import PDFDocument from 'pdfkit';\nimport type { Font } from 'fontkit';\nimport {\n  a,\n  b,\n} from 'vega';\n";
    assert.deepEqual(staticImports(text), ['pdfkit', 'vega']);
  });
});
