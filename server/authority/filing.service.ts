// Recording filings (domain.md §8.1, §10.5): the initial notification, follow-ups
// (vervolgmelding) and the withdrawal (intrekken). Each is a new version under the unique
// (incidentId, version) key with a frozen copy of the dossier as filed; nothing is overwritten.
import {
  AuthorityFiling,
  type AuthorityFilingDoc,
  type FilingKind,
} from '../../models/authority-filing.model.js';
import { DutyFulfilment, type DutyKind } from '../../models/duty-fulfilment.model.js';

import type { Config } from '../config.js';
import { type ActionContext } from '../context.js';
import { isDuplicateKeyError } from '../../models/db/unique-insert.js';
import { ConflictError, ValidationError, type FieldErrors } from '../errors.js';
import { diffDossiers, type Dossier } from './dossier.js';
import { isLate } from '../duties/late-filing.js';
import { deadlineOf, toObjectId, type IncidentFacts } from './incident-facts.js';
import { recordIncidentStep } from './incident-progress.js';
import type { RecordFilingInput, WithdrawFilingInput } from './authority.schema.js';
import {
  auditConfirmedFlags,
  checkContextFor,
  checkTexts,
  confirmationError,
  gateOf,
  type OutgoingCheck,
} from '../privacy/outgoing-check.js';
import { hasPlaceholder } from '../privacy/placeholders.js';
import {
  assertOfficer,
  dossierFor,
  filedSummary,
  lastFilerPhone,
  loadDossierSources,
  recipientOf,
  toFilingView,
  type FilingView,
} from './authority.service.js';
import { auditAction } from '../audit/audit-action.js';
import { incidentObject } from '../incidents/incident-access.js';

const FUTURE_TOLERANCE_MS = 5 * 60_000;

function checkSubmittedAt(submittedAt: Date, facts: IncidentFacts, now: Date, fields: FieldErrors): void {
  if (submittedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
    fields.submittedAt = 'field.authorityFuture';
  else if (submittedAt.getTime() < facts.incident.discoveredAt.getTime())
    fields.submittedAt = 'field.authorityBeforeDiscovery';
  else {
    const last = facts.filings.at(-1);
    if (last && submittedAt.getTime() < last.submittedAt.getTime())
      fields.submittedAt = 'field.authorityBeforePrevious';
  }
}

/** The officer's texts that go to the AP with this filing, checked for personal data. */
export async function filingCheck(
  incidentId: IncidentFacts['incident']['_id'],
  input: Pick<RecordFilingInput, 'summary' | 'reasonForDelay'>,
  config: Config,
  ctx: ActionContext,
): Promise<OutgoingCheck> {
  return checkTexts(
    { summary: input.summary, reasonForDelay: input.reasonForDelay },
    await checkContextFor(incidentId, gateOf(config), ctx.now),
  );
}

/** The withdrawal reason, which goes to the AP with the dossier, checked for personal data. */
export async function withdrawalCheck(
  incidentId: IncidentFacts['incident']['_id'],
  reason: string,
  config: Config,
  ctx: ActionContext,
): Promise<OutgoingCheck> {
  return checkTexts({ reason }, await checkContextFor(incidentId, gateOf(config), ctx.now));
}

/** Inserts the next filing version; a concurrent filing by a colleague is a conflict, not a duplicate. */
async function insertFiling(doc: Record<string, unknown>): Promise<AuthorityFilingDoc> {
  try {
    const created = await AuthorityFiling.create(doc);
    return created.toObject<AuthorityFilingDoc>();
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new ConflictError('FILING_CONFLICT', 'authority.error.concurrent');
    throw err;
  }
}

/** Records the initial filing or a follow-up (audit: authority.filing.record). */
export async function recordFiling(
  incidentId: string,
  input: RecordFilingInput,
  config: Config,
  ctx: ActionContext,
): Promise<FilingView> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  const facts = await loadDossierSources(toObjectId(incidentId), config);
  const { incident, filings } = facts;
  const initial = filings[0];
  const last = filings.at(-1);
  if (last?.kind === 'withdrawal') throw new ConflictError('FILING_WITHDRAWN', 'authority.error.withdrawn');
  const kind: FilingKind = initial ? 'followup' : 'initial';
  // The form was for another state (a colleague filed meanwhile): do not record it as something else.
  if (input.kind !== kind) throw new ConflictError('FILING_STALE', 'authority.error.stale');
  const role = config.organisation.role;
  const deadline = deadlineOf(facts, role);
  const fields: FieldErrors = {};
  checkSubmittedAt(input.submittedAt, facts, ctx.now, fields);
  // The AP shows its meldingsnummer on submission; it must be quoted later (domain.md §8.1).
  if (kind === 'initial' && role === 'controller' && !input.apReference)
    fields.apReference = 'field.required';
  // Follow-ups have no new clock (domain.md §10.5): only the first filing can be late.
  const late = initial ? initial.late : isLate(deadline, input.submittedAt);
  if (kind === 'initial' && late && !input.reasonForDelay)
    fields.reasonForDelay = 'duties.delayReasonRequired';
  // What goes to the AP in the officer's own words is checked for personal data (issue 12, problem 5).
  if (hasPlaceholder(input.summary)) fields.summary = 'field.placeholderLeft';
  const check = await filingCheck(incident._id, input, config, ctx);
  const flagError = confirmationError(check, {
    confirmed: !!input.confirmPersonalData,
    fingerprint: input.personalDataFingerprint,
  });
  if (flagError) fields.confirmPersonalData = flagError;
  if (Object.keys(fields).length) throw new ValidationError(fields);

  const apReference = initial?.apReference ?? input.apReference;
  const dossier = dossierFor(
    facts,
    config,
    ctx,
    {
      kind,
      apReference: apReference ?? null,
      complete: input.complete,
      submittedAt: initial?.submittedAt ?? input.submittedAt,
      reasonForDelay: initial?.reasonForDelay ?? input.reasonForDelay ?? null,
      summary: input.summary,
      filerPhone: input.filerPhone ?? null,
    },
    'nl',
  );
  // "Complete" is a claim to the AP (Art. 33(4)): it cannot be made while required answers are
  // missing, or the filed dossier would say both (issue 12, problem 4). Nothing is stored. The
  // filer's phone is in this form: its own field says so (§8.1 section 1: mandatory).
  if (input.complete && dossier.missing.length)
    throw new ValidationError({
      complete: 'field.authorityCompleteMissing',
      ...(input.filerPhone ? {} : { filerPhone: 'field.authorityPhoneRequired' }),
    });
  const changes = last ? diffDossiers(last.dossier as Dossier, dossier) : [];
  const filing = await insertFiling({
    incidentId: incident._id,
    version: (last?.version ?? 0) + 1,
    kind,
    recipient: recipientOf(config),
    apReference,
    submittedAt: input.submittedAt,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
    complete: input.complete,
    deadline: deadline ?? undefined,
    late: kind === 'initial' ? late : false,
    reasonForDelay: kind === 'initial' ? input.reasonForDelay : undefined,
    note: input.note,
    filerPhone: input.filerPhone,
    dossier,
    changes,
  });
  const duty: DutyKind =
    role === 'processor' ? 'controller' : kind === 'initial' ? 'authority' : 'authority_followup';
  await DutyFulfilment.create({
    incidentId: incident._id,
    duty,
    outcome: 'fulfilled',
    at: input.submittedAt,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
    ref: apReference,
    late: filing.late,
    delayReason: filing.reasonForDelay ?? undefined,
    complete: input.complete,
    note: kind === 'followup' ? `vervolgmelding ${filing.version}` : undefined,
  });
  await recordIncidentStep(
    incident,
    {
      kind: kind === 'initial' ? 'ap-filed' : 'ap-followup',
      to: kind === 'initial' ? 'ap_notified' : 'ap_followup',
      data: { version: filing.version, apReference, complete: input.complete },
    },
    ctx,
  );
  await auditAction(ctx, {
    action: 'authority.filing.record',
    object: incidentObject(incident),
    details: {
      version: filing.version,
      kind,
      recipient: filing.recipient,
      apReference,
      complete: input.complete,
      late: filing.late,
      changed: changes.map((c) => c.id),
      personalDataFlags: check.count,
    },
  });
  await auditConfirmedFlags(check, 'authority.filing', incidentObject(incident), ctx);
  return toFilingView(filing);
}

