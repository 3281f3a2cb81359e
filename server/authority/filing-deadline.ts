// When a filing is late (domain.md §2 "Late notification", §10.5): the AP clock runs continuously
// from awareness for 72 clock hours; as processor the duty is "without undue delay" towards the
// controller, bounded by the contract's hours when the assessment set a ministry deadline. Pure;
// whether a filing is late, and the reason that then requires, is server/duties/late-filing.ts.
import { addClockHours } from '../assessments/deadline-clock.js';

/** What the deadline is decided from. */
export interface FilingDeadlineFacts {
  role: 'controller' | 'processor';
  /** The moment the organisation became aware (assessment, else intake, else internal report). */
  awarenessAt: Date;
  /** Clock hours from awareness to the AP deadline (Art. 33(1): 72). */
  authorityHours: number;
  /** The deadline stored with the latest assessment, if any. */
  assessedAuthorityDeadline?: Date | null;
  /** The contractual deadline towards the ministry (the controller, when we are processor). */
  assessedMinistryDeadline?: Date | null;
}

/** The deadline of the first filing, or null when none applies. */
export function filingDeadline(f: FilingDeadlineFacts): Date | null {
  if (f.role === 'processor') return f.assessedMinistryDeadline ?? null;
  return f.assessedAuthorityDeadline ?? addClockHours(f.awarenessAt, f.authorityHours);
}
