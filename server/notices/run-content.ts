// What a notice run sends: the pinned template versions, compiled once, and the run's texts; and
// the rendering for one recipient, including the Dutch + English fallback for a language without
// a template or texts (issue 7 item 2). Used by the worker, the preview, the letters and the public
// notice, so all of them show the same approved text.
import { Types } from 'mongoose';
import { Incident, type IncidentDoc } from '../../models/incident.model.js';
import { OPEN_STATUSES } from '../../models/vocabulary/incident-status.js';
import { NoticeTemplate, type NoticeTemplateDoc } from '../../models/notice-template.model.js';
import { NoticeRunText, type NoticeRunTextDoc } from '../../models/notice-run-text.model.js';
import type { Config } from '../config.js';
import { hasPlaceholder } from '../privacy/placeholders.js';
import {
  compileNotice,
  renderFallbackNotice,
  renderNotice,
  templateHash,
  type CompiledNotice,
  type NoticeData,
  type RenderedNotice,
} from './notice-render.js';
import type { ApprovalPins, CurrentVersions } from './run-state.js';
import { latestTemplates } from './notice-templates.service.js';

/** The incident-specific texts of one language. */
export interface LangTexts {
  lang: string;
  whatHappened: string;
  dataConcerned: string;
  consequences: string;
  measures: string;
  advice: string;
}

/** The fields of LangTexts that must be filled before a language can be used. */
export const TEXT_FIELDS = ['whatHappened', 'dataConcerned', 'consequences', 'measures', 'advice'] as const;

/**
 * True when every text field of a language is written: filled, and no "[[…]]" placeholder of the
 * neutral draft left (issue 12, problem 5: a draft is never complete until the officer wrote it).
 */
export function textsComplete(t: LangTexts | undefined): boolean {
  return !!t && TEXT_FIELDS.every((f) => t[f].trim() !== '' && !hasPlaceholder(t[f]));
}

/** True when some field of a language still holds a placeholder of the neutral draft. */
export function textsHavePlaceholders(t: LangTexts | undefined): boolean {
  return !!t && TEXT_FIELDS.some((f) => hasPlaceholder(t[f]));
}

/** What a notice says about its incident (see NoticeData.incident). */
export interface NoticeIncidentFacts {
  /** When it happened, or when it was found when that is not known (`dateIsDiscovery`). */
  date: Date;
  dateIsDiscovery: boolean;
  leak: boolean;
  investigating: boolean;
}

/** The incident facts a notice tells, read now (an incident closed since the approval no longer promises an update). */
export async function noticeIncidentFacts(incidentId: Types.ObjectId | string): Promise<NoticeIncidentFacts> {
  const i = await Incident.findById(new Types.ObjectId(String(incidentId)), {
    occurredFrom: 1,
    discoveredAt: 1,
    breachTypes: 1,
    status: 1,
  }).lean<Pick<IncidentDoc, 'occurredFrom' | 'discoveredAt' | 'breachTypes' | 'status'>>();
  if (!i) throw new Error(`notice: incident ${String(incidentId)} not found`);
  return {
    date: i.occurredFrom ?? i.discoveredAt,
    dateIsDiscovery: !i.occurredFrom,
    leak: (i.breachTypes ?? []).includes('confidentiality'),
    investigating: (OPEN_STATUSES as readonly string[]).includes(i.status),
  };
}

/** Everything needed to render the run's notices. */
export interface RunContent {
  reference: string;
  incident: NoticeIncidentFacts;
  templates: Map<string, CompiledNotice>;
  texts: Map<string, LangTexts>;
  org: Config['organisation'];
  sentOn: Date;
}

/** The latest text version of a run. */
export async function latestRunText(runId: Types.ObjectId | string): Promise<NoticeRunTextDoc | null> {
  const all = await NoticeRunText.find({ runId: new Types.ObjectId(String(runId)) }).lean<
    NoticeRunTextDoc[]
  >();
  return all.reduce<NoticeRunTextDoc | null>((m, t) => (!m || t.version > m.version ? t : m), null);
}

/** The versions an approval is checked against now. */
export async function currentVersions(
  runId: Types.ObjectId | string,
  pins: ApprovalPins | null,
  now: Date,
): Promise<CurrentVersions> {
  const latest = await latestTemplates(now);
  const pinnedIds = (pins?.templates ?? []).map((p) => new Types.ObjectId(p.id));
  const pinned = pinnedIds.length
    ? await NoticeTemplate.find({ _id: { $in: pinnedIds } }).lean<NoticeTemplateDoc[]>()
    : [];
  const text = await latestRunText(runId);
  return {
    templates: new Map(
      [...latest].map(([lang, t]) => [lang, { id: String(t._id), version: t.version, hash: t.hash }]),
    ),
    pinnedContentHashes: new Map(pinned.map((t) => [String(t._id), templateHash(t)])),
    text: text ? { version: text.version, hash: text.hash } : null,
  };
}

