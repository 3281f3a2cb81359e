// Previews of a run's notice with a real recipient's data (issue 7 item 3): the officer picks a
// language (and optionally a person of that language) and sees exactly what would be sent. Showing
// a person's name is an access to the list, so it is audit-logged.
import { Types } from 'mongoose';
import { AffectedPerson, type AffectedPersonDoc } from '../../models/affected-person.model.js';

import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import type { ContactCipher } from './contact-crypto.js';
import { isIdString, noticeRun, runObject } from './notice-access.js';
import { latestTemplates } from './notice-templates.service.js';
import { compileNotice, textBlocks } from './notice-render.js';
import {
  effectiveLang,
  type LangTexts,
  latestRunText,
  noticeIncidentFacts,
  renderForRecipient,
  type RunContent,
  textsComplete,
} from './run-content.js';
import { ConflictError } from '../errors.js';
import { auditAction } from '../audit/audit-action.js';

/** A rendered preview, as blocks the page renders with escaping. */
export interface NoticePreview {
  lang: string;
  /** The language actually used (`nl+en` for the fallback). */
  usedLang: string;
  template: string;
  subject: string;
  blocks: ReturnType<typeof textBlocks>;
  personId: string | null;
  personLabel: string | null;
  languages: string[];
}

/** Renders the run's current texts and the latest templates for a language and a recipient. */
export async function previewRun(
  runId: unknown,
  lang: string,
  personId: unknown,
  ctx: ActionContext,
  deps: { cipher: ContactCipher; org: Config['organisation'] },
): Promise<NoticePreview> {
  const run = await noticeRun(runId, ctx);
  const text = (await latestRunText(run._id))!;
  const templates = await latestTemplates(ctx.now);
  const content: RunContent = {
    reference: run.incidentReference,
    incident: await noticeIncidentFacts(run.incidentId),
    templates: new Map([...templates].map(([l, t]) => [l, compileNotice(t)])),
    texts: new Map(text.texts.map((t) => [t.lang, t as LangTexts])),
    org: deps.org,
    sentOn: ctx.now,
  };
  // A real recipient: the chosen one, else the first in the list with this language.
  let person: AffectedPersonDoc | null = null;
  if (isIdString(personId)) {
    person = await AffectedPerson.findById(new Types.ObjectId(personId)).lean<AffectedPersonDoc>();
    if (person && !person.incidentId.equals(run.incidentId)) person = null;
  }
  person ??= await AffectedPerson.findOne({
    incidentId: run.incidentId,
    lang,
    excludedAt: { $exists: false },
  }).lean<AffectedPersonDoc>();
  // A language without its own texts falls back to Dutch and English together: those must be there.
  const fallback = effectiveLang(content, person?.lang ?? lang) === 'nl+en';
  const bothComplete = (['nl', 'en'] as const).every(
    (l) => content.templates.has(l) && textsComplete(content.texts.get(l)),
  );
  if (fallback && !bothComplete)
    throw new ConflictError('NOTICE_TEXTS_INCOMPLETE', 'notices.preview.incomplete');
  const contact = person ? deps.cipher.openContact(person.contact) : null;
  const r = renderForRecipient(content, person?.lang ?? lang, contact?.name ?? '');
  if (person) {
    await auditAction(ctx, {
      action: 'notice.run.preview',
      object: runObject(run),
      details: { lang, personId: String(person._id) },
    });
  }
  return {
    lang,
    usedLang: r.lang,
    template: r.template,
    subject: r.rendered.subject,
    blocks: textBlocks(r.rendered.raw),
    personId: person ? String(person._id) : null,
    personLabel: contact ? contact.name : null,
    languages: [...new Set([...templates.keys(), ...text.texts.map((t) => t.lang)])].sort(),
  };
}
