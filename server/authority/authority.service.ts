// The AP dossier (domain.md §8.1, §10.6): showing and exporting it, and the filings recorded so far
// (recording them: filing.service.ts).
// Privacy officers only — checked here, not only in the routes (architecture.md §5); a ministry
// liaison or reporter is refused and the refusal is audit-logged.
import type { Types } from 'mongoose';
import {
  type AuthorityFilingDoc,
  type FilingKind,
  type FilingRecipient,
} from '../../models/authority-filing.model.js';

import { requireRoleAudited } from '../audit/audited-role.js';
import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { NotFoundError } from '../errors.js';
import { translate, type Lang } from '../i18n/i18n.js';
import {
  buildDossier,
  diffDossiers,
  type Dossier,
  type DossierChange,
  type DossierDetailsFacts,
  type DossierFiling,
  type InformingFacts,
} from './dossier.js';
import { detailsFacts, latestDossierDetails, loadInforming } from './dossier-sources.js';
import { isLate } from '../duties/late-filing.js';
import { deadlineOf, loadIncidentFacts, toObjectId, type IncidentFacts } from './incident-facts.js';
import { correctedAfter } from '../facts/effective-facts.js';
import { correctedRows, type FactRow } from '../facts/facts.view-model.js';
import { answerOrigins } from '../facts/dossier-origins.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from '../incidents/incident-access.js';

/** A filing as pages list it. */
export interface FilingView {
  version: number;
  kind: FilingKind;
  recipient: FilingRecipient;
  apReference: string | null;
  submittedAt: Date;
  recordedAt: Date;
  byName: string;
  complete: boolean;
  late: boolean;
  reasonForDelay: string | null;
  withdrawalReason: string | null;
  note: string | null;
  changes: DossierChange[];
}

/** Everything the dossier page shows. */
export interface DossierPage {
  incident: { id: string; reference: string; status: string };
  recipient: FilingRecipient;
  dossier: Dossier;
  /** What the next filing would be; null once withdrawn. */
  nextKind: 'initial' | 'followup' | null;
  filings: FilingView[];
  initial: FilingView | null;
  withdrawn: boolean;
  deadline: Date | null;
  /** The deadline has passed and nothing was filed yet. */
  overdue: boolean;
  /** Answers that differ from the last filing (Dutch, as filed); null before the first filing. */
  pendingChanges: DossierChange[] | null;
  /** Where the summary for the AP starts in the filing form: the last one filed, or a neutral draft. */
  summaryDraft: string;
  /** Required answers other than the summary (written in the form itself) are missing: "complete" cannot be chosen. */
  completeBlocked: boolean;
  /** Where the filer's phone starts in the filing form: the number this officer gave last time. */
  filerPhoneDraft: string;
  /** The officer's answers to the form's remaining questions, as the details form shows them. */
  details: DossierDetailsFacts | null;
  /** The facts the privacy officer corrected, with their origin (issue 12: one set of facts). */
  correctedFacts: FactRow[];
  /** Facts were corrected after the latest assessment: the risk decision should be redone. */
  staleAssessment: boolean;
}

/** Answers the filing form itself supplies: their absence in the preview does not block "complete". */
export const FORM_ANSWERS = new Set(['summary', 'filerPhone']);

/** Refuses everyone but privacy officers, and records the refusal (BIO 8.15: result "denied"). */
export async function assertOfficer(
  ctx: ActionContext,
  object: { type: string; id?: string },
): Promise<void> {
  await requireRoleAudited(ctx, ['privacy_officer'], { action: 'authority.access', object });
}

export function recipientOf(config: Config): FilingRecipient {
  return config.organisation.role === 'processor' ? 'controller' : 'authority';
}

