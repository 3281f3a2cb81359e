// Text in any script for printed letters (issue 13: notices in the clients' languages). PDFKit draws
// one font per call and lays words out left to right, which garbles Arabic (written right to left,
// its letters joined) and cannot show Ethiopic (Tigrinya) at all. So a paragraph that holds such
// text is laid out here: each character gets the first font that has it (Noto Sans Arabic and
// Noto Sans Ethiopic ship with the project's dependencies, no download at run time), lines are
// broken in reading order, each line is put in display order by the Unicode bidirectional
// algorithm (UAX #9), and every piece is drawn at its place. Arabic pieces are handed to the font
// engine in reading order, which joins the letters and turns them around itself.
import bidiImport, { type Bidi } from 'bidi-js';
import * as fontkit from 'fontkit';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
export { isRightToLeft, needsComplexLayout } from './text-direction.js';

// The package's CommonJS build exports the factory itself, its types an ES default export.
const bidiFactory: () => Bidi = typeof bidiImport === 'function' ? bidiImport : bidiImport.default;
const bidi = bidiFactory();
const require = createRequire(import.meta.url);

type Weight = 'regular' | 'bold';

interface Face {
  /** The name the font is registered under in the PDF document. */
  name: string;
  font: fontkit.Font;
}

/** A font stack: the first face that has a character draws it. */
export interface FontStack {
  faces: Record<Weight, Face[]>;
}

function fontsourceFile(pkg: string, file: string): string {
  return require.resolve(`@fontsource/${pkg}/files/${file}`);
}

/** The faces of the stack, in order, for one weight: their files. */
function stackFiles(weight: Weight, system: { regular: string; bold: string } | null): string[] {
  const w = weight === 'bold' ? 700 : 400;
  return [
    fontsourceFile('noto-sans-arabic', `noto-sans-arabic-arabic-${w}-normal.woff`),
    fontsourceFile('noto-sans-ethiopic', `noto-sans-ethiopic-ethiopic-${w}-normal.woff`),
    ...(system ? [system[weight]] : []),
    fontsourceFile('noto-sans-arabic', `noto-sans-arabic-latin-${w}-normal.woff`),
    fontsourceFile('noto-sans-arabic', `noto-sans-arabic-latin-ext-${w}-normal.woff`),
  ];
}

/** Minimal view of a PDFKit document, as used here. */
export interface PdfDoc {
  registerFont(name: string, src: string): unknown;
  font(name: string): PdfDoc;
  fontSize(size: number): PdfDoc;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: { lineBreak: boolean }): PdfDoc;
  addPage(): PdfDoc;
  y: number;
  page: { height: number; margins: { bottom: number; top: number } };
}

/** Registers the stack's fonts in a document; `system` is a general font kept after Arabic and Ethiopic. */
export function registerFontStack(doc: PdfDoc, system: { regular: string; bold: string } | null): FontStack {
  const usable = system && existsSync(system.regular) && existsSync(system.bold) ? system : null;
  const faces = { regular: [] as Face[], bold: [] as Face[] };
  for (const weight of ['regular', 'bold'] as const) {
    stackFiles(weight, usable).forEach((file, i) => {
      const name = `stack-${weight}-${i}`;
      doc.registerFont(name, file);
      faces[weight].push({ name, font: fontkit.openSync(file) as fontkit.Font });
    });
  }
  return { faces };
}

/** One piece of a line, in display order: `text` is what the font engine gets. */
export interface Piece {
  text: string;
  face: string;
  x: number;
  width: number;
  /** Right to left (an odd bidi level). */
  rtl: boolean;
}

/** A laid-out line. */
export interface Line {
  pieces: Piece[];
  width: number;
}

interface Options {
  stack: FontStack;
  weight: Weight;
  size: number;
  /** Left edge and width of the text column. */
  left: number;
  width: number;
  /** Base direction: `rtl`, `ltr`, or `auto` (from the first strong character). */
  dir: 'rtl' | 'ltr' | 'auto';
  /** Alignment; by default right for a right-to-left paragraph, else left. */
  align?: 'left' | 'right';
}

function faceFor(faces: Face[], cp: number): Face {
  for (const f of faces) if (f.font.hasGlyphForCodePoint(cp)) return f;
  return faces[faces.length - 1]!;
}

const isSpace = (c: string) => c === ' ' || c === '\u00A0' || c === '\t';

/**
 * Lays a paragraph out into lines: each line's pieces in display order with their x positions.
 * Pure apart from measuring with the document's fonts.
 */
