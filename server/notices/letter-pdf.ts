// Printable letters (issue 7 item 5): one A4 page (or more) per recipient, the address placed for a
// window envelope, and the same approved text as the e-mail. Streamed page by page, so a list of
// any length never sits in memory whole.
import { loadPdfKit } from '../pdf-kit.js';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { ContactData } from './contact-crypto.js';
import { textBlocks } from './notice-render.js';
import type { FontStack, PdfDoc } from './letter-text.js';
import { isRightToLeft, needsComplexLayout } from './text-direction.js';

const MM = 72 / 25.4;
// Debian's fonts-dejavu covers the accents and scripts of most languages our clients read (the
// PDF standard fonts only have Western European characters).
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const REGULAR = `${FONT_DIR}/DejaVuSans.ttf`;
const BOLD = `${FONT_DIR}/DejaVuSans-Bold.ttf`;

/** One letter. */
export interface Letter {
  contact: ContactData;
  subject: string;
  /** The rendered notice text (blocks: `## ` headings, `- ` lists, paragraphs). */
  body: string;
  reference: string;
  date: string;
  lang: string;
}

/** Streams letters into a PDF written to `out`; resolves when the PDF is complete. */
export async function writeLettersPdf(
  letters: AsyncIterable<Letter>,
  out: Writable,
  meta: { sender: string; senderAddress: string; title: string; referenceLabel: (lang: string) => string },
): Promise<number> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    margins: { top: 20 * MM, bottom: 20 * MM, left: 22 * MM, right: 20 * MM },
    info: { Title: meta.title, Author: meta.sender, Creator: 'Meldpunt' },
  });
  const haveFonts = existsSync(REGULAR) && existsSync(BOLD);
  if (haveFonts) {
    doc.registerFont('body', REGULAR);
    doc.registerFont('bold', BOLD);
  }
  const regular = haveFonts ? 'body' : 'Helvetica';
  const bold = haveFonts ? 'bold' : 'Helvetica-Bold';
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(out);
  let count = 0;
  let stack: FontStack | null = null;
  for await (const l of letters) {
    doc.addPage();
    // Fold marks for a DL window envelope (A4 folded in three).
    doc.save().lineWidth(0.3).strokeColor('#888888');
    for (const y of [99, 198])
      doc
        .moveTo(5 * MM, y * MM)
        .lineTo(9 * MM, y * MM)
        .stroke();
    doc.restore();
    // Return address, small, just above the window.
    doc
      .font(regular)
      .fontSize(6.5)
      .fillColor('#333333')
      .text(`${meta.sender}, ${meta.senderAddress}`, 22 * MM, 45 * MM, {
        width: 85 * MM,
        height: 9,
        ellipsis: true,
      });
    // The window: name, address lines, postcode + city, country.
    // The country as written (upper-casing breaks names such as Türkiye without the right locale).
    const lines = [
      l.contact.name,
      ...l.contact.addressLines,
      [l.contact.postcode, l.contact.city].filter(Boolean).join('  '),
      l.contact.country,
    ]
      .filter(Boolean)
      .slice(0, 6);
    const head = `${meta.referenceLabel(l.lang)}: ${l.reference}\n${l.date}`;
    const allText = [l.subject, l.body, head, ...lines].join('\n');
    if (!needsComplexLayout(allText) && !isRightToLeft(l.lang)) {
      doc
        .font(regular)
        .fontSize(10)
        .fillColor('#000000')
        .text(lines.join('\n'), 22 * MM, 50 * MM, { width: 85 * MM, height: 40 * MM });
      // Reference and date beside the window.
      doc.fontSize(9).text(head, 125 * MM, 50 * MM, { width: 65 * MM });
      doc
        .font(bold)
        .fontSize(12)
        .text(l.subject, 22 * MM, 100 * MM, { width: 168 * MM });
      doc.moveDown(0.8);
      for (const b of textBlocks(l.body)) {
        if (b.kind === 'heading') {
          doc
            .moveDown(0.3)
            .font(bold)
            .fontSize(10.5)
            .text(b.lines[0]!, { width: 168 * MM });
        } else if (b.kind === 'list') {
          doc
            .font(regular)
            .fontSize(10)
            .list(b.lines, { width: 160 * MM, bulletRadius: 1.5 });
          doc.moveDown(0.5);
        } else {
          doc
            .font(regular)
            .fontSize(10)
            .text(b.lines.join('\n'), { width: 168 * MM });
          doc.moveDown(0.5);
        }
      }
    } else {
      // Arabic, Tigrinya and other scripts PDFKit cannot set alone (see letter-text.ts): the body
      // runs in the letter's direction; the address stays where the window is, each line in its
      // own direction.
      // The font engine and its fonts are loaded on the first such letter only.
      const { drawParagraph, registerFontStack } = await import('./letter-text.js');
      stack ??= registerFontStack(doc, haveFonts ? { regular: REGULAR, bold: BOLD } : null);
      const pdf = doc as unknown as PdfDoc;
      const dir = isRightToLeft(l.lang) ? 'rtl' : 'ltr';
      const column = { stack, left: 22 * MM, width: 168 * MM, dir } as const;
      doc.fillColor('#000000');
      doc.y = 50 * MM;
      for (const line of lines)
        drawParagraph(pdf, line, {
          stack,
          weight: 'regular',
          size: 10,
          left: 22 * MM,
          width: 85 * MM,
          dir: 'auto',
          align: 'left',
        });
      doc.y = 50 * MM;
      for (const line of head.split('\n'))
        drawParagraph(pdf, line, { stack, weight: 'regular', size: 9, left: 125 * MM, width: 65 * MM, dir });
      doc.y = 100 * MM;
      drawParagraph(pdf, l.subject, { ...column, weight: 'bold', size: 12 });
      doc.y += 8;
      for (const b of textBlocks(l.body)) {
        if (b.kind === 'heading') {
          doc.y += 3;
          drawParagraph(pdf, b.lines[0]!, { ...column, weight: 'bold', size: 10.5 });
        } else {
          const paragraphs = b.kind === 'list' ? b.lines.map((x) => `• ${x}`) : b.lines;
          for (const p of paragraphs) drawParagraph(pdf, p, { ...column, weight: 'regular', size: 10 });
          doc.y += 5;
        }
      }
    }
    count++;
  }
  if (count === 0) doc.addPage().font(regular).fontSize(10).text('—');
  doc.end();
  await done;
  return count;
}
