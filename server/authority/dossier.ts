// The AP dossier (domain.md §8.1, §10.6): every question of the AP's notification form, section
// 0–9 in the form's order, answered from the intake, the latest assessment and the organisation's
// configuration. Pure: the service loads the facts, this lays them out. Unanswered required
// questions are flagged as missing (what must still be found out, Art. 33(4) phased notification).
import type { Lang } from '../i18n/i18n.js';
import { translate } from '../i18n/i18n.js';
import type { FilingKind, FilingRecipient } from '../../models/authority-filing.model.js';
import { dossierAnswers } from './dossier-answers.js';

/**
 * The format tag of the JSON export; bump it when the shape changes. Additions that old readers can
 * ignore (more answers, the optional `apOptions` of issue 13) keep the tag.
 */
export const DOSSIER_FORMAT = 'meldpunt/ap-dossier@1';

/** One question of the form and its prepared answer. */
export interface DossierAnswer {
  id: string;
  question: string;
  /** The text to paste into the form; null when not (yet) known. */
  answer: string | null;
  /** Required by the form (or by law) but not known yet. */
  missing: boolean;
  /**
   * The AP's own answer options to tick for this answer (ap-options.ts), "Overig, namelijk: …"
   * where none fits; absent for questions the form answers in free text.
   */
  apOptions?: string[];
}

/** One section of the form (0–9). */
export interface DossierSection {
  number: number;
  title: string;
  answers: DossierAnswer[];
}

/** The whole dossier, as shown, printed, downloaded and frozen at filing. */
export interface Dossier {
  format: typeof DOSSIER_FORMAT;
  lang: Lang;
  recipient: FilingRecipient;
  incidentReference: string;
  generatedAt: string;
  sections: DossierSection[];
  /** Required answers still missing, in form order. */
  missing: Array<{ id: string; section: number; question: string }>;
}

/** The incident fields the dossier reads (domain.md §10.2 intake fields). */
export interface DossierIncident {
  reference: string;
  summary: string;
  incidentCause: string;
  incidentNature?: string[] | null;
  breachTypes?: string[] | null;
  occurredFrom?: Date | null;
  occurredTo?: Date | null;
  ongoing?: boolean | null;
  occurrenceUnknown?: boolean | null;
  discoveredAt: Date;
  reportedInternallyAt: Date;
  awarenessAt?: Date | null;
  dataCategories?: string[] | null;
  dataDetail?: string | null;
  subjectCategories?: string[] | null;
  subjectsCountMin?: number | null;
  subjectsCountMax?: number | null;
  recordsCount?: number | null;
  vulnerableSubjects?: string | null;
  confidentialityScope?: string | null;
  integrityImpact?: string | null;
  availabilityImpact?: string | null;
  unavailableHours?: number | null;
  backupAvailable?: string | null;
  unintelligibility?: string | null;
  systemsInvolved?: string | null;
  processorInvolved?: string | null;
  processorName?: string | null;
  processorNotifiedAt?: Date | null;
  otherEeaCountries?: string | null;
  measuresTaken?: string | null;
  /** The reporter's answer: also reported to the police, the NCSC or another authority (§8.1 section 9). */
  reportedTo?: string[] | null;
  reportedToOther?: string | null;
}

/** The assessment fields the dossier reads (the latest version). */
export interface DossierAssessment {
  riskLevel: string;
  awarenessAt?: Date | null;
  art34Exception?: string | null;
  art34ExceptionReason?: string | null;
  /** The written reasons of the decision (§10.8 item 8: every "no" carries them). */
  justification?: string | null;
  input?: {
    consequences?: string[] | null;
    dataCategories?: string[] | null;
    /** Protection per data category (§10.8 item 1) and the general value for the rest. */
    protection?: Record<string, string | undefined> | null;
    unintelligibility?: string | null;
  } | null;
  result?: { enisa?: { score?: number; band?: string } | null } | null;
  duties?: { informSubjects?: boolean; publicCommunication?: boolean } | null;
}

/** The organisation's details (config.organisation). */
export interface DossierOrganisation {
  name: string;
  address: string;
  email: string;
  phone: string;
  dpoName: string;
  dpoEmail: string;
  commissioningParty: string;
  role: 'controller' | 'processor';
  sector?: string | undefined;
  registrationNumber?: string | undefined;
}

