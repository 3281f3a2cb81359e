// Notice templates (issue 7 item 2): the built-in Dutch and English versions, languages added by
// admins, and new versions on every edit (a version is never changed; approvals pin versions).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeTemplate, type NoticeTemplateDoc } from '../../models/notice-template.model.js';

import { assertRole, type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { PROJECT_ROOT } from '../paths.js';
import { compileNotice, NoticeTemplateError, sampleNoticeData, templateHash } from './notice-render.js';
import { auditAction } from '../audit/audit-action.js';

/** Built-in languages: always present, never removed (the fallback for everyone else). */
export const BUILT_IN_LANGS = [
  { lang: 'nl', langName: 'Nederlands' },
  { lang: 'en', langName: 'English' },
] as const;

/** Who may edit templates. */
export const TEMPLATE_EDITORS = ['admin', 'privacy_officer'] as const;

const TEMPLATE_DIR = join(PROJECT_ROOT, 'server', 'notices', 'templates');

/** The shipped text of a built-in language. */
export function builtInTemplate(lang: 'nl' | 'en'): { subject: string; body: string } {
  return {
    subject: readFileSync(join(TEMPLATE_DIR, `${lang}.subject.hbs`), 'utf8').trim(),
    body: readFileSync(join(TEMPLATE_DIR, `${lang}.body.hbs`), 'utf8').replace(/\s+$/, '\n'),
  };
}

let seeding: Promise<void> | undefined;

/** Stores version 1 of the built-in templates when missing (safe with several processes: unique key). */
export function ensureBuiltInTemplates(now: Date): Promise<void> {
  // Checked on every call (two small reads), so a database emptied under a running process is re-seeded.
  seeding ??= (async () => {
    for (const { lang, langName } of BUILT_IN_LANGS) {
      if (await NoticeTemplate.exists({ lang })) continue;
      const t = builtInTemplate(lang);
      try {
        await NoticeTemplate.create({
          lang,
          langName,
          version: 1,
          ...t,
          hash: templateHash({ lang, ...t }),
          builtIn: true,
          createdAt: now,
        });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  })().finally(() => (seeding = undefined));
  return seeding;
}

/** The latest version of every language, by language code. */
export async function latestTemplates(now: Date): Promise<Map<string, NoticeTemplateDoc>> {
  await ensureBuiltInTemplates(now);
  const all = await NoticeTemplate.find({}).lean<NoticeTemplateDoc[]>();
  const latest = new Map<string, NoticeTemplateDoc>();
  for (const t of all) {
    const cur = latest.get(t.lang);
    if (!cur || t.version > cur.version) latest.set(t.lang, t);
  }
  return latest;
}

/** A language row of the templates page. */
export interface TemplateLanguageRow {
  lang: string;
  langName: string;
  version: number;
  builtIn: boolean;
  updatedAt: Date;
  updatedBy: string | null;
}

/** The languages with their latest version (editors only). */
export async function listTemplateLanguages(ctx: ActionContext): Promise<TemplateLanguageRow[]> {
  assertRole(ctx.user, ...TEMPLATE_EDITORS);
  const latest = await latestTemplates(ctx.now);
  return [...latest.values()]
    .map((t) => ({
      lang: t.lang,
      langName: t.langName,
      version: t.version,
      builtIn: t.lang === 'nl' || t.lang === 'en',
      updatedAt: t.createdAt,
      updatedBy: t.createdByName ?? null,
    }))
    .sort((a, b) => (a.builtIn !== b.builtIn ? (a.builtIn ? -1 : 1) : a.lang.localeCompare(b.lang)));
}

/** One language's latest version and its history (newest first). */
export async function templateWithHistory(
  lang: string,
  ctx: ActionContext,
): Promise<{ latest: NoticeTemplateDoc; history: NoticeTemplateDoc[] }> {
  assertRole(ctx.user, ...TEMPLATE_EDITORS);
  await ensureBuiltInTemplates(ctx.now);
  const history = (await NoticeTemplate.find({ lang }).lean<NoticeTemplateDoc[]>()).sort(
    (a, b) => b.version - a.version,
  );
  if (!history.length) throw new NotFoundError();
  return { latest: history[0]!, history };
}

/** Checks a template: field errors (message keys) for a subject or body that does not compile or render. */
export function templateProblems(lang: string, subject: string, body: string): Record<string, string> {
  try {
    const compiled = compileNotice({ lang, version: 0, subject, body });
    // A subject that renders to nothing (blank, or only a block that is false for the sample data)
    // cannot head a mail: refused here, not found out when a run renders it (issue 11).
    if (!compiled.subject(sampleNoticeData(lang)).replace(/[\p{Cc}\u2028\u2029\s]+/gu, ''))
      return { subject: 'notices.template.subjectEmpty' };
    return {};
  } catch (err) {
    if (err instanceof NoticeTemplateError) return { [err.field]: err.messageKey };
    throw err;
  }
}

async function insertVersion(
  input: { lang: string; langName: string; subject: string; body: string },
  ctx: ActionContext,
  mustBeNew: boolean,
): Promise<NoticeTemplateDoc> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const top = (await NoticeTemplate.find({ lang: input.lang }).lean<NoticeTemplateDoc[]>()).reduce(
      (m, t) => Math.max(m, t.version),
      0,
    );
    if (mustBeNew && top > 0) throw new ValidationError({ lang: 'notices.template.langExists' });
    try {
      const doc = await NoticeTemplate.create({
        ...input,
        version: top + 1,
        hash: templateHash(input),
        builtIn: false,
        createdAt: ctx.now,
        createdById: ctx.user.id,
        createdByName: ctx.user.name,
      });
      return doc.toObject<NoticeTemplateDoc>();
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
  throw new ConflictError('NOTICE_TEMPLATE_BUSY', 'notices.error.busy');
}

/** Saves a new version of a language's template (a later edit voids approvals that pinned the old one). */
export async function saveTemplateVersion(
  lang: string,
  input: { langName?: string; subject: string; body: string },
  ctx: ActionContext,
): Promise<NoticeTemplateDoc> {
  assertRole(ctx.user, ...TEMPLATE_EDITORS);
  const { latest } = await templateWithHistory(lang, ctx);
  const problems = templateProblems(lang, input.subject, input.body);
  if (Object.keys(problems).length) throw new ValidationError(problems);
  if (
    latest.subject === input.subject &&
    latest.body === input.body &&
    (input.langName ?? latest.langName) === latest.langName
  )
    return latest;
  const doc = await insertVersion(
    { lang, langName: input.langName ?? latest.langName, subject: input.subject, body: input.body },
    ctx,
    false,
  );
  await auditAction(ctx, {
    action: 'notice.template.save',
    object: { type: 'notice-template', id: String(doc._id), ref: `${lang} v${doc.version}` },
    details: { lang, version: doc.version, hash: doc.hash },
  });
  return doc;
}

/** Adds a language, starting from the English text (to be translated before it is used). */
export async function addTemplateLanguage(
  lang: string,
  langName: string,
  ctx: ActionContext,
): Promise<NoticeTemplateDoc> {
  assertRole(ctx.user, ...TEMPLATE_EDITORS);
  await ensureBuiltInTemplates(ctx.now);
  const en = (await latestTemplates(ctx.now)).get('en')!;
  const doc = await insertVersion({ lang, langName, subject: en.subject, body: en.body }, ctx, true);
  await auditAction(ctx, {
    action: 'notice.template.language-add',
    object: { type: 'notice-template', id: String(doc._id), ref: lang },
    details: { lang, langName },
  });
  return doc;
}
