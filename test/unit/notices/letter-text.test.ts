// Letters in Arabic (right to left, joined letters) and Tigrinya (Ethiopic script), set with fonts
// that ship with the project's dependencies: the pieces come in display order, every character has
// a glyph, Arabic letters take their joined forms, and the PDF embeds the fonts.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import * as fontkit from 'fontkit';
import { createRequire } from 'node:module';
import { layoutParagraph, registerFontStack, type Line } from '../../../server/notices/letter-text.js';
import { writeLettersPdf, type Letter } from '../../../server/notices/letter-pdf.js';
import { isRightToLeft } from '../../../server/notices/text-direction.js';
import { renderNotice, compileNotice, sampleNoticeData } from '../../../server/notices/notice-render.js';

const require = createRequire(import.meta.url);
const arabicFont = fontkit.openSync(
  require.resolve('@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff'),
) as fontkit.Font;
const ethiopicFont = fontkit.openSync(
  require.resolve('@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff'),
) as fontkit.Font;

function setUp() {
  const doc = new PDFDocument({ size: 'A4' });
  // No system font: only what the dependencies ship.
  const stack = registerFontStack(doc, null);
  const faceOf = (name: string) =>
    name === stack.faces.regular[0]!.name
      ? 'arabic'
      : name === stack.faces.regular[1]!.name
        ? 'ethiopic'
        : 'latin';
  const lay = (text: string, dir: 'rtl' | 'ltr' | 'auto') =>
    layoutParagraph(doc, text, { stack, weight: 'regular', size: 10, left: 50, width: 400, dir });
  return { lay, faceOf };
}

/** The pieces of a line from left to right, with their faces. */
function shown(line: Line, faceOf: (n: string) => string): [string, string][] {
  return [...line.pieces].sort((a, b) => a.x - b.x).map((p) => [p.text, faceOf(p.face)]);
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield await Promise.resolve(item);
}