/** The filing the dossier is prepared for (or was filed as). */
export interface DossierFiling {
  kind: FilingKind;
  /** The reference of the earlier notification (follow-ups and withdrawals). */
  apReference?: string | null;
  complete: boolean;
  withdrawalReason?: string | null;
  /** When lateness is judged: the submission of the first filing, or now while preparing. */
  submittedAt: Date;
  reasonForDelay?: string | null;
  /**
   * The summary the officer wrote for the AP (issue 12, problem 5): the dossier never copies the
   * reporter's own summary, which is internal and may name people. Null (missing) until written.
   */
  summary?: string | null;
  /** The filer's direct telephone number, typed in the filing form (§8.1 section 1: mandatory). */
  filerPhone?: string | null;
}

/** The officer's answers to the form's remaining questions (dossier-details.model.ts). */
export interface DossierDetailsFacts {
  measuresBefore: string | null;
  protectionMethod: string | null;
  crossBorder: string | null;
  otherAuthorities: string | null;
  otherAuthoritiesWhich: string | null;
  notInformingReason: string | null;
  /** Empty: the intake's answer stands. */
  reportedTo: string[];
  reportedToOther: string | null;
  fgName: string | null;
  fgAdvice: string | null;
  fgAdvisedAt: Date | null;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  followsAdvice: string | null;
  deviationReason: string | null;
}

/** What was sent to the affected persons (the notice runs and public communications). */
export interface InformingFacts {
  /** The first moment anyone was reached: first e-mail sent, letters posted or publication. */
  firstAt: Date;
  emailSent: number;
  lettersPosted: number;
  publications: Array<{ where: string; publishedAt: Date }>;
  /** The Dutch text of the latest run that reached anyone, without a personal salutation. */
  text: string | null;
}

/** Everything buildDossier needs. */
export interface DossierFacts {
  incident: DossierIncident;
  assessment: DossierAssessment | null;
  organisation: DossierOrganisation;
  filer: { name: string; email: string; functionLabel: string };
  filing: DossierFiling;
  /** The filing deadline (AP: awareness + 72 h), or null when none applies. */
  deadline: Date | null;
  /** When the affected persons were informed (a recorded duty fulfilment), if so. */
  subjectsInformedAt: Date | null;
  /** The officer's answers to the form's remaining questions, if recorded. */
  details?: DossierDetailsFacts | null;
  /** What was sent to the affected persons, if anything. */
  informing?: InformingFacts | null;
  now: Date;
  lang: Lang;
}

/** Answers per section, in the form's order (filled by dossier-answers.ts). */
export type SectionAnswers = Array<
  Array<{ id: string; answer: string | null; required: boolean; apOptions?: string[] | null }>
>;

/** Builds the dossier for the facts. */
export function buildDossier(facts: DossierFacts): Dossier {
  const { lang } = facts;
  const perSection = dossierAnswers(facts);
  const sections: DossierSection[] = perSection.map((answers, number) => ({
    number,
    title: translate(lang, `dossier.s${number}`),
    answers: answers.map((a) => ({
      id: a.id,
      question: translate(lang, `dossier.q.${a.id}`),
      answer: a.answer,
      missing: a.required && (a.answer === null || a.answer.trim() === ''),
      ...(a.apOptions?.length ? { apOptions: a.apOptions } : {}),
    })),
  }));
  return {
    format: DOSSIER_FORMAT,
    lang,
    recipient: facts.organisation.role === 'processor' ? 'controller' : 'authority',
    incidentReference: facts.incident.reference,
    generatedAt: facts.now.toISOString(),
    sections,
    missing: sections.flatMap((s) =>
      s.answers.filter((a) => a.missing).map((a) => ({ id: a.id, section: s.number, question: a.question })),
    ),
  };
}

/** One answer that differs between two filings. */
export interface DossierChange {
  id: string;
  section: number;
  question: string;
  before: string | null;
  after: string | null;
}

// Answers that describe the filing itself, not the breach: they differ between every two filings
// (the filer's direct phone belongs to whoever files this time).
const NOT_COMPARED = new Set(['notificationType', 'apReference', 'withdrawalReason', 'filerPhone']);

/** The answers of `next` that differ from `previous` (domain.md §10.5: a follow-up shows what changed). */
export function diffDossiers(previous: Dossier, next: Dossier): DossierChange[] {
  const before = new Map<string, string | null>();
  for (const s of previous.sections) for (const a of s.answers) before.set(a.id, a.answer);
  const changes: DossierChange[] = [];
  for (const s of next.sections) {
    for (const a of s.answers) {
      if (NOT_COMPARED.has(a.id)) continue;
      const old = before.has(a.id) ? (before.get(a.id) ?? null) : null;
      if (old !== a.answer)
        changes.push({ id: a.id, section: s.number, question: a.question, before: old, after: a.answer });
    }
  }
  return changes;
}
