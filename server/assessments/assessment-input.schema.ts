// Zod schema of the assessment input (contracts.md §3): the intake and assessment fields of
// domain.md §10.2. Every field is optional because a missing field means "unknown"; unknown field
// names are stripped; a wrong type or an unknown enumeration value is an error naming the field.
import { z } from 'zod';
import { isIsoTimestamp, parseInstant } from './deadline-clock.js';
import {
  ART34_EXCEPTIONS,
  AVAILABILITY_IMPACTS,
  BACKUP_AVAILABILITY,
  BREACH_TYPES,
  CONFIDENTIALITY_SCOPES,
  CONSEQUENCES,
  DATA_CATEGORIES,
  DISCOVERY_CHANNELS,
  EASE_OF_IDENTIFICATION_LEVELS,
  INCIDENT_CAUSES,
  INCIDENT_NATURES,
  INTEGRITY_IMPACTS,
  RISK_LEVELS,
  SUBJECT_CATEGORIES,
  TRI_STATES,
  UNINTELLIGIBILITY_LEVELS,
} from '../../models/vocabulary/assessment.enums.js';

// ISO 8601 date-time in any form with an offset (Z, ±hh:mm, ±hhmm, ±hh) is an instant; without an
// offset it is read as Europe/Amsterdam wall-clock time (what an HTML datetime-local field sends),
// the repeated autumn hour as its earlier instant (domain.md §10.8 item 7).
const timestamp = z
  .string()
  .refine(
    isIsoTimestamp,
    'not an ISO 8601 date-time (for example 2026-11-20T09:30, 2026-11-20T09:30+01:00 or 2026-11-20T08:30Z)',
  );
const count = z.number().int().nonnegative().nullable();
const triState = z.enum(TRI_STATES);
const text = z.string().max(10_000);