export function toFilingView(f: AuthorityFilingDoc): FilingView {
  return {
    version: f.version,
    kind: f.kind,
    recipient: f.recipient,
    apReference: f.apReference ?? null,
    submittedAt: f.submittedAt,
    recordedAt: f.recordedAt,
    byName: f.byName,
    complete: f.complete,
    late: f.late,
    reasonForDelay: f.reasonForDelay ?? null,
    withdrawalReason: f.withdrawalReason ?? null,
    note: f.note ?? null,
    changes: (f.changes ?? []).map((c) => ({
      id: c.id,
      section: c.section,
      question: c.question,
      before: c.before ?? null,
      after: c.after ?? null,
    })),
  };
}

/** The incident's facts plus what only the dossier reads: the officer's details and the notices sent. */
export interface DossierSources extends IncidentFacts {
  details: DossierDetailsFacts | null;
  informing: InformingFacts | null;
}

/** Loads everything the dossier is built from; NotFoundError when the incident does not exist. */
export async function loadDossierSources(
  incidentId: Types.ObjectId,
  config: Config,
): Promise<DossierSources> {
  const facts = await loadIncidentFacts(incidentId);
  const [details, informing] = await Promise.all([
    latestDossierDetails(facts.incident._id),
    loadInforming(facts.incident._id, config.organisation),
  ]);
  return { ...facts, details: detailsFacts(details), informing };
}

/** The filer's direct number as this user last gave it for the incident (prefills the filing form). */
export function lastFilerPhone(filings: readonly AuthorityFilingDoc[], userId: string): string | null {
  return [...filings].reverse().find((f) => f.byId === userId && f.filerPhone)?.filerPhone ?? null;
}

/** Builds the dossier for the facts as the given filing, in `lang`. */
export function dossierFor(
  facts: DossierSources,
  config: Config,
  ctx: ActionContext,
  filing: DossierFiling,
  lang: Lang,
): Dossier {
  return buildDossier({
    incident: facts.incident,
    assessment: facts.assessment,
    organisation: config.organisation,
    filer: {
      name: ctx.user.name,
      email: ctx.user.email,
      functionLabel: translate(lang, `role.${ctx.user.role}`),
    },
    filing,
    deadline: deadlineOf(facts, config.organisation.role),
    subjectsInformedAt: facts.subjectsInformedAt,
    details: facts.details,
    informing: facts.informing,
    now: ctx.now,
    lang,
  });
}

/** The summary in a filed dossier (what the officer wrote for the AP last time). */
export function filedSummary(filing: AuthorityFilingDoc | undefined): string | null {
  const answers = (filing?.dossier as Dossier | undefined)?.sections.flatMap((s) => s.answers) ?? [];
  return answers.find((a) => a.id === 'summary')?.answer ?? null;
}

/**
 * The neutral start of the summary for the AP (issue 12, problem 5): the day of discovery and a
 * placeholder the officer writes; never the reporter's text.
 */
export function neutralApSummary(discoveredAt: Date): string {
  const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
    discoveredAt,
  );
  return `Op ${day} hebben wij een datalek ontdekt. [[Beschrijf in algemene woorden wat er is gebeurd, hoe het is ontdekt en welke systemen of documenten het betreft, zonder namen, nummers of andere gegevens van betrokkenen.]]`;
}

/** The dossier as the next filing would carry it (follow-ups keep the first filing's clock and reason). */
function nextFilingDossier(
  facts: DossierSources,
  config: Config,
  ctx: ActionContext,
  lang: Lang,
  complete?: boolean,
): Dossier {
  const initial = facts.filings[0];
  const live = (complete: boolean) =>
    dossierFor(
      facts,
      config,
      ctx,
      {
        kind: initial ? 'followup' : 'initial',
        apReference: initial?.apReference ?? null,
        complete,
        submittedAt: initial?.submittedAt ?? ctx.now,
        reasonForDelay: initial?.reasonForDelay ?? null,
        summary: filedSummary(facts.filings.at(-1)),
        filerPhone: lastFilerPhone(facts.filings, ctx.user.id),
      },
      lang,
    );
  if (complete !== undefined) return live(complete);
  // "Complete" is proposed when nothing required is missing; the officer confirms it when filing.
  const draft = live(false);
  return draft.missing.length ? draft : live(true);
}