/** Loads and compiles the pinned templates and the pinned texts of a run. */
export async function loadRunContent(
  runId: Types.ObjectId | string,
  incidentId: Types.ObjectId | string,
  reference: string,
  pins: ApprovalPins,
  org: Config['organisation'],
  sentOn: Date,
): Promise<RunContent> {
  const docs = await NoticeTemplate.find({
    _id: { $in: pins.templates.map((p) => new Types.ObjectId(p.id)) },
  }).lean<NoticeTemplateDoc[]>();
  const templates = new Map<string, CompiledNotice>();
  for (const p of pins.templates) {
    const doc = docs.find((d) => String(d._id) === p.id);
    // Never send a template whose stored content no longer matches what was approved.
    if (!doc || templateHash(doc) !== p.hash)
      throw new Error(`notice run: pinned template ${p.lang} v${p.version} changed`);
    templates.set(p.lang, compileNotice(doc));
  }
  const text = await NoticeRunText.findOne({
    runId: new Types.ObjectId(String(runId)),
    version: pins.textVersion,
  }).lean<NoticeRunTextDoc>();
  if (!text || text.hash !== pins.textHash) throw new Error('notice run: pinned texts changed');
  return {
    reference,
    incident: await noticeIncidentFacts(incidentId),
    templates,
    texts: new Map(text.texts.map((t) => [t.lang, t as LangTexts])),
    org,
    sentOn,
  };
}

const DATE_LOCALE_FALLBACK = 'nl';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The date line of a notice, in the recipient's language, in Dutch time. */
export function formatNoticeDate(d: Date, lang: string): string {
  // One formatter per language: building one costs far more than formatting (a run formats the
  // same date once per recipient). Unknown or invalid language tags fall back to Dutch.
  let format = dateFormats.get(lang);
  if (!format) {
    let locale = lang;
    try {
      new Intl.DateTimeFormat(locale);
    } catch {
      locale = DATE_LOCALE_FALLBACK;
    }
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
    if (dateFormats.size < 200) dateFormats.set(lang, format);
  }
  return format.format(d);
}

/** The template data for one language and recipient name ('' for the public notice). */
export function noticeData(
  content: Pick<RunContent, 'reference' | 'incident' | 'org' | 'sentOn'>,
  texts: LangTexts,
  name: string,
): NoticeData {
  const o = content.org;
  const i = content.incident;
  return {
    recipient: { name },
    incident: {
      reference: content.reference,
      date: formatNoticeDate(i.date, texts.lang),
      dateIsDiscovery: i.dateIsDiscovery,
      leak: i.leak,
      investigating: i.investigating,
    },
    notice: {
      whatHappened: texts.whatHappened,
      dataConcerned: texts.dataConcerned,
      consequences: texts.consequences,
      measures: texts.measures,
      advice: texts.advice,
    },
    org: {
      name: o.name,
      email: o.email,
      phone: o.phone,
      address: o.address,
      dpoName: o.dpoName,
      dpoEmail: o.dpoEmail,
    },
    date: formatNoticeDate(content.sentOn, texts.lang),
  };
}

/** The language actually used for `lang`: itself when it has a template and texts, else the fallback. */
export function effectiveLang(content: Pick<RunContent, 'templates' | 'texts'>, lang: string): string {
  return content.templates.has(lang) && textsComplete(content.texts.get(lang)) ? lang : 'nl+en';
}

/** Renders the notice for one recipient; `template` names the versions used (`nl:3` or `nl:3+en:2`). */
export function renderForRecipient(
  content: RunContent,
  lang: string,
  name: string,
): { rendered: RenderedNotice; template: string; lang: string } {
  const use = effectiveLang(content, lang);
  if (use !== 'nl+en') {
    const t = content.templates.get(use)!;
    return {
      rendered: renderNotice(t, noticeData(content, content.texts.get(use)!, name)),
      template: `${use}:${t.version}`,
      lang: use,
    };
  }
  const nl = content.templates.get('nl');
  const en = content.templates.get('en');
  const tnl = content.texts.get('nl');
  const ten = content.texts.get('en');
  if (!nl || !en || !tnl || !ten) throw new Error('notice run: Dutch and English are required');
  return {
    rendered: renderFallbackNotice(nl, en, noticeData(content, tnl, name), noticeData(content, ten, name)),
    template: `nl:${nl.version}+en:${en.version}`,
    lang: 'nl+en',
  };
}
