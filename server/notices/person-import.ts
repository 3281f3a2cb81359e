// Importing a list of affected persons (issue 7 item 1): streamed from the upload (never the whole
// file in memory), UTF-8 with or without BOM, `,` or `;`, Dutch or English headers; each row is
// validated and the problems go into a downloadable report (row, column, problem); duplicates —
// within the file and against the persons already stored — are counted and reported.
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AffectedPerson } from '../../models/affected-person.model.js';
import { UploadCutShortError } from '../attachments/multipart-upload.js';
import { NoticeImport, type NoticeImportDoc } from '../../models/notice-import.model.js';

import { type ActionContext } from '../context.js';
import type { ContactCipher } from './contact-crypto.js';
import {
  assertListEditable,
  emptyDelta,
  insertPersonDocuments,
  personDocument,
  recordListChange,
  tally,
} from './affected-persons.service.js';
import { noticeIncident } from './notice-access.js';
import { csvRecord, neutraliseFormula } from '../csv.js';
import {
  detectDelimiter,
  mapHeaders,
  validatePerson,
  type HeaderMap,
  type PersonField,
} from './person-csv.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from '../incidents/incident-access.js';

/** Limits of one import. */
export interface ImportLimits {
  maxRows: number;
  /** Largest file read; beyond it the import stops (rows already stored stay, the report says why). */
  maxBytes: number;
  /** Problems kept for the report (the counts are always complete). */
  maxProblems: number;
  batchSize: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxRows: 250_000,
  maxBytes: 64 * 1024 * 1024,
  maxProblems: 10_000,
  batchSize: 2000,
};

class ImportRefused extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

