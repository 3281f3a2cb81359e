// The public report page and the reporter's status page (issue 15). No account: the form works for
// anyone, and the status page for whoever has the receipt code and passphrase. The CSRF check is
// the app's own (double submit, bound to the anonymous session the form page starts). These
// routes never pass the client's address to a service: their audit entries and mails carry none.
//
// /melden              the form (GET) and the report (POST, with or without a file)
// /melden/bewijs       the receipt as a text file (POST: the code comes from the page, not stored)
// /melden/status       sign in with code and passphrase; /melden/status/overzicht the status
import { Router, type Request, type Response } from 'express';
import { Attachment } from '../../models/attachment.model.js';
import { DATA_CATEGORY_LABELS, SUBJECT_CATEGORY_LABELS } from '../assessments/assessment.labels.js';
import { SUBJECT_CATEGORIES } from '../../models/vocabulary/assessment.enums.js';
import { attachmentSecret } from '../attachments/attachment-key.js';
import { ALLOWED_EXTENSIONS } from '../attachments/attachment-policy.js';
import { AttachmentRejectedError, storeAttachment } from '../attachments/attachments.service.js';
import { maxMbText } from '../attachments/attachments.view-model.js';
import { receiveUpload } from '../attachments/multipart-upload.js';
import type { AppDeps } from '../deps.js';
import { AppError, CsrfError, ValidationError, type FieldErrors } from '../errors.js';
import {
  PUBLIC_LANGUAGES,
  appLang,
  hasOwnMessage,
  isLang,
  isPublicLang,
  translate,
  type PublicLang,
} from '../i18n/i18n.js';
import { isRightToLeft } from '../notices/text-direction.js';
import { renderReceiptPdf } from './receipt-pdf.js';
import type { IncidentStatus } from '../../models/vocabulary/incident-status.js';
import { flash } from '../middleware/request-context.js';
import { tryParseInput } from '../middleware/validate.js';
import { formTokenProblem, newFormToken, normaliseReceiptCode } from './intake-codes.js';
import {
  PUBLIC_DATA_CATEGORIES,
  REPORTER_KINDS,
  messageSchema,
  publicReportSchema,
  statusSignInSchema,
  type PublicReportInput,
} from './intake.schema.js';
import {
  addReporterMessage,
  alertOfficers,
  budgetLeft,
  loadExternalSession,
  reporterStatus,
  signInWithCode,
  spendBudget,
  submitPublicReport,
  takeReportSlot,
  type IssuedReceipt,
} from './intake.service.js';

export const PUBLIC_REPORT_PATH = '/melden';

/** The status in plain words for the reporter (never the internal workflow). */
function plainStatus(status: IncidentStatus): string {
  if (status === 'submitted') return 'intake.plain.received';
  if (status === 'not_a_breach') return 'intake.plain.notABreach';
  if (status === 'closed' || status === 'withdrawn') return 'intake.plain.done';
  return 'intake.plain.handling';
}

/** A choice's label: the app's own in nl/en; in a public page's own language its translation (else English). */
const label =
  (labels: Record<string, { nl: string; en: string }>, prefix: string, lang: PublicLang) =>
  (value: string) => ({
    value,
    label: isLang(lang)
      ? (labels[value]?.[lang] ?? value)
      : hasOwnMessage(lang, `${prefix}.${value}`)
        ? translate(lang, `${prefix}.${value}`)
        : (labels[value]?.en ?? value),
  });

/** Each language's name in itself, for the language switch of the public pages. */
const OWN_NAMES: Record<PublicLang, string> = {
  nl: 'Nederlands',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
};

/** The language of a public page: one of its own (kept in the session) or the app's. */
export function pageLang(req: Request): PublicLang {
  return req.session.publicLang ?? req.lang;
}

const LOCALES: Record<PublicLang, string> = { nl: 'nl-NL', en: 'en-GB', tr: 'tr-TR', ar: 'ar-u-nu-latn' };
/** "4 december 2026" in the page's language (Dutch time). */
function longDate(d: Date, lang: PublicLang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
    d,
  );
}