export function layoutParagraph(doc: PdfDoc, text: string, o: Options): Line[] {
  // One array element per UTF-16 unit, as bidi-js counts; characters beyond the Basic Multilingual
  // Plane (none in Arabic, Ethiopic or Latin text) are shown as U+FFFD so none is split.
  const joined = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '\uFFFD');
  const chars = joined.split('');
  if (!chars.length) return [];
  const embedding = bidi.getEmbeddingLevels(joined, o.dir === 'auto' ? undefined : o.dir);
  const level = (i: number) => embedding.levels[i]!;
  const baseRtl = (embedding.paragraphs[0]?.level ?? 0) % 2 === 1;
  const faces = o.stack.faces[o.weight];
  const face = chars.map((c) => faceFor(faces, c.codePointAt(0)!));
  const measure = (s: string, f: Face) => doc.font(f.name).fontSize(o.size).widthOfString(s);
  const spaceWidth = measure(' ', faces[faces.length - 1]!);

  // Words (runs of non-spaces) in reading order, each measured by its pieces of one face and direction.
  const words: { start: number; end: number; width: number }[] = [];
  for (let i = 0; i < chars.length;) {
    if (isSpace(chars[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < chars.length && !isSpace(chars[j]!)) j++;
    let width = 0;
    for (let k = i; k < j;) {
      let m = k + 1;
      while (m < j && face[m] === face[k] && level(m) % 2 === level(k) % 2) m++;
      width += measure(chars.slice(k, m).join(''), face[k]!);
      k = m;
    }
    words.push({ start: i, end: j, width });
    i = j;
  }

  // Lines in reading order: as many words as fit (a longer word stands alone).
  const ranges: { start: number; end: number }[] = [];
  let lineStart = 0;
  let lineWidth = 0;
  words.forEach((w, n) => {
    if (n > lineStart && lineWidth + spaceWidth + w.width > o.width) {
      ranges.push({ start: words[lineStart]!.start, end: words[n - 1]!.end });
      lineStart = n;
      lineWidth = w.width;
    } else lineWidth += (n > lineStart ? spaceWidth : 0) + w.width;
  });
  ranges.push({ start: words[lineStart]!.start, end: words[words.length - 1]!.end });

  return ranges.map(({ start, end }) => {
    // Display order of the line's characters (UAX #9 rule L2): bidi-js gives ranges to reverse in
    // place, one after the other.
    const order = Array.from({ length: end - start }, (_, k) => start + k);
    for (const [a = 0, b = -1] of bidi.getReorderSegments(joined, embedding, start, end - 1)) {
      order.splice(a - start, b - a + 1, ...order.slice(a - start, b - start + 1).reverse());
    }
    const pieces: Piece[] = [];
    let x = 0;
    for (let v = 0; v < order.length;) {
      const i = order[v]!;
      if (isSpace(chars[i]!)) {
        x += spaceWidth;
        v++;
        continue;
      }
      const rtl = level(i) % 2 === 1;
      let w = v + 1;
      while (
        w < order.length &&
        !isSpace(chars[order[w]!]!) &&
        face[order[w]!] === face[i] &&
        level(order[w]!) % 2 === level(i) % 2
      )
        w++;
      const display = order.slice(v, w).map((k) => chars[k]!);
      const f = face[i]!;
      // What the font engine gets: it turns Arabic-script runs around itself, so those go in reading
      // order; other right-to-left runs (punctuation) go in display order, mirrored ("(" → ")").
      const reading = rtl ? [...display].reverse() : display;
      const engineRtl = f.font.layout(reading.join('')).direction === 'rtl';
      let given: string;
      if (engineRtl) given = rtl ? reading.join('') : [...display].reverse().join('');
      else given = rtl ? display.map((c) => bidi.getMirroredCharacter(c) ?? c).join('') : display.join('');
      const width = measure(given, f);
      pieces.push({ text: given, face: f.name, x, width, rtl });
      x += width;
      v = w;
    }
    const right = o.align ? o.align === 'right' : baseRtl;
    const shift = o.left + (right ? o.width - x : 0);
    for (const p of pieces) p.x += shift;
    return { pieces, width: x };
  });
}

/**
 * Draws a paragraph at the document's current position and moves below it, starting a new page
 * when the next line would not fit.
 */
export function drawParagraph(doc: PdfDoc, text: string, o: Options & { lineGap?: number }): void {
  const lineHeight = o.size * 1.45 + (o.lineGap ?? 0);
  for (const line of layoutParagraph(doc, text, o)) {
    if (doc.y + lineHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      doc.y = doc.page.margins.top;
    }
    const y = doc.y;
    for (const p of line.pieces) doc.font(p.face).fontSize(o.size).text(p.text, p.x, y, { lineBreak: false });
    doc.y = y + lineHeight;
  }
}
