// The receipt of a report from the public page as a small one-page PDF (issue 15 item 2), next to
// the text file: the same lines, in the page's language. Nothing is looked up or stored; the
// caller passes what the receipt page showed. Text in Latin script that the PDF standard fonts
// can show is set with them (uncompressed, so simple tools can search it); Turkish letters beyond
// them and Arabic (right to left, letters joined) go through the letter layout of the notices.
import { loadPdfKit } from '../pdf-kit.js';
import { existsSync } from 'node:fs';
import { isRightToLeft, needsComplexLayout } from '../notices/text-direction.js';
import type { PdfDoc } from '../notices/letter-text.js';
import type { PublicLang } from '../i18n/i18n.js';

const MM = 72 / 25.4;
const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const SYSTEM_FONTS = { regular: `${FONT_DIR}/DejaVuSans.ttf`, bold: `${FONT_DIR}/DejaVuSans-Bold.ttf` };

/** One line of the receipt. */
export interface ReceiptLine {
  text: string;
  /** Headings and the secrets stand out. */
  bold?: boolean;
  size?: number;
  /** Space before the line, in points. */
  gap?: number;
}

// What WinAnsi (the standard fonts' encoding) has: Latin-1 and the extra signs of windows-1252.
const WIN_ANSI = /^[\n\x20-\x7e\xa0-\xff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/;

/** Renders the receipt to a PDF buffer. */
export async function renderReceiptPdf(
  lang: PublicLang,
  meta: { title: string; author: string },
  lines: ReceiptLine[],
): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 25 * MM,
    compress: false,
    lang,
    info: { Title: meta.title, Author: meta.author, Creator: 'Meldpunt' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.once('end', () => resolve(Buffer.concat(chunks)));
    doc.once('error', reject);
  });
  const all = lines.map((l) => l.text).join('\n');
  const width = doc.page.width - 50 * MM;
  if (WIN_ANSI.test(all) && !isRightToLeft(lang)) {
    for (const l of lines) {
      if (l.gap) doc.moveDown(l.gap / 12);
      doc
        .font(l.bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(l.size ?? 11)
        .text(l.text, { width });
    }
  } else {
    // The font engine and its fonts are loaded only for such a receipt.
    const { drawParagraph, registerFontStack } = await import('../notices/letter-text.js');
    const pdf = doc as unknown as PdfDoc;
    const stack = registerFontStack(pdf, existsSync(SYSTEM_FONTS.regular) ? SYSTEM_FONTS : null);
    const dir = isRightToLeft(lang) ? 'rtl' : 'ltr';
    doc.y = doc.page.margins.top;
    for (const l of lines) {
      doc.y += l.gap ?? 0;
      for (const paragraph of l.text.split('\n'))
        drawParagraph(pdf, paragraph, {
          stack,
          weight: l.bold ? 'bold' : 'regular',
          size: l.size ?? 11,
          left: doc.page.margins.left,
          width,
          // A code, passphrase or link runs left to right even on an Arabic page.
          dir: needsComplexLayout(paragraph) ? dir : 'auto',
          ...(dir === 'rtl' ? { align: 'right' as const } : {}),
        });
    }
  }
  doc.end();
  return done;
}
