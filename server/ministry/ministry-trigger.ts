// When a notice to the ministry is due (domain.md §8.4): by default whenever the AP is notified;
// alternatively when the assessment's contract trigger says so. As processor the ministry is our
// controller and must be told of every breach without undue delay (Art. 33(2)). Pure.

/** What the decision is made from. */
export interface MinistryTriggerFacts {
  trigger: 'ap_notified' | 'duty';
  role: 'controller' | 'processor';
  /** An initial filing (AP, or the controller as processor) is recorded. */
  filed: boolean;
  /** The latest assessment, if any: its duties. */
  duties: { notifyMinistry?: boolean; notifyController?: boolean } | null;
  /** A notice was sent already (follow-ups are then always possible). */
  noticeSent: boolean;
}

/** Why a notice is (not) due: a message key for the page. */
export type MinistryTriggerReason =
  | 'ministry.trigger.followUp'
  | 'ministry.trigger.processor'
  | 'ministry.trigger.apNotified'
  | 'ministry.trigger.duty'
  | 'ministry.trigger.notYetFiled'
  | 'ministry.trigger.notRequired';

/** Whether a ministry notice is due now, with the reason. */
export function ministryNoticeDue(f: MinistryTriggerFacts): { due: boolean; reason: MinistryTriggerReason } {
  if (f.noticeSent) return { due: true, reason: 'ministry.trigger.followUp' };
  if (f.role === 'processor') {
    return f.duties?.notifyController || f.filed
      ? { due: true, reason: 'ministry.trigger.processor' }
      : { due: false, reason: 'ministry.trigger.notRequired' };
  }
  if (f.trigger === 'ap_notified') {
    return f.filed
      ? { due: true, reason: 'ministry.trigger.apNotified' }
      : { due: false, reason: 'ministry.trigger.notYetFiled' };
  }
  return f.duties?.notifyMinistry
    ? { due: true, reason: 'ministry.trigger.duty' }
    : { due: false, reason: 'ministry.trigger.notRequired' };
}