/** Withdraws the notification (intrekken); the reason is required and every version is kept. */
export async function withdrawFiling(
  incidentId: string,
  input: WithdrawFilingInput,
  config: Config,
  ctx: ActionContext,
): Promise<FilingView> {
  await assertOfficer(ctx, { type: 'incident', id: String(incidentId) });
  if (!input.reason?.trim()) throw new ValidationError({ reason: 'field.required' });
  const facts = await loadDossierSources(toObjectId(incidentId), config);
  const { incident, filings } = facts;
  const initial = filings[0];
  const last = filings.at(-1);
  if (!initial || !last) throw new ConflictError('FILING_NONE', 'authority.error.nothingToWithdraw');
  if (last.kind === 'withdrawal') throw new ConflictError('FILING_WITHDRAWN', 'authority.error.withdrawn');
  const fields: FieldErrors = {};
  checkSubmittedAt(input.submittedAt, facts, ctx.now, fields);
  const check = await withdrawalCheck(incident._id, input.reason, config, ctx);
  const flagError = confirmationError(check, {
    confirmed: !!input.confirmPersonalData,
    fingerprint: input.personalDataFingerprint,
  });
  if (flagError) fields.confirmPersonalData = flagError;
  if (Object.keys(fields).length) throw new ValidationError(fields);
  const dossier = dossierFor(
    facts,
    config,
    ctx,
    {
      kind: 'withdrawal',
      apReference: initial.apReference ?? null,
      complete: last.complete,
      withdrawalReason: input.reason,
      submittedAt: initial.submittedAt,
      reasonForDelay: initial.reasonForDelay ?? null,
      summary: filedSummary(last),
      filerPhone: lastFilerPhone(filings, ctx.user.id) ?? last.filerPhone ?? null,
    },
    'nl',
  );
  const filing = await insertFiling({
    incidentId: incident._id,
    version: last.version + 1,
    kind: 'withdrawal',
    recipient: recipientOf(config),
    apReference: initial.apReference,
    submittedAt: input.submittedAt,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
    complete: last.complete,
    late: false,
    withdrawalReason: input.reason,
    dossier,
    changes: diffDossiers(last.dossier as Dossier, dossier),
  });
  await DutyFulfilment.create({
    incidentId: incident._id,
    duty: config.organisation.role === 'processor' ? 'controller' : 'authority',
    outcome: 'cancelled',
    at: input.submittedAt,
    recordedAt: ctx.now,
    byId: ctx.user.id,
    byName: ctx.user.name,
    ref: initial.apReference ?? undefined,
    note: input.reason,
  });
  await recordIncidentStep(
    incident,
    {
      kind: 'ap-withdrawn',
      to: 'withdrawn',
      data: { version: filing.version, apReference: initial.apReference },
    },
    ctx,
  );
  await auditAction(ctx, {
    action: 'authority.filing.withdraw',
    object: incidentObject(incident),
    details: { version: filing.version, apReference: initial.apReference, personalDataFlags: check.count },
  });
  await auditConfirmedFlags(check, 'authority.withdrawal', incidentObject(incident), ctx);
  return toFilingView(filing);
}
