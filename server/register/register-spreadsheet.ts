// The register for people with a spreadsheet (issue 14 item 4): the same records as the machine
// export (register-export.ts), with column names and values in Dutch or English instead of field
// names and codes, dates in Dutch time, and yes/no for true/false. Two files: a CSV that Dutch
// Excel opens as columns (";" between cells, UTF-8 with a byte-order mark, formulas neutralised)
// and a real .xlsx. The JSON export and the CLI's CSV keep codes for machines. Pure but for
// writeSpreadsheet.
import type { Row } from 'write-excel-file/node';
import { format } from 'date-fns/format';
import { TZDate } from '@date-fns/tz';
import {
  ART34_EXCEPTION_LABELS,
  AVAILABILITY_IMPACT_LABELS,
  BACKUP_AVAILABILITY_LABELS,
  BREACH_TYPE_LABELS,
  CONFIDENTIALITY_SCOPE_LABELS,
  CONSEQUENCE_LABELS,
  DATA_CATEGORY_LABELS,
  DISCOVERY_CHANNEL_LABELS,
  EASE_OF_IDENTIFICATION_LABELS,
  ENISA_BAND_LABELS,
  INCIDENT_CAUSE_LABELS,
  INCIDENT_NATURE_LABELS,
  INTEGRITY_IMPACT_LABELS,
  RISK_LEVEL_LABELS,
  SUBJECT_CATEGORY_LABELS,
  TRI_STATE_LABELS,
  UNINTELLIGIBILITY_LABELS,
} from '../assessments/assessment.labels.js';
import type { Label } from '../../models/vocabulary/assessment.enums.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { DUTCH_TIME_ZONE } from '../local-time.js';
import { csvRecord, neutraliseFormula } from '../csv.js';
import { REGISTER_FIELDS, type RegisterRecord } from './register-export.js';

type Field = (typeof REGISTER_FIELDS)[number];

