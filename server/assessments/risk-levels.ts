// Arithmetic on the risk levels of domain.md §6.2 (none < risk < high) used by the rules of §10.4.
import type { EnisaBand, RiskLevel } from '../../models/vocabulary/assessment.enums.js';
import { RISK_LEVELS } from '../../models/vocabulary/assessment.enums.js';

/** Position of a level in none < risk < high. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** The higher of two levels. */
export function maxRisk(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskRank(a) >= riskRank(b) ? a : b;
}

/** One level up, capped at high (§10.4 "raise one level"). */
export function raiseOneLevel(level: RiskLevel): RiskLevel {
  return level === 'none' ? 'risk' : 'high';
}

/** Base suggestion from the ENISA band: low → none, medium → risk, high/very high → high (§10.4 step 3). */
export function levelFromBand(band: EnisaBand): RiskLevel {
  if (band === 'low') return 'none';
  return band === 'medium' ? 'risk' : 'high';
}
