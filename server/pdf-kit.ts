// PDFKit, loaded on the first PDF a process makes (issue 10, item 5). With fontkit, brotli and the
// standard fonts it holds about 25 MB of an app process's memory (measured: resident set after
// `import('pdfkit')`), which an idle process, or one that never makes a PDF, need not carry.
import type PDFDocumentClass from 'pdfkit';
import type SvgToPdf from 'svg-to-pdfkit';

let pdfKit: Promise<typeof PDFDocumentClass> | undefined;
let svgToPdf: Promise<typeof SvgToPdf> | undefined;

/** The PDFKit document class (loaded once, on first use). */
export function loadPdfKit(): Promise<typeof PDFDocumentClass> {
  return (pdfKit ??= import('pdfkit').then((m) => m.default));
}

/** svg-to-pdfkit, for charts drawn into a PDF as vectors (loaded once, on first use). */
export function loadSvgToPdf(): Promise<typeof SvgToPdf> {
  return (svgToPdf ??= import('svg-to-pdfkit').then((m) => m.default));
}
