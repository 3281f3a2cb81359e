// Which facts each AP dossier answer is built from (domain.md §8.1 answers ← §10.2 facts), so the
// dossier can say which answers rest on a value the privacy officer corrected, and by whom and
// when (issue 12). The reason stays internal (it is free text): it is on the incident's pages and
// in the register, not in the dossier that goes to the AP. Pure.
import { translate, type Lang } from '../i18n/i18n.js';
import type { EffectiveFacts, FactOrigin } from './effective-facts.js';
import { originTime } from './facts.view-model.js';

/** Dossier answer id → the facts it is built from. */
export const ANSWER_FACTS: Readonly<Record<string, readonly string[]>> = {
  cause: ['incidentCause'],
  nature: ['incidentNature'],
  breachTypes: ['breachTypes'],
  dataCategories: ['dataCategories'],
  specialCategories: ['dataCategories'],
  dataDetail: ['dataDetail'],
  recordsCount: ['recordsCount'],
  subjectCategories: ['subjectCategories'],
  subjectsCountMin: ['subjectsCountMin'],
  subjectsCountMax: ['subjectsCountMax'],
  vulnerable: ['vulnerableSubjects'],
  unintelligibility: ['unintelligibility', 'protection'],
  protectionPerCategory: ['protection', 'unintelligibility', 'dataCategories'],
  systemsInvolved: ['systemsInvolved'],
  confidentiality: ['confidentialityScope'],
  integrity: ['integrityImpact'],
  availability: ['availabilityImpact', 'unavailableHours', 'backupAvailable'],
  measuresTaken: ['measuresTaken'],
  otherCountries: ['otherEeaCountries'],
  processor: ['processorInvolved', 'processorName'],
};

/** "Gecorrigeerd door X op 5 januari 2026, 17:12" (without the reason). */
export function shortOriginText(origin: FactOrigin, lang: Lang): string {
  const vars = {
    name: origin.name,
    at: originTime(origin.at, lang),
    version: origin.assessmentVersion ?? '',
  };
  return translate(
    lang,
    origin.correctionVersion !== null ? 'facts.origin.correctedShort' : 'facts.origin.assessedShort',
    vars,
  );
}

/** For each dossier answer resting on an officer's value: the latest such origin, as a short text. */
export function answerOrigins(facts: EffectiveFacts, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [answer, names] of Object.entries(ANSWER_FACTS)) {
    const latest = names
      .map((n) => facts.origins[n])
      .filter((o): o is FactOrigin => o !== undefined && o.by === 'officer')
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    if (latest) out[answer] = shortOriginText(latest, lang);
  }
  return out;
}