async function* decodeUtf8(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<string> {
  // fatal: a file in another encoding (Excel's Windows-1252) is refused rather than garbled; the
  // decoder drops a leading BOM.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw new ImportRefused('notices.import.tooLarge');
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (err) {
    if (err instanceof TypeError) throw new ImportRefused('notices.import.notUtf8');
    throw err;
  }
}

/** Splits off enough text to see the first line, to choose the delimiter before parsing. */
async function withFirstLine(
  text: AsyncGenerator<string>,
): Promise<{ first: string; rest: AsyncGenerator<string> }> {
  let first = '';
  for (;;) {
    const next = await text.next();
    if (next.done) break;
    first += next.value;
    if (first.includes('\n') || first.length > 64 * 1024) break;
  }
  return { first, rest: text };
}

interface Batch {
  docs: ReturnType<typeof personDocument>[];
  rows: number[];
}

/**
 * Imports a CSV into the incident's list. Returns the import record with its counts and report;
 * a file that cannot be read at all (not UTF-8, no usable header, too many rows) is recorded as failed.
 */
export async function importPersons(
  incidentId: unknown,
  source: AsyncIterable<Buffer>,
  ctx: ActionContext,
  cipher: ContactCipher,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<NoticeImportDoc> {
  const incident = await noticeIncident(incidentId, ctx);
  await assertListEditable(incident._id);
  const imp = await NoticeImport.create({
    incidentId: incident._id,
    byId: ctx.user.id,
    byName: ctx.user.name,
    startedAt: ctx.now,
    status: 'running',
  });
  const counts = { rows: 0, imported: 0, invalid: 0, duplicates: 0 };
  const problems: { row: number; column: string; problem: string }[] = [];
  let truncated = false;
  const problem = (row: number, column: string, key: string) => {
    if (problems.length < limits.maxProblems) problems.push({ row, column, problem: key });
    else truncated = true;
  };
  // Duplicates within the file, by keyed hash (no contact data kept in memory).
  const seen = new Map<string, number>();
  const delta = emptyDelta();
  let header: HeaderMap | null = null;
  let delimiter: ',' | ';' = ',';
  let batch: Batch = { docs: [], rows: [] };

  // One batch is stored while the next is read and sealed: the database and this process work at
  // the same time (issue 10). At most one insert is in flight; its outcome is counted before the
  // next one starts, and every path out of the import waits for it.
  let pending: Promise<void> | null = null;
  let pendingError: Error | null = null;
  const settle = async () => {
    const p = pending;
    pending = null;
    if (p) await p;
    if (pendingError !== null) {
      const err = pendingError;
      pendingError = null;
      throw err;
    }
  };
  const flush = async () => {
    await settle();
    if (!batch.docs.length) return;
    const { docs, rows } = batch;
    batch = { docs: [], rows: [] };
    pending = insertPersonDocuments(incident._id, docs).then(
      (failed) => {
        rows.forEach((row, i) => {
          if (failed.has(i)) {
            counts.duplicates++;
            problem(row, '', 'notices.import.problem.duplicateExisting');
          } else {
            counts.imported++;
            tally(delta, docs[i]!.channel, docs[i]!.lang, 1);
          }
        });
      },
      (err: unknown) => {
        pendingError = err instanceof Error ? err : new Error('storing the persons failed');
      },
    );
  };

  let failure: string | null = null;
  try {
    const { first, rest } = await withFirstLine(decodeUtf8(source, limits.maxBytes));
    delimiter = detectDelimiter(first.split('\n')[0] ?? '');
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      trim: true,
    });
    const feeding = pipeline(
      Readable.from(
        (async function* () {
          yield first;
          yield* rest;
        })(),
      ),
      parser,
    );
    feeding.catch(() => undefined);
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = mapHeaders(record);
        if (header.fatal) throw new ImportRefused(header.fatal);
        continue;
      }
      const row = info.lines;
      counts.rows++;
      if (counts.rows > limits.maxRows) throw new ImportRefused('notices.import.tooManyRows');
      const values: Partial<Record<PersonField, string>> = {};
      header.columns.forEach((f, i) => {
        if (f) values[f] = record[i] ?? '';
      });
      const v = validatePerson(values);
      if (!v.ok) {
        counts.invalid++;
        for (const p of v.problems)
          problem(row, p.field === 'row' ? '' : (header.names[p.field] ?? p.field), p.problem);
        continue;
      }
      const key = cipher.dedupeKey(v.person.contact);
      if (seen.has(key)) {
        counts.duplicates++;
        problem(
          row,
          header.names.email ?? header.names.name ?? '',
          `notices.import.problem.duplicateInFile:${seen.get(key)}`,
        );
        continue;
      }
      seen.set(key, row);
      batch.docs.push(
        personDocument(incident._id, v.person, cipher, {
          source: 'import',
          importId: imp._id,
          rowNumber: row,
          userId: ctx.user.id,
          now: ctx.now,
          dedupeKey: key,
        }),
      );
      batch.rows.push(row);
      if (batch.docs.length >= limits.batchSize) await flush();
    }
    await feeding;
    if (!header) throw new ImportRefused('notices.import.empty');
    await flush();
    await settle();
  } catch (err) {
    // Whatever stopped the import, the batch being stored finishes (and is counted) first.
    const storing = await settle().then(
      () => null,
      (e: unknown) => e,
    );
    // A failed insert is the cause (the database), unless the upload itself was cut short.
    const cause = storing !== null && !(err instanceof UploadCutShortError) ? storing : err;
    if (cause instanceof ImportRefused) failure = cause.messageKey;
    else if ((cause as { code?: string }).code?.startsWith('CSV_')) failure = 'notices.import.unreadable';
    else if (cause instanceof UploadCutShortError) {
      // The upload itself was cut short, so the request is refused (400): nothing of it stays on
      // the list, unlike a failure of ours after rows were accepted (issue 11 item 1).
      await AffectedPerson.deleteMany({ incidentId: incident._id, importId: imp._id });
      await NoticeImport.updateOne(
        { _id: imp._id },
        {
          $set: {
            status: 'failed',
            failure: 'notices.import.unreadable',
            ...counts,
            imported: 0,
            finishedAt: new Date(),
          },
        },
      );
      throw cause;
    } else {
      await NoticeImport.updateOne(
        { _id: imp._id },
        {
          $set: { status: 'failed', failure: 'notices.import.unreadable', ...counts, finishedAt: new Date() },
        },
      );
      // The rows stored before the failure stay on the list, so they are counted.
      await recordListChange(incident._id, 'import', delta, ctx.now);
      throw cause;
    }
    // Rows already accepted stay: nothing accepted is lost; the report says where it stopped.
    if (storing === null)
      await flush()
        .then(settle)
        .catch(() => undefined);
  }
  // Problems come in as batches are stored: the report lists them in row order.
  problems.sort((a, b) => a.row - b.row);
  const hdr = header;
  const update = {
    status: failure ? 'failed' : 'done',
    ...(failure ? { failure } : {}),
    delimiter,
    columns: hdr ? Object.keys(hdr.names) : [],
    ...counts,
    problems,
    problemsTruncated: truncated,
    finishedAt: new Date(),
  };
  await NoticeImport.updateOne({ _id: imp._id }, { $set: update });
  await recordListChange(incident._id, 'import', delta, ctx.now);
  await auditAction(ctx, {
    action: 'notice.persons.import',
    object: incidentObject(incident),
    result: failure ? 'failure' : 'success',
    details: { importId: String(imp._id), ...counts, ...(failure ? { failure } : {}) },
  });
  return (await NoticeImport.findById(imp._id).lean<NoticeImportDoc>())!;
}

/** The error report of an import as CSV text (row, column, problem — no values from the file). */
export function importReportCsv(
  imp: Pick<NoticeImportDoc, 'problems' | 'problemsTruncated'>,
  translate: (key: string, vars?: Record<string, unknown>) => string,
): string {
  const lines = [
    csvRecord(
      [
        translate('notices.import.report.row'),
        translate('notices.import.report.column'),
        translate('notices.import.report.problem'),
      ],
      ';',
    ),
  ];
  for (const p of imp.problems) {
    const [key, ref] = p.problem.split(':');
    lines.push(csvRecord([p.row, neutraliseFormula(p.column), translate(key!, { row: ref ?? '' })], ';'));
  }
  if (imp.problemsTruncated)
    lines.push(csvRecord(['', '', translate('notices.import.report.truncated')], ';'));
  return `\uFEFF${lines.join('')}`;
}
