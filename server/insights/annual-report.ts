// The annual report of the insights (issue 17 item 3): a narrative over the year's figures, which
// the privacy officer may rewrite, and the report as PDF and spreadsheet. The generated narrative
// is made of numbers and fixed labels only — never text a reporter or officer typed into an
// incident — so it may be shown to management as well (forAudience in insights.view-model.ts).
import { loadPdfKit, loadSvgToPdf } from '../pdf-kit.js';
import type { SheetData } from 'write-excel-file/node';
import { INCIDENT_CAUSE_LABELS } from '../assessments/assessment.labels.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { formatNumber } from '../i18n/numbers.js';
import type { Figure, FigureTable, InsightFigures, insightsView } from './insights.view-model.js';

/** The narrative's limits when the officer saves it. */
export const NARRATIVE_MAX = 10_000;

/** The narrative generated from the figures, for an organisation, in a language. */
export function generatedNarrative(f: InsightFigures, organisation: string, lang: Lang): string {
  const n = (x: number) => formatNumber(x, lang);
  const total = f.perMonth.reduce((a, b) => a + b, 0);
  const ap = f.notification.counts.authority.notified;
  const year = f.year;
  if (total === 0) return translate(lang, 'insights.report.narrative.none', { organisation, year });
  const parts = [
    translate(lang, `insights.report.narrative.${total === 1 ? 'totalOne' : 'total'}`, {
      organisation,
      year,
      total: n(total),
    }),
    translate(lang, `insights.report.narrative.${ap === 1 ? 'apOne' : 'ap'}`, {
      ap: n(ap),
      onTime: n(f.filing.onTime),
    }),
  ];
  if (f.causes.length > 0) {
    const causes = f.causes.map(
      (c) => `${INCIDENT_CAUSE_LABELS[c.cause][lang].toLowerCase()} (${n(c.count)})`,
    );
    parts.push(translate(lang, 'insights.report.narrative.causes', { causes: causes.join(', ') }));
    const measured = f.causes.reduce((a, c) => a + c.measures.length, 0);
    parts.push(
      translate(lang, `insights.report.narrative.${measured === 1 ? 'measuresOne' : 'measures'}`, {
        measured: n(measured),
      }),
    );
  }
  return parts.join(' ');
}

type InsightsView = Awaited<ReturnType<typeof insightsView>>;

/** The figures of the page in order, each with its table(s), for the report's PDF and spreadsheet. */
export function reportFigures(
  view: InsightsView,
  lang: Lang,
): Array<{ title: string; summary: string; svg: string; tables: FigureTable[] }> {
  const col = (k: string) => translate(lang, `insights.col.${k}`);
  const rowsTable = (
    title: string,
    first: string,
    rows: ReadonlyArray<{ label: string; shown: string }>,
  ): FigureTable => ({
    caption: title,
    columns: [first, col('count')],
    rows: rows.map((r) => ({ label: r.label, cells: [r.shown] })),
  });
  const fig = (x: Figure, more: FigureTable[] = []) => ({
    title: x.title,
    summary: x.summary,
    svg: x.svg,
    tables: [x.table, ...more],
  });
  return [
    {
      title: view.perMonth.title,
      summary: view.perMonth.summary,
      svg: view.perMonth.svg,
      tables: [rowsTable(view.perMonth.title, col('month'), view.perMonth.rows)],
    },
    {
      title: view.awareness.title,
      summary: view.awareness.summary,
      svg: view.awareness.svg,
      tables: [rowsTable(view.awareness.title, col('span'), view.awareness.rows)],
    },
    fig(view.byCause),
    fig(view.byType),
    fig(view.notification, view.notification.reasons.rows.length > 0 ? [view.notification.reasons] : []),
    fig(view.filing),
    {
      title: view.causes.title,
      summary: view.causes.summary,
      svg: view.causes.svg,
      tables: [rowsTable(view.causes.title, col('cause'), view.causes.rows)],
    },
    fig(view.duties),
    fig(view.notices),
  ];
}

export interface ReportContent {
  organisation: string;
  year: number;
  narrative: string;
  figures: ReturnType<typeof reportFigures>;
}

/**
 * The report as PDF: title, narrative, then every figure's title, summary, chart and table(s). The
 * charts are the page's SVG drawn into the PDF as vectors; uncompressed, standard fonts.
 */
export async function reportPdf(c: ReportContent, lang: Lang): Promise<Buffer> {
  const [PDFDocument, svgToPdf] = await Promise.all([loadPdfKit(), loadSvgToPdf()]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: { Title: translate(lang, 'insights.report.pdfTitle', { year: c.year }), Author: c.organisation },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  doc.font('Helvetica-Bold').fontSize(18).text(c.organisation);
  doc.fontSize(14).text(translate(lang, 'insights.report.pdfTitle', { year: c.year }));
  doc.moveDown();
  doc.font('Helvetica').fontSize(10.5);
  for (const para of c.narrative.split(/\r?\n\s*\r?\n/)) doc.text(para.trim(), { width }).moveDown(0.5);
  for (const f of c.figures) {
    doc.moveDown();
    doc.font('Helvetica-Bold').fontSize(13).text(f.title, { width });
    doc.font('Helvetica').fontSize(10).text(f.summary, { width }).moveDown(0.5);
    drawChart(doc, svgToPdf, f.svg, width);
    for (const t of f.tables) drawTable(doc, t, width);
  }
  doc.end();
  return done;
}

/** The chart's SVG as vectors, scaled to the text width, on a new page when it does not fit. */
function drawChart(
  doc: PDFKit.PDFDocument,
  svgToPdf: Awaited<ReturnType<typeof loadSvgToPdf>>,
  svg: string,
  width: number,
): void {
  const size = /^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const w = Number(size?.[1] ?? 0);
  const h = Number(size?.[2] ?? 0);
  if (!(w > 0 && h > 0)) return;
  const scale = Math.min(1, width / w);
  if (doc.y + h * scale > doc.page.height - 72) doc.addPage();
  svgToPdf(doc, svg, 56, doc.y, { width: w * scale, height: h * scale, assumePt: true });
  doc.x = 56;
  doc.y += h * scale + 8;
}

function drawTable(doc: PDFKit.PDFDocument, t: FigureTable, width: number): void {
  const cols = t.columns.length;
  const firstWidth = Math.min(180, width * 0.4);
  const cellWidth = cols > 1 ? (width - firstWidth) / (cols - 1) : width;
  const size = cols > 8 ? 6.5 : 9;
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 90) doc.addPage();
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    let bottom = y;
    cells.forEach((cell, i) => {
      const x = 56 + (i === 0 ? 0 : firstWidth + (i - 1) * cellWidth);
      doc.text(cell, x, y, { width: (i === 0 ? firstWidth : cellWidth) - 4 });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = 56;
    doc.y = bottom + 2;
  };
  line(t.columns, true);
  for (const r of t.rows) line([r.label, ...r.cells], false);
  doc.moveDown(0.5);
}

/** The report's figures as a spreadsheet: one sheet, each table under its caption. */
export async function reportXlsx(c: ReportContent): Promise<Buffer> {
  const { default: writeExcelFile } = await import('write-excel-file/node');
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const rows: SheetData = [[bold(`${c.organisation} ${c.year}`)], [null]];
  for (const f of c.figures)
    for (const t of f.tables) {
      rows.push([bold(t.caption)]);
      rows.push(t.columns.map(bold));
      for (const r of t.rows) rows.push([{ value: r.label }, ...r.cells.map((value) => ({ value }))]);
      rows.push([null]);
    }
  return writeExcelFile(rows, { sheet: String(c.year) }).toBuffer();
}