/** The page a language link returns to: a form's answer (POST) has no address of its own. */
function pageForLinks(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? PUBLIC_REPORT_PATH;
  if (req.method === 'GET') return path;
  if (path.startsWith(`${PUBLIC_REPORT_PATH}/status/`)) return `${PUBLIC_REPORT_PATH}/status/overzicht`;
  if (path === `${PUBLIC_REPORT_PATH}/status`) return path;
  return PUBLIC_REPORT_PATH;
}

type Body = Record<string, unknown>;
const asBody = (all: Record<string, string[]>): Body =>
  Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/** A refusal that re-renders the form: field errors and/or one message. */
interface Refusal {
  status: number;
  errors?: FieldErrors;
  problem?: string;
}

/** Routes of the public page; mounted before the feature routers need nothing of a signed-in user. */
export function intakeRoutes(deps: AppDeps): Router {
  const r = Router();
  const secret = () => attachmentSecret(deps.config);
  const maxBytes = deps.config.attachments.maxBytes;

  // The language of the public page can be chosen in its link (/melden?lang=tr) so it can be shared.
  // Dutch and English are the app's languages (kept for the rest of the app too); the others are
  // the public pages' own (issue 15) and kept apart, so the rest of the app stays Dutch or English.
  r.use(PUBLIC_REPORT_PATH, (req, res, next) => {
    const asked = req.query.lang;
    if (isLang(asked)) {
      req.session.lang = asked;
      req.lang = asked;
      delete req.session.publicLang;
    } else if (isPublicLang(asked)) req.session.publicLang = asked;
    const lang = pageLang(req);
    // Whatever is not the page itself (mail, numbers) uses the nearest app language.
    req.lang = appLang(lang);
    const here = pageForLinks(req);
    Object.assign(res.locals, {
      lang,
      otherLang: lang === 'nl' ? 'en' : 'nl',
      dir: isRightToLeft(lang) ? 'rtl' : undefined,
      publicLanguages: PUBLIC_LANGUAGES.map((code) => ({
        code,
        name: OWN_NAMES[code],
        path: here,
        current: code === lang,
        dir: isRightToLeft(code) ? 'rtl' : undefined,
      })),
    });
    next();
  });

  const renderForm = (
    req: Request,
    res: Response,
    status: number,
    values: Body,
    refusal?: Omit<Refusal, 'status'>,
  ) => {
    const errors = refusal?.errors;
    res.status(status).render('intake/form', {
      pageTitle: 'intake.title',
      formToken: newFormToken(secret(), deps.clock.now()),
      kinds: REPORTER_KINDS.map((k) => ({ value: k, labelKey: `intake.kind.${k}` })),
      dataOptions: PUBLIC_DATA_CATEGORIES.map(label(DATA_CATEGORY_LABELS, 'intake.data', pageLang(req))),
      subjectOptions: SUBJECT_CATEGORIES.map(label(SUBJECT_CATEGORY_LABELS, 'intake.subject', pageLang(req))),
      evidence: { maxMb: maxMbText(maxBytes, req.lang), allowed: ALLOWED_EXTENSIONS.join(', ') },
      values: {
        ...Object.fromEntries(
          [
            'summary',
            'reporterKind',
            'occurredAt',
            'dataDetail',
            'subjectsCount',
            'contactName',
            'contactEmail',
            'contactPhone',
            'website',
          ].map((k) => [k, str(values[k])]),
        ),
        dataCategories: list(values.dataCategories),
        subjectCategories: list(values.subjectCategories),
        notify: values.notify !== undefined,
      },
      errors,
      problem: refusal?.problem,
      errorList: errors ? Object.entries(errors).map(([field, message]) => ({ field, message })) : [],
    });
  };

  r.get(PUBLIC_REPORT_PATH, (req, res) => renderForm(req, res, 200, {}));
  // The English link people may guess.
  r.get('/report', (_req, res) => res.redirect(303, `${PUBLIC_REPORT_PATH}?lang=en`));

  /** Everything but the CSRF token, in the order cheap to expensive; a refusal or the parsed report. */
  const check = async (body: Body): Promise<Refusal | PublicReportInput> => {
    const now = deps.clock.now();
    // The honeypot: a field people do not see (hidden by the stylesheet, labelled to leave empty).
    if (str(body.website) !== '') return { status: 400, problem: 'intake.error.honeypot' };
    const token = formTokenProblem(secret(), body.formToken, now);
    if (token === 'tooFast') return { status: 400, problem: 'intake.error.tooFast' };
    if (token === 'expired') return { status: 400, problem: 'intake.error.expired' };
    if (token) return { status: 400, problem: 'intake.error.form' };
    const parsed = tryParseInput(publicReportSchema(now), body);
    if (!parsed.ok) return { status: 400, errors: parsed.fields };
    try {
      await takeReportSlot(now);
    } catch (err) {
      if (err instanceof AppError && err.status === 429) return { status: 429, problem: err.messageKey };
      throw err;
    }
    return parsed.data;
  };
  const isRefusal = (x: Refusal | PublicReportInput): x is Refusal =>
    'status' in x && typeof x.status === 'number';

  const file = async (input: PublicReportInput, req: Request) =>
    submitPublicReport(input, {
      now: deps.clock.now(),
      baseUrl: deps.config.baseUrl,
      secret: secret(),
      lang: req.lang,
    });

  const renderReceipt = (req: Request, res: Response, receipt: IssuedReceipt) => {
    // Shown once: the answer to this POST is the only place the code and passphrase appear.
    res.set('Cache-Control', 'no-store');
    res.status(201).render('intake/receipt', {
      pageTitle: 'intake.receipt.title',
      // Shown once: a language link or switch would leave this page and lose the code.
      publicLanguages: null,
      hideLanguageSwitch: true,
      receipt,
      statusPath: `${PUBLIC_REPORT_PATH}/status`,
    });
  };

  r.post(PUBLIC_REPORT_PATH, async (req, res) => {
    if (req.is('multipart/form-data')) return submitWithEvidence(req, res);
    const body = req.body as Body;
    const outcome = await check(body);
    if (isRefusal(outcome)) return renderForm(req, res, outcome.status, body, outcome);
    const filed = await file(outcome, req);
    renderReceipt(req, res, {
      reference: filed.reference,
      receiptCode: filed.receiptCode,
      passphrase: filed.passphrase,
    });
  });

  /** The form with a file: fields come first, so the report is checked and filed before the file streams in. */
  const submitWithEvidence = async (req: Request, res: Response) => {
    const validateCsrf = (req.app.locals as { validateCsrf: (r: Request) => boolean }).validateCsrf;
    let refusal: Refusal | undefined;
    let filed: Awaited<ReturnType<typeof file>> | undefined;
    const outcome = await receiveUpload(req, {
      fileField: 'evidence',
      maxBytes,
      validateCsrf,
      fieldLimits: { fields: 60, fieldSize: 16 * 1024 },
      onFile: async (content, filename, before) => {
        const checked = await check(asBody(before));
        if (isRefusal(checked)) {
          refusal = checked;
          throw new ValidationError(checked.errors ?? {});
        }
        filed = await file(checked, req);
        const ctx = { user: filed.actor, origin: { via: 'web' as const }, now: deps.clock.now() };
        const stored = await storeAttachment(
          { incidentId: filed.incidentId, filename, stream: content, secret: secret(), maxBytes },
          ctx,
        );
        await spendBudget(filed.reporterId, stored.size, maxBytes);
        return stored;
      },
    });
    if (outcome.csrfFailed) throw new CsrfError();
    const body = asBody(outcome.allFields);
    if (!filed) {
      if (!validateCsrf(Object.assign(req, { body: outcome.fields }))) throw new CsrfError();
      if (refusal)
        return renderForm(req, res, refusal.status, body, {
          ...refusal,
          errors: { ...refusal.errors, evidence: 'intake.error.evidenceAgain' },
        });
      const checked = await check(body);
      if (isRefusal(checked)) return renderForm(req, res, checked.status, body, checked);
      const done = await file(checked, req);
      return renderReceipt(req, res, {
        reference: done.reference,
        receiptCode: done.receiptCode,
        passphrase: done.passphrase,
      });
    }
    if (outcome.error instanceof AttachmentRejectedError)
      res.locals.flashes = [
        {
          type: 'error',
          text: translate(pageLang(req), 'intake.error.notKept', {
            reason: translate(pageLang(req), outcome.error.messageKey, {
              maxMb: maxMbText(maxBytes, req.lang),
              allowed: ALLOWED_EXTENSIONS.join(', '),
            }),
          }),
        },
      ];
    else if (outcome.error && !(outcome.error instanceof AppError))
      throw outcome.error instanceof Error
        ? outcome.error
        : new Error('evidence upload failed', { cause: outcome.error });
    renderReceipt(req, res, {
      reference: filed.reference,
      receiptCode: filed.receiptCode,
      passphrase: filed.passphrase,
    });
  };

  // The receipt as a small text file or PDF. The browser sends back what the page showed; nothing
  // is looked up or kept, and nothing is cached on the way.
  r.post(`${PUBLIC_REPORT_PATH}/bewijs`, async (req, res) => {
    const body = req.body as Body;
    const code = normaliseReceiptCode(str(body.receiptCode));
    const passphrase = str(body.passphrase);
    const reference = str(body.reference);
    const format = body.format === undefined ? 'txt' : str(body.format);
    if (
      !code ||
      !/^[a-z0-9-]{1,40}$/.test(passphrase) ||
      !/^DL-\d{4}-\d{4,}$/.test(reference) ||
      (format !== 'txt' && format !== 'pdf')
    )
      throw new ValidationError({ receiptCode: 'field.invalid' });
    const lang = pageLang(req);
    const t = (key: string, vars?: Record<string, string>) => translate(lang, key, vars);
    const link = `${deps.config.baseUrl}${PUBLIC_REPORT_PATH}/status`;
    const grouped = code.match(/.{4}/g)!.join('-');
    res.set('Cache-Control', 'no-store');
    if (format === 'pdf') {
      const pdf = await renderReceiptPdf(
        lang,
        { title: t('intake.receipt.file.title'), author: 'Meldpunt' },
        [
          { text: t('intake.receipt.file.title'), bold: true, size: 16 },
          { text: t('intake.receipt.date', { date: longDate(deps.clock.now(), lang) }), gap: 6 },
          { text: t('intake.receipt.reference', { reference }), gap: 14 },
          { text: `${t('intake.receipt.code')}: ${grouped}`, bold: true, size: 13, gap: 10 },
          { text: `${t('intake.receipt.passphrase')}: ${passphrase}`, bold: true, size: 13, gap: 4 },
          { text: t('intake.receipt.file.where', { link }), gap: 14 },
          { text: t('intake.receipt.once'), gap: 14 },
          { text: t('intake.receipt.file.lost'), bold: true, gap: 8 },
        ],
      );
      return res.attachment(`${reference}.pdf`).type('application/pdf').send(pdf);
    }
    const text = [
      t('intake.receipt.file.title'),
      t('intake.receipt.date', { date: longDate(deps.clock.now(), lang) }),
      '',
      t('intake.receipt.reference', { reference }),
      `${t('intake.receipt.code')}: ${grouped}`,
      `${t('intake.receipt.passphrase')}: ${passphrase}`,
      '',
      t('intake.receipt.file.where', { link }),
      t('intake.receipt.file.lost'),
      '',
    ].join('\r\n');
    res.attachment(`${reference}.txt`).type('text/plain; charset=utf-8').send(text);
  });

  // ——— The status page ———

  const renderSignIn = (
    req: Request,
    res: Response,
    status: number,
    values: Body = {},
    refusal?: Omit<Refusal, 'status'>,
  ) =>
    res.status(status).render('intake/sign-in', {
      pageTitle: 'intake.status.signInTitle',
      values: { receiptCode: str(values.receiptCode) },
      errors: refusal?.errors,
      problem: refusal?.problem,
    });

  r.get(`${PUBLIC_REPORT_PATH}/status`, (req, res) => {
    if (req.session.externalReporterId) return res.redirect(303, `${PUBLIC_REPORT_PATH}/status/overzicht`);
    renderSignIn(req, res, 200);
  });

  r.post(`${PUBLIC_REPORT_PATH}/status`, async (req, res) => {
    const body = req.body as Body;
    const parsed = tryParseInput(statusSignInSchema, body);
    if (!parsed.ok) return renderSignIn(req, res, 400, body, { errors: parsed.fields });
    let reporterId: string;
    try {
      reporterId = await signInWithCode(parsed.data.receiptCode, parsed.data.passphrase, {
        secret: secret(),
        now: deps.clock.now(),
      });
    } catch (err) {
      if (err instanceof ValidationError)
        return renderSignIn(req, res, 401, body, { errors: err.fields, problem: err.messageKey });
      if (err instanceof AppError && err.status === 429)
        return renderSignIn(req, res, 429, body, { problem: err.messageKey });
      throw err;
    }
    const { lang, publicLang } = req.session;
    // A new session id on sign-in prevents session fixation; an employee's sign-in does not carry over.
    await new Promise<void>((ok, fail) =>
      req.session.regenerate((err: unknown) =>
        err ? fail(err instanceof Error ? err : new Error('session')) : ok(),
      ),
    );
    req.session.externalReporterId = reporterId;
    if (lang) req.session.lang = lang;
    if (publicLang) req.session.publicLang = publicLang;
    res.redirect(303, `${PUBLIC_REPORT_PATH}/status/overzicht`);
  });

  r.post(`${PUBLIC_REPORT_PATH}/status/afmelden`, async (req, res) => {
    const { lang, publicLang } = req.session;
    await new Promise<void>((ok, fail) =>
      req.session.regenerate((err: unknown) =>
        err ? fail(err instanceof Error ? err : new Error('session')) : ok(),
      ),
    );
    if (lang) req.session.lang = lang;
    if (publicLang) req.session.publicLang = publicLang;
    res.redirect(303, `${PUBLIC_REPORT_PATH}/status`);
  });

  /** The signed-in reporter, or a redirect to the sign-in page. */
  const signedIn = (req: Request, res: Response): string | undefined => {
    const id = req.session.externalReporterId;
    if (!id) res.redirect(303, `${PUBLIC_REPORT_PATH}/status`);
    return id;
  };

  const renderStatus = async (
    req: Request,
    res: Response,
    status: number,
    extra: { values?: Body; errors?: FieldErrors; problem?: string } = {},
  ) => {
    const id = req.session.externalReporterId!;
    const { reporter, incident, messages, ctx } = await reporterStatus(id, deps.clock.now());
    const files = await Attachment.find(
      { incidentId: incident._id, status: 'complete', uploadedById: ctx.user.id },
      { filename: 1, size: 1, uploadedAt: 1 },
    )
      .sort({ uploadedAt: 1 })
      .lean();
    res.status(status).render('intake/status', {
      pageTitle: 'intake.status.signInTitle',
      incident: {
        reference: incident.reference,
        reportedAt: incident.reportedInternallyAt,
        statusText: plainStatus(incident.status),
      },
      messages,
      files: files.map((f) => ({ filename: f.filename, uploadedAt: f.uploadedAt })),
      open: incident.status !== 'closed',
      files_hint: {
        maxMb: maxMbText(maxBytes, req.lang),
        allowed: ALLOWED_EXTENSIONS.join(', '),
        leftMb: maxMbText(budgetLeft(reporter, maxBytes), req.lang),
      },
      values: { text: str(extra.values?.text) },
      errors: extra.errors,
      problem: extra.problem,
    });
  };

  r.get(`${PUBLIC_REPORT_PATH}/status/overzicht`, async (req, res) => {
    if (!signedIn(req, res)) return;
    res.set('Cache-Control', 'no-store');
    await renderStatus(req, res, 200);
  });

  r.post(`${PUBLIC_REPORT_PATH}/status/bericht`, async (req, res) => {
    const id = signedIn(req, res);
    if (!id) return;
    const body = req.body as Body;
    const parsed = tryParseInput(messageSchema, body);
    if (!parsed.ok) return renderStatus(req, res, 400, { values: body, errors: parsed.fields });
    try {
      await addReporterMessage(id, parsed.data.text, deps.clock.now(), {
        maxFileBytes: maxBytes,
        baseUrl: deps.config.baseUrl,
      });
    } catch (err) {
      if (err instanceof AppError && err.status === 409)
        return renderStatus(req, res, 409, { values: body, problem: err.messageKey });
      throw err;
    }
    flash(req, { type: 'success', key: 'intake.messages.sent' });
    res.redirect(303, `${PUBLIC_REPORT_PATH}/status/overzicht#berichten`);
  });

  r.post(`${PUBLIC_REPORT_PATH}/status/bestand`, async (req, res) => {
    const id = signedIn(req, res);
    if (!id) return;
    const { reporter, incident, ctx } = await loadExternalSession(id, deps.clock.now());
    const validateCsrf = (req.app.locals as { validateCsrf: (r: Request) => boolean }).validateCsrf;
    const left = budgetLeft(reporter, maxBytes);
    let outcome;
    try {
      outcome = await receiveUpload(req, {
        fileField: 'file',
        maxBytes,
        validateCsrf,
        onFile: async (content, filename) => {
          // Within the code's budget: a file larger than what is left is refused as too large.
          const stored = await storeAttachment(
            {
              incidentId: String(incident._id),
              filename,
              stream: content,
              secret: secret(),
              maxBytes: Math.min(maxBytes, left),
            },
            ctx,
          );
          await spendBudget(reporter._id, stored.size, maxBytes);
          // The officers hear of it as of a message: the reference and a link, not the file's name.
          await alertOfficers(incident, { kind: 'file', id: stored.id }, ctx, deps.config.baseUrl);
          return stored;
        },
      });
    } catch (err) {
      if (err instanceof ValidationError)
        return renderStatus(req, res, 400, { problem: 'attachments.error.noFile' });
      throw err;
    }
    if (outcome.csrfFailed) throw new CsrfError();
    if (outcome.noFile) {
      if (!validateCsrf(Object.assign(req, { body: outcome.fields }))) throw new CsrfError();
      return renderStatus(req, res, 400, { problem: 'attachments.error.noFile' });
    }
    if (outcome.error instanceof AttachmentRejectedError) {
      const reason =
        left < maxBytes && outcome.error.problem === 'tooLarge'
          ? 'intake.error.budget'
          : outcome.error.messageKey;
      return renderStatus(req, res, outcome.error.status, {
        problem: translate(pageLang(req), reason, {
          maxMb: maxMbText(maxBytes, req.lang),
          allowed: ALLOWED_EXTENSIONS.join(', '),
        }),
      });
    }
    if (outcome.error instanceof AppError)
      return renderStatus(req, res, outcome.error.status, { problem: outcome.error.messageKey });
    if (outcome.error)
      throw outcome.error instanceof Error
        ? outcome.error
        : new Error('upload failed', { cause: outcome.error });
    flash(req, {
      type: 'success',
      key: 'attachments.uploaded',
      vars: { filename: outcome.result?.filename ?? '' },
    });
    res.redirect(303, `${PUBLIC_REPORT_PATH}/status/overzicht#bestanden`);
  });

  return r;
}