/** The dossier page of an incident (audit: authority.dossier.view). */
export async function getDossierPage(
  incidentId: string,
  config: Config,
  ctx: ActionContext,
  lang: Lang,
): Promise<DossierPage> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const facts = await loadDossierSources(toObjectId(incidentId), config);
  const { incident, filings } = facts;
  const last = filings.at(-1);
  const withdrawn = last?.kind === 'withdrawal';
  const dossier = nextFilingDossier(facts, config, ctx, lang);
  // Compared in Dutch (filed copies are Dutch) and with the last filing's "complete", which the
  // officer decides anew when filing: the preview shows what changed in the facts.
  const pendingChanges =
    last && !withdrawn
      ? diffDossiers(last.dossier as Dossier, nextFilingDossier(facts, config, ctx, 'nl', last.complete))
      : null;
  const deadline = deadlineOf(facts, config.organisation.role);
  await auditAction(ctx, {
    action: 'authority.dossier.view',
    object: incidentObject(incident),
  });
  return {
    incident: { id: String(incident._id), reference: incident.reference, status: incident.status },
    recipient: recipientOf(config),
    dossier,
    nextKind: withdrawn ? null : filings.length ? 'followup' : 'initial',
    filings: filings.map(toFilingView),
    initial: filings[0] ? toFilingView(filings[0]) : null,
    withdrawn,
    deadline,
    overdue: !filings.length && isLate(deadline, ctx.now),
    pendingChanges,
    summaryDraft: filedSummary(last) ?? neutralApSummary(incident.discoveredAt),
    // The summary and the filer's phone are written in the filing form itself.
    completeBlocked: dossier.missing.some((m) => !FORM_ANSWERS.has(m.id)),
    filerPhoneDraft: lastFilerPhone(filings, ctx.user.id) ?? '',
    details: facts.details,
    correctedFacts: correctedRows(facts.facts, lang),
    staleAssessment: facts.assessment !== null && correctedAfter(facts.facts, facts.assessment.decidedAt),
  };
}

/**
 * The dossier for download (PDF always Dutch; audit: authority.dossier.download), with the origin
 * of each answer that rests on a fact the officer corrected (issue 12).
 */
export async function exportDossier(
  incidentId: string,
  format: 'pdf' | 'json',
  config: Config,
  ctx: ActionContext,
  lang: Lang,
): Promise<{ dossier: Dossier; origins: Record<string, string> }> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const facts = await loadDossierSources(toObjectId(incidentId), config);
  const dossier = nextFilingDossier(facts, config, ctx, format === 'pdf' ? 'nl' : lang);
  await auditAction(ctx, {
    action: 'authority.dossier.download',
    object: { type: 'incident', id: String(facts.incident._id), ref: facts.incident.reference },
    details: { format, lang: dossier.lang },
  });
  return { dossier, origins: answerOrigins(facts.facts, dossier.lang) };
}

/** One filing with its frozen dossier (audit: authority.filing.view, or .download). */
export async function getFiling(
  incidentId: string,
  version: number,
  ctx: ActionContext,
  options: { download?: 'pdf' | 'json' } = {},
): Promise<{ reference: string; incidentId: string; filing: FilingView; dossier: Dossier }> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const facts = await loadIncidentFacts(toObjectId(incidentId));
  const filing = facts.filings.find((f) => f.version === version);
  if (!filing) throw new NotFoundError();
  await auditAction(ctx, {
    action: options.download ? 'authority.filing.download' : 'authority.filing.view',
    object: { type: 'incident', id: String(facts.incident._id), ref: facts.incident.reference },
    details: { version, ...(options.download ? { format: options.download } : {}) },
  });
  return {
    reference: facts.incident.reference,
    incidentId: String(facts.incident._id),
    filing: toFilingView(filing),
    dossier: filing.dossier as Dossier,
  };
}
