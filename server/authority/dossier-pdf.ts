// The AP dossier as a PDF (domain.md §10.6: "a field-by-field text/PDF following §8.1 section
// order"), in Dutch like the AP form. Uncompressed content streams keep the text searchable by
// simple tools (and by our tests); the file is small either way.
import { loadPdfKit } from '../pdf-kit.js';
import { formatAmsterdam } from '../assessments/deadline-clock.js';
import { translate } from '../i18n/i18n.js';
import type { Dossier } from './dossier.js';
import { detectPersonalData } from '../privacy/personal-data-detector.js';

/**
 * Answers written as free text (by the reporter or the officer): they can hold anything, so the
 * header never claims the dossier is free of affected persons' data while one of them is filled.
 */
export const FREE_TEXT_ANSWERS = new Set([
  'summary',
  'dataDetail',
  'systemsInvolved',
  'measuresTaken',
  'otherCountries',
  'withdrawalReason',
  'lateReason',
  // The officer's answers of the details form and the text sent to the affected persons.
  'measuresBefore',
  'protectionMethod',
  'otherAuthorities',
  'otherReports',
  'notInformingReason',
  'informedText',
  'fgAdvice',
  'decision',
]);

/** What the header may truthfully say about personal data (issue 12, problem 4). */
export function personalDataNotice(dossier: Dossier): { key: string; flagged: string[] } {
  const free = dossier.sections
    .flatMap((s) => s.answers)
    .filter((a) => FREE_TEXT_ANSWERS.has(a.id) && a.answer?.trim());
  if (!free.length) return { key: 'authority.pdf.confidential', flagged: [] };
  const flagged = free.filter((a) => detectPersonalData(a.answer ?? '').length).map((a) => a.question);
  return { key: flagged.length ? 'authority.pdf.personalDataFlagged' : 'authority.pdf.freeText', flagged };
}

/** Renders the dossier to a PDF buffer. */
export async function renderDossierPdf(
  dossier: Dossier,
  meta: { organisation: string; title?: string; origins?: Readonly<Record<string, string>> },
): Promise<Buffer> {
  const lang = dossier.lang;
  const t = (key: string, vars?: Record<string, unknown>) => translate(lang, key, vars);
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    compress: false,
    info: {
      Title: `${meta.title ?? t(`authority.title.${dossier.recipient}`)} ${dossier.incidentReference}`,
      Author: meta.organisation,
      Creator: 'Meldpunt',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(`${meta.title ?? t(`authority.title.${dossier.recipient}`)} ${dossier.incidentReference}`);
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(9).fillColor('#444444');
  doc.text(
    t('authority.pdf.generated', {
      at: formatAmsterdam(new Date(dossier.generatedAt), lang),
      organisation: meta.organisation,
    }),
  );
  const notice = personalDataNotice(dossier);
  doc.text(t(notice.key, { questions: notice.flagged.join('; ') }));
  if (dossier.missing.length) {
    doc
      .moveDown(0.5)
      .fillColor('#a4262c')
      .font('Helvetica-Bold')
      .text(t('authority.pdf.missingCount', { count: dossier.missing.length }));
  }
  doc.fillColor('#000000');

  for (const section of dossier.sections) {
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(12).text(`${section.number}. ${section.title}`);
    doc.moveDown(0.2);
    for (const a of section.answers) {
      doc.font('Helvetica-Bold').fontSize(9.5).fillColor('#333333').text(a.question);
      if (a.answer !== null) doc.font('Helvetica').fillColor('#000000').text(a.answer);
      else if (a.missing) doc.font('Helvetica-Bold').fillColor('#a4262c').text(t('authority.missing'));
      else doc.font('Helvetica').fillColor('#666666').text(t('authority.notFilled'));
      // The AP's own options to tick (ap-options.ts), one line.
      if (a.apOptions?.length)
        doc
          .font('Helvetica-Oblique')
          .fillColor('#444444')
          .text(`${t('authority.apOptions')} ${a.apOptions.join('; ')}`);
      // One set of facts (issue 12): an answer resting on a value the officer corrected says so.
      const origin = meta.origins?.[a.id];
      if (origin) doc.font('Helvetica-Oblique').fontSize(8.5).fillColor('#555555').text(origin).fontSize(9.5);
      doc.moveDown(0.35);
    }
  }
  doc.end();
  return done;
}
