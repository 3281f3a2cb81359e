// Printable letters (issue 7 item 5): one A4 page (or more) per recipient, the address placed for a
// window envelope, and the same approved text as the e-mail. Streamed page by page, so a list of
// any length never sits in memory whole.
import PDFDocument from 'pdfkit';
import { existsSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { ContactData } from './contact-crypto.js';
import { textBlocks } from './notice-render.js';

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
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, margins: { top: 20 * MM, bottom: 20 * MM, left: 22 * MM, right: 20 * MM }, info: { Title: meta.title, Author: meta.sender, Creator: 'Meldpunt' } });
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
  for await (const l of letters) {
    doc.addPage();
    // Fold marks for a DL window envelope (A4 folded in three).
    doc.save().lineWidth(0.3).strokeColor('#888888');
    for (const y of [99, 198]) doc.moveTo(5 * MM, y * MM).lineTo(9 * MM, y * MM).stroke();
    doc.restore();
    // Return address, small, just above the window.
    doc.font(regular).fontSize(6.5).fillColor('#333333').text(`${meta.sender}, ${meta.senderAddress}`, 22 * MM, 45 * MM, { width: 85 * MM, height: 9, ellipsis: true });
    // The window: name, address lines, postcode + city, country.
    // The country as written (upper-casing breaks names such as Türkiye without the right locale).
    const lines = [l.contact.name, ...l.contact.addressLines, [l.contact.postcode, l.contact.city].filter(Boolean).join('  '), l.contact.country].filter(Boolean);
    doc.font(regular).fontSize(10).fillColor('#000000').text(lines.slice(0, 6).join('\n'), 22 * MM, 50 * MM, { width: 85 * MM, height: 40 * MM });
    // Reference and date beside the window.
    doc.fontSize(9).text(`${meta.referenceLabel(l.lang)}: ${l.reference}\n${l.date}`, 125 * MM, 50 * MM, { width: 65 * MM });
    doc.font(bold).fontSize(12).text(l.subject, 22 * MM, 100 * MM, { width: 168 * MM });
    doc.moveDown(0.8);
    for (const b of textBlocks(l.body)) {
      if (b.kind === 'heading') {
        doc.moveDown(0.3).font(bold).fontSize(10.5).text(b.lines[0]!, { width: 168 * MM });
      } else if (b.kind === 'list') {
        doc.font(regular).fontSize(10).list(b.lines, { width: 160 * MM, bulletRadius: 1.5 });
        doc.moveDown(0.5);
      } else {
        doc.font(regular).fontSize(10).text(b.lines.join('\n'), { width: 168 * MM });
        doc.moveDown(0.5);
      }
    }
    count++;
  }
  if (count === 0) doc.addPage().font(regular).fontSize(10).text('—');
  doc.end();
  await done;
  return count;
}