describe('unit: letters in Arabic and Tigrinya', () => {
  it('when an Arabic sentence holds a reference, Arabic-Indic digits and brackets, then it is set from the right: first word rightmost, the reference and digits left to right, brackets mirrored', () => {
    const { lay, faceOf } = setUp();
    const [line, ...rest] = lay('مرحبا بالعالم DL-2026-0042 (نسخة ١٢٣).', 'rtl');
    assert.equal(rest.length, 0);
    assert.deepEqual(shown(line!, faceOf), [
      ['.(', 'latin'],
      ['٣٢١', 'arabic'], // the engine turns Arabic-script runs around: shown as ١٢٣
      ['نسخة', 'arabic'],
      [')', 'latin'],
      ['DL-2026-0042', 'latin'],
      ['بالعالم', 'arabic'],
      ['مرحبا', 'arabic'],
    ]);
    // Right-aligned: the last piece ends at the column's right edge.
    const last = [...line!.pieces].sort((a, b) => b.x - a.x)[0]!;
    assert.ok(Math.abs(last.x + last.width - 450) < 0.01);
    // The digits come out in reading order once the engine has turned them.
    const digits = arabicFont.layout('٣٢١');
    assert.equal(digits.direction, 'rtl');
    assert.deepEqual(
      digits.glyphs.map((g) => g.codePoints[0]),
      [...'١٢٣'].map((c) => c.codePointAt(0)),
    );
  });

  it('when Arabic words are shaped, then every letter has a glyph and joining letters take their joined forms', () => {
    for (const word of ['مرحبا', 'بالعالم', 'المعلومات', 'الشخصية']) {
      const run = arabicFont.layout(word);
      assert.ok(
        run.glyphs.every((g) => g.id !== 0),
        `${word}: a character without a glyph`,
      );
      const isolated = [...word].map((c) => arabicFont.layout(c).glyphs[0]!.id).reverse();
      const joined = run.glyphs.map((g) => g.id);
      assert.notDeepEqual(joined, isolated, `${word} is not joined`);
      // Shown right to left: the first letter's glyph is last.
      assert.equal(run.glyphs[run.glyphs.length - 1]!.codePoints[0], word.codePointAt(0));
    }
  });

  it('when a Tigrinya sentence holds a reference, then it is set left to right in the Ethiopic font with a glyph for every character', () => {
    const { lay, faceOf } = setUp();
    const text = 'ሰላም ዓለም፡ ሓበሬታ ብዛዕባ DL-2026-0042';
    const [line] = lay(text, 'ltr');
    assert.deepEqual(shown(line!, faceOf), [
      ['ሰላም', 'ethiopic'],
      ['ዓለም፡', 'ethiopic'],
      ['ሓበሬታ', 'ethiopic'],
      ['ብዛዕባ', 'ethiopic'],
      ['DL-2026-0042', 'latin'],
    ]);
    for (const word of ['ሰላም', 'ዓለም፡', 'ሓበሬታ', 'ብዛዕባ'])
      assert.ok(
        ethiopicFont.layout(word).glyphs.every((g) => g.id !== 0),
        word,
      );
  });

  it('when a paragraph is longer than the column, then it breaks into lines in reading order, each set from the right', () => {
    const { lay } = setUp();
    const words = Array.from({ length: 40 }, (_, i) => (i % 2 ? 'المعلومات' : 'الشخصية'));
    const lines = lay(words.join(' '), 'rtl');
    assert.ok(lines.length > 1);
    for (const l of lines) assert.ok(l.width <= 400 + 0.01);
    assert.equal(
      lines.reduce((n, l) => n + l.pieces.length, 0),
      40,
    );
  });

  it('when letters in Arabic, Tigrinya and Dutch are printed, then the PDF embeds the Arabic and Ethiopic fonts and has a page per letter', async () => {
    const letter = (lang: string, subject: string, body: string, name: string): Letter => ({
      contact: {
        name,
        email: '',
        addressLines: ['Straat 1'],
        postcode: '3511 GC',
        city: 'Utrecht',
        country: '',
      },
      subject,
      body,
      reference: 'DL-2026-0042',
      date: '5 januari 2026',
      lang,
    });
    function* letters() {
      yield letter(
        'ar',
        'إشعار بشأن بياناتك',
        '## ماذا حدث\n\nتم إرسال بريد إلكتروني إلى المستلم الخطأ.\n\n- الاسم\n- العنوان',
        'محمد العلي',
      );
      yield letter('ti', 'ሓበሬታ ብዛዕባ ሓበሬታኹም', '## እንታይ ኣጋጢሙ\n\nኢመይል ናብ ጌጋ ተቐባሊ ተላኢኹ።', 'ተስፋይ ገብረ');
      yield letter(
        'nl',
        'Uw gegevens',
        'Een e-mail is naar de verkeerde ontvanger gestuurd.',
        'Fatima de Vries',
      );
    }
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const n = await writeLettersPdf(toAsync(letters()), out, {
      sender: 'NMI',
      senderAddress: 'Utrecht',
      title: 'Brieven',
      referenceLabel: () => 'Kenmerk',
    });
    assert.equal(n, 3);
    const pdf = Buffer.concat(chunks).toString('latin1');
    assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+NotoSansArabic/);
    assert.match(pdf, /\/BaseFont \/[A-Z]{6}\+NotoSansEthiopic/);
    assert.equal(pdf.match(/\/Type \/Page\b/g)?.length, 3);
  });

  it('when a notice is in Arabic, then its e-mail HTML is marked right to left; Dutch is not', () => {
    assert.equal(isRightToLeft('ar'), true);
    assert.equal(isRightToLeft('fa-IR'), true);
    assert.equal(isRightToLeft('ti'), false);
    const t = { version: 1, subject: 'إشعار', body: 'مرحبا {{recipient.name}}' };
    assert.match(
      renderNotice(compileNotice({ lang: 'ar', ...t }), sampleNoticeData('ar')).html,
      /<div lang="ar" dir="rtl">/,
    );
    assert.match(
      renderNotice(compileNotice({ lang: 'nl', ...t }), sampleNoticeData('nl')).html,
      /<div lang="nl">/,
    );
  });
});