/** Column names: [Dutch, English]. */
export const SPREADSHEET_HEADERS: Record<Field, readonly [string, string]> = {
  reference: ['Kenmerk', 'Reference'],
  year: ['Jaar', 'Year'],
  status: ['Status', 'Status'],
  reportedBy: ['Gemeld door', 'Reported by'],
  handler: ['Behandelaar', 'Handler'],
  summary: ['Omschrijving', 'Summary'],
  incidentCause: ['Oorzaak', 'Cause'],
  incidentNature: ['Aard van het incident', 'Nature of the incident'],
  breachTypes: ['Soort inbreuk', 'Type of breach'],
  occurredFrom: ['Begonnen op', 'Started on'],
  occurredTo: ['Geëindigd op', 'Ended on'],
  ongoing: ['Duurt nog voort', 'Still ongoing'],
  occurrenceUnknown: ['Tijdstip onbekend', 'Time unknown'],
  discoveredAt: ['Ontdekt op', 'Discovered on'],
  discoveryChannel: ['Ontdekt via', 'Discovered through'],
  reportedInternallyAt: ['Intern gemeld op', 'Reported internally on'],
  awarenessAt: ['Moment van kennisname', 'Awareness'],
  awarenessNote: ['Toelichting kennisname', 'Note on awareness'],
  personalDataInvolved: ['Persoonsgegevens betrokken', 'Personal data involved'],
  dataCategories: ['Soorten persoonsgegevens', 'Kinds of personal data'],
  dataDetail: ['Toelichting gegevens', 'Detail of the data'],
  subjectCategories: ['Groepen betrokkenen', 'Groups of data subjects'],
  subjectsCountMin: ['Aantal betrokkenen (minimaal)', 'Data subjects (at least)'],
  subjectsCountMax: ['Aantal betrokkenen (maximaal)', 'Data subjects (at most)'],
  recordsCount: ['Aantal records', 'Number of records'],
  vulnerableSubjects: ['Kwetsbare betrokkenen', 'Vulnerable data subjects'],
  dataLeftOrganisation: ['Gegevens buiten de organisatie', 'Data left the organisation'],
  recipients: ['Ontvangers', 'Recipients'],
  recipientTrusted: ['Ontvanger betrouwbaar', 'Recipient trusted'],
  deletionConfirmed: ['Verwijdering bevestigd', 'Deletion confirmed'],
  dataRetrieved: ['Gegevens teruggehaald', 'Data retrieved'],
  confidentialityScope: ['Verlies van vertrouwelijkheid', 'Loss of confidentiality'],
  integrityImpact: ['Verlies van integriteit', 'Loss of integrity'],
  availabilityImpact: ['Verlies van beschikbaarheid', 'Loss of availability'],
  unavailableHours: ['Uren niet beschikbaar', 'Hours unavailable'],
  backupAvailable: ['Reservekopie beschikbaar', 'Backup available'],
  malicious: ['Kwade opzet', 'Malicious intent'],
  unintelligibility: ['Onbegrijpelijk gemaakt', 'Made unintelligible'],
  systemsInvolved: ['Betrokken systemen', 'Systems involved'],
  processorInvolved: ['Verwerker betrokken', 'Processor involved'],
  processorName: ['Naam verwerker', 'Name of the processor'],
  processorNotifiedAt: ['Verwerker gemeld op', 'Processor reported on'],
  otherEeaCountries: ['Andere EER-landen', 'Other EEA countries'],
  measuresTaken: ['Genomen maatregelen', 'Measures taken'],
  assessmentVersion: ['Versie beoordeling', 'Assessment version'],
  assessmentVersions: ['Aantal versies beoordeling', 'Assessment versions'],
  assessedAt: ['Beoordeeld op', 'Assessed on'],
  assessedBy: ['Beoordeeld door', 'Assessed by'],
  easeOfIdentification: ['Identificeerbaarheid', 'Ease of identification'],
  dpcAdjustment: ['Correctie verwerkingscontext', 'Processing context adjustment'],
  dpcAdjustmentReason: ['Reden correctie', 'Reason for the adjustment'],
  dpcAdjustments: ['Correcties per soort gegevens', 'Adjustments per kind of data'],
  dataProtection: ['Bescherming per soort gegevens', 'Protection per kind of data'],
  enisaDpc: ['ENISA verwerkingscontext (DPC)', 'ENISA data processing context (DPC)'],
  enisaEi: ['ENISA identificeerbaarheid (EI)', 'ENISA ease of identification (EI)'],
  enisaCb: ['ENISA omstandigheden (CB)', 'ENISA circumstances of the breach (CB)'],
  enisaScore: ['ENISA-score', 'ENISA score'],
  enisaBand: ['ENISA-ernst', 'ENISA severity'],
  rulesFired: ['Toegepaste regels', 'Rules applied'],
  ruleTexts: ['Redenen', 'Reasons'],
  assumptions: ['Aannames', 'Assumptions'],
  consequences: ['Mogelijke gevolgen', 'Possible consequences'],
  suggestedRisk: ['Voorgesteld risico', 'Suggested risk'],
  riskLevel: ['Vastgesteld risico', 'Risk decided'],
  riskJustification: ['Onderbouwing', 'Justification'],
  art34Exception: ['Uitzondering art. 34 lid 3', 'Art. 34(3) exception'],
  art34ExceptionReason: ['Reden uitzondering', 'Reason for the exception'],
  dutyNotifyAuthority: ['Melden aan de AP', 'Notify the AP'],
  dutyInformSubjects: ['Betrokkenen informeren', 'Inform the data subjects'],
  dutyNotifyMinistry: ['Ministerie informeren', 'Inform the ministry'],
  dutyPublicCommunication: ['Openbare mededeling', 'Public communication'],
  dutyNotifyController: ['Verwerkingsverantwoordelijke informeren', 'Inform the controller'],
  deadlineAuthority: ['Termijn AP', 'AP deadline'],
  deadlineSubjects: ['Termijn betrokkenen', 'Data subjects deadline'],
  deadlineMinistry: ['Termijn ministerie', 'Ministry deadline'],
  deadlineController: ['Termijn verwerkingsverantwoordelijke', 'Controller deadline'],
  authorityNotifiedAt: ['Gemeld aan de AP op', 'Notified to the AP on'],
  authorityReference: ['Kenmerk AP', 'AP reference'],
  authorityLate: ['AP te laat', 'AP late'],
  authorityDelayReason: ['Reden vertraging AP', 'Reason for the AP delay'],
  authorityFollowups: ['Vervolgmeldingen AP', 'AP follow-ups'],
  authorityWithdrawnAt: ['Melding AP ingetrokken op', 'AP filing withdrawn on'],
  subjectsInformedAt: ['Betrokkenen geïnformeerd op', 'Data subjects informed on'],
  subjectsNoticeReference: ['Kenmerk kennisgeving', 'Notice reference'],
  subjectsNoticeNote: ['Toelichting kennisgeving', 'Note on the notice'],
  publicCommunicationAt: ['Openbare mededeling op', 'Public communication on'],
  ministryNotifiedAt: ['Ministerie geïnformeerd op', 'Ministry informed on'],
  ministryReference: ['Kenmerk ministerie', 'Ministry reference'],
  ministryLate: ['Ministerie te laat', 'Ministry late'],
  ministryDelayReason: ['Reden vertraging ministerie', 'Reason for the ministry delay'],
  notABreachReason: ['Reden geen datalek', 'Reason it is no breach'],
  closedAt: ['Gesloten op', 'Closed on'],
  closingMeasures: ['Maatregelen bij afsluiting', 'Measures at closure'],
  lessonsLearned: ['Lessen', 'Lessons learned'],
  timeline: ['Tijdlijn', 'Timeline'],
  recipientsCount: ['Aantal bekende ontvangers', 'Number of known recipients'],
  factOrigins: ['Herkomst gecorrigeerde feiten', 'Origin of corrected facts'],
};

