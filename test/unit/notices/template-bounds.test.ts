// Issue 11 item 3: a notice template is bounded before it is compiled, so a hostile one cannot
// stall the event loop (4,500 nested blocks took 20 s): too long, too many tags or too deep is
// refused with a message the editor understands; the built-in templates stay well within bounds.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileNotice,
  NoticeTemplateError,
  TEMPLATE_BOUNDS,
} from '../../../server/notices/notice-render.js';

const refusal = (subject: string, body: string) => {
  try {
    compileNotice({ lang: 'nl', version: 0, subject, body });
    return null;
  } catch (err) {
    assert.ok(err instanceof NoticeTemplateError, String(err));
    return [err.field, err.messageKey];
  }
};

describe('notice templates: bounds before compiling', () => {
  it('when a body nests thousands of blocks (83 KB), then it is refused as too long, and within 20,000 characters as too complex', () => {
    const nested = (n: number) => '{{#if notice.measures}}'.repeat(n) + 'x' + '{{/if}}'.repeat(n);
    assert.ok(nested(2700).length > 80_000);
    assert.deepEqual(refusal('Onderwerp', nested(2700)), ['body', 'notices.template.tooLong']);
    assert.ok(nested(600).length < TEMPLATE_BOUNDS.body);
    assert.deepEqual(refusal('Onderwerp', nested(600)), ['body', 'notices.template.tooComplex']);
    assert.deepEqual(refusal('Onderwerp', nested(TEMPLATE_BOUNDS.depth + 1)), [
      'body',
      'notices.template.tooComplex',
    ]);
    assert.equal(
      refusal('Onderwerp', nested(TEMPLATE_BOUNDS.depth)),
      null,
      'nesting up to the bound compiles',
    );
  });

  it('when a template has more tags than the bound, flat, then it is refused; a subject over 500 characters too', () => {
    assert.deepEqual(refusal('S', '{{recipient.name}} '.repeat(TEMPLATE_BOUNDS.tags + 1)), [
      'body',
      'notices.template.tooComplex',
    ]);
    assert.equal(refusal('S', '{{recipient.name}} '.repeat(TEMPLATE_BOUNDS.tags)), null);
    assert.deepEqual(refusal('x'.repeat(501), 'b'), ['subject', 'notices.template.tooLong']);
  });

  it('when the built-in templates are checked, then each is within the bounds with room to spare', () => {
    const dir = join(process.cwd(), 'server', 'notices', 'templates');
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => /\.(hbs|txt|md|json)$/.test(f));
    assert.ok(files.length > 0);
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      const tags = (text.match(/\{\{/g) ?? []).length;
      assert.ok(tags < TEMPLATE_BOUNDS.tags / 2, `${f}: ${tags} tags`);
    }
  });
});