/** The assess input of contracts.md §3 (all fields optional; missing = unknown). */
export const assessmentInputSchema = z
  .object({
    // Intake (domain.md §10.2)
    incidentCause: z.enum(INCIDENT_CAUSES),
    incidentNature: z.array(z.enum(INCIDENT_NATURES)),
    breachTypes: z.array(z.enum(BREACH_TYPES)),
    discoveredAt: timestamp,
    reportedInternallyAt: timestamp,
    discoveryChannel: z.enum(DISCOVERY_CHANNELS),
    personalDataInvolved: triState,
    dataCategories: z.array(z.enum(DATA_CATEGORIES)),
    subjectCategories: z.array(z.enum(SUBJECT_CATEGORIES)),
    subjectsCountMin: count,
    subjectsCountMax: count,
    recordsCount: count,
    vulnerableSubjects: triState,
    dataLeftOrganisation: triState,
    /** How many identified recipients received the data (§10.8 item 3: "a few"). */
    recipientsCount: count,
    recipientTrusted: triState,
    deletionConfirmed: triState,
    dataRetrieved: triState,
    confidentialityScope: z.enum(CONFIDENTIALITY_SCOPES),
    integrityImpact: z.enum(INTEGRITY_IMPACTS),
    availabilityImpact: z.enum(AVAILABILITY_IMPACTS),
    unavailableHours: z.number().nonnegative().nullable(),
    backupAvailable: z.enum(BACKUP_AVAILABILITY),
    malicious: triState,
    /** Malware/ransomware: could exfiltration be ruled out? (domain.md §10.8 item 2). */
    exfiltrationRuledOut: triState,
    /** Protection of the data in general; a category without its own value takes this one. */
    unintelligibility: z.enum(UNINTELLIGIBILITY_LEVELS),
    /** Protection per data category (domain.md §10.8 item 1); the exposed categories decide. */
    protection: z.partialRecord(z.enum(DATA_CATEGORIES), z.enum(UNINTELLIGIBILITY_LEVELS)),
    /** Care or benefit processes for people halted by the availability loss (§10.4 floors). */
    processesHalted: triState,
    /** Whether the breach had any effect on people (§10.4 availability ceiling). */
    effectOnPeople: triState,
    // Privacy-officer assessment (domain.md §10.2)
    awarenessAt: timestamp,
    easeOfIdentification: z.enum(EASE_OF_IDENTIFICATION_LEVELS),
    /** What access_credentials unlock; scored as that category (domain.md §7.2). */
    credentialsUnlock: z
      .enum(DATA_CATEGORIES)
      .refine(
        (c) => c !== 'access_credentials',
        'credentials cannot unlock themselves; name the data they open',
      ),
    /** Whole-point ENISA context adjustment of the DPC (domain.md §7.2: −3 … +3). */
    dpcAdjustment: z.number().int().min(-3).max(3),
    /** Whole-point ENISA adjustment per data category (domain.md §10.8 item 5: −3 … +3 each). */
    dpcAdjustments: z.partialRecord(z.enum(DATA_CATEGORIES), z.number().int().min(-3).max(3)),
    dpcAdjustmentReason: text,
    consequences: z.array(z.enum(CONSEQUENCES)),
    /** The final level set by the privacy officer; duties follow it when given. */
    riskLevel: z.enum(RISK_LEVELS),
    riskJustification: text,
    art34Exception: z.enum(ART34_EXCEPTIONS),
    /** Grounds of the exception; for (b) the measure taken (domain.md §10.8 item 6). */
    art34ExceptionReason: text,
    /** Moment of the decision to inform affected persons (anchor of the subjects target, §10.5). */
    decidedAt: timestamp,
    /** Moment the ministry report became due (anchor of the ministry clock `duty`, §10.8 item 7). */
    ministryDutyAt: timestamp,
  })
  .partial()
  .superRefine(
    (input, ctx) => {
      // Runs even when other fields failed (see `when`), so values may still have the wrong type.
      const { dpcAdjustment, dpcAdjustments, dpcAdjustmentReason: reason } = input as Record<string, unknown>;
      const perCategory =
        typeof dpcAdjustments === 'object' && dpcAdjustments !== null
          ? Object.values(dpcAdjustments).some((v) => typeof v === 'number' && v !== 0)
          : false;
      // domain.md §7.2: adjustments are made "with reasons".
      if ((typeof dpcAdjustment === 'number' && dpcAdjustment !== 0) || perCategory) {
        if (reason === undefined || (typeof reason === 'string' && !reason.trim())) {
          ctx.addIssue({
            code: 'custom',
            path: ['dpcAdjustmentReason'],
            message: 'a reason is required when dpcAdjustment is not 0',
          });
        }
      }
      // domain.md §10.8 item 7: one cannot become aware of a breach before it was discovered.
      const { discoveredAt, awarenessAt } = input as Record<string, unknown>;
      if (
        typeof discoveredAt === 'string' &&
        typeof awarenessAt === 'string' &&
        isIsoTimestamp(discoveredAt) &&
        isIsoTimestamp(awarenessAt) &&
        parseInstant(awarenessAt).getTime() < parseInstant(discoveredAt).getTime()
      ) {
        ctx.addIssue({ code: 'custom', path: ['awarenessAt'], message: 'must not be before discoveredAt' });
      }
      const { subjectsCountMin: min, subjectsCountMax: max } = input as Record<string, unknown>;
      if (typeof min === 'number' && typeof max === 'number' && min > max) {
        ctx.addIssue({
          code: 'custom',
          path: ['subjectsCountMin'],
          message: 'must not be greater than subjectsCountMax',
        });
      }
    },
    // Report these together with type errors in other fields, so every problem is named at once.
    {
      when: (payload) =>
        typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
    },
  );

/** The validated assess input; every field may be missing (= unknown). */
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;

/** One problem with the input, with the dotted path of the field (e.g. `dataCategories[1]`). */
export interface InputProblem {
  field: string;
  message: string;
}

/** Result of parsing raw input: the typed input, or every problem found. */
export type ParseResult = { ok: true; input: AssessmentInput } | { ok: false; problems: InputProblem[] };

/** Validates raw (already JSON-parsed) input against the assess schema. */
export function parseAssessmentInput(raw: unknown): ParseResult {
  const result = assessmentInputSchema.safeParse(raw, { reportInput: true });
  if (result.success) return { ok: true, input: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      field: formatFieldPath(issue.path),
      // Name the offending value for enumeration errors: the list of options alone hides the typo.
      message:
        issue.code === 'invalid_value' ? `${issue.message} (got ${describe(issue.input)})` : issue.message,
    })),
  };
}

/** Renders an issue path as `a.b[2]`; the root object is `(input)`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(input)';
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