/** Which fields hold codes, and the names of those codes. */
const VALUE_LABELS: Partial<Record<Field, Record<string, Label>>> = {
  incidentCause: INCIDENT_CAUSE_LABELS,
  incidentNature: INCIDENT_NATURE_LABELS,
  breachTypes: BREACH_TYPE_LABELS,
  discoveryChannel: DISCOVERY_CHANNEL_LABELS,
  personalDataInvolved: TRI_STATE_LABELS,
  dataCategories: DATA_CATEGORY_LABELS,
  subjectCategories: SUBJECT_CATEGORY_LABELS,
  vulnerableSubjects: TRI_STATE_LABELS,
  dataLeftOrganisation: TRI_STATE_LABELS,
  recipientTrusted: TRI_STATE_LABELS,
  deletionConfirmed: TRI_STATE_LABELS,
  dataRetrieved: TRI_STATE_LABELS,
  confidentialityScope: CONFIDENTIALITY_SCOPE_LABELS,
  integrityImpact: INTEGRITY_IMPACT_LABELS,
  availabilityImpact: AVAILABILITY_IMPACT_LABELS,
  backupAvailable: BACKUP_AVAILABILITY_LABELS,
  malicious: TRI_STATE_LABELS,
  unintelligibility: UNINTELLIGIBILITY_LABELS,
  processorInvolved: TRI_STATE_LABELS,
  easeOfIdentification: EASE_OF_IDENTIFICATION_LABELS,
  enisaBand: ENISA_BAND_LABELS,
  consequences: CONSEQUENCE_LABELS,
  suggestedRisk: RISK_LEVEL_LABELS,
  riskLevel: RISK_LEVEL_LABELS,
  art34Exception: ART34_EXCEPTION_LABELS,
};

/** Per-category items ("category=value") whose parts are codes. */
const PER_CATEGORY: Partial<Record<Field, Record<string, Label>>> = {
  dataProtection: UNINTELLIGIBILITY_LABELS,
  dpcAdjustments: {},
};

/** A spreadsheet value: text, a number, or a moment (shown in Dutch time). */
export type SheetValue = string | number | Date | null;

const YES_NO: Record<Lang, [string, string]> = { nl: ['ja', 'nee'], en: ['yes', 'no'] };

function codeText(labels: Record<string, Label> | undefined, code: string, lang: Lang): string {
  return labels?.[code]?.[lang] ?? code;
}

/** One value of a record for a person reading it: names instead of codes, yes/no, lists joined. */
export function sheetValue(field: Field, value: unknown, lang: Lang): SheetValue {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value;
  if (typeof value === 'boolean') return YES_NO[lang][value ? 0 : 1];
  if (typeof value === 'number') return value;
  if (field === 'status' && typeof value === 'string') return translate(lang, `incidents.status.${value}`);
  const labels = VALUE_LABELS[field];
  const perCategory = PER_CATEGORY[field];
  const one = (v: unknown): string => {
    if (v instanceof Date) return localText(v);
    const s = String(v);
    if (perCategory && s.includes('=')) {
      const [category, setting] = s.split('=', 2) as [string, string];
      return `${codeText(DATA_CATEGORY_LABELS, category, lang)}: ${codeText(perCategory, setting, lang)}`;
    }
    return labels ? codeText(labels, s, lang) : s;
  };
  if (Array.isArray(value)) return value.length ? value.map(one).join('; ') : null;
  return one(value);
}

/** A moment as Dutch wall-clock time, "2026-03-01 09:45" (sorts as text, Excel reads it as a date). */
export function localText(d: Date): string {
  return format(new TZDate(d, DUTCH_TIME_ZONE), 'yyyy-MM-dd HH:mm');
}

/** The column names in a language. */
export function spreadsheetHeaders(lang: Lang): string[] {
  return REGISTER_FIELDS.map((f) => SPREADSHEET_HEADERS[f][lang === 'nl' ? 0 : 1]);
}

/** One record as spreadsheet values, in column order. */
export function spreadsheetRow(rec: RegisterRecord, lang: Lang): SheetValue[] {
  return REGISTER_FIELDS.map((f) => sheetValue(f, rec[f], lang));
}

/**
 * One CSV line for spreadsheets: ";" between cells, every cell quoted, moments in Dutch time,
 * Dutch decimal commas in Dutch, formula-like text neutralised.
 */
export function spreadsheetCsvLine(values: readonly SheetValue[], lang: Lang): string {
  const cells = values.map((v) => {
    if (v === null) return '';
    if (v instanceof Date) return localText(v);
    if (typeof v === 'number') return lang === 'nl' ? String(v).replace('.', ',') : String(v);
    return neutraliseFormula(v);
  });
  return csvRecord(cells, ';');
}

/**
 * The cells of an .xlsx row: moments as Excel dates in Dutch wall-clock time (Excel has no time
 * zones), numbers as numbers, everything else as text cells — a text cell is never run as a
 * formula, so "=…" typed by a reporter stays text.
 */
export function xlsxRow(values: readonly SheetValue[]): Row {
  return values.map((v) => {
    if (v === null) return null;
    if (v instanceof Date) {
      const z = new TZDate(v, DUTCH_TIME_ZONE);
      return {
        value: new Date(
          Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds()),
        ),
        type: Date,
        format: 'yyyy-mm-dd hh:mm',
      };
    }
    if (typeof v === 'number') return { value: v, type: Number };
    return { value: v, type: String };
  });
}
