/** What the trip pages tell a person about their own standing, from the trip's mode and rules. Unit-tested. */
import type { EligibilityRules, TripMode } from '../../../types/trips.schema';

interface Standing {
  eligible: boolean;
  priority: boolean;
}

/**
 * The priority a person gets, in the words of the trip's own mode: a head start for first-come trips, better odds
 * for a lottery; nothing when they cannot sign up (the reasons say why) or when the rules give no advantage.
 */
export function priorityNotice(mode: TripMode, rules: Pick<EligibilityRules, 'priorityWeight' | 'priorityHeadStartHours'>, me: Standing): string | null {
  if (!me.eligible || !me.priority) return null;
  if (mode === 'lottery') {
    return rules.priorityWeight > 1 ? `您近年没有参加过疗休养，抽签时中签机会是其他人的 ${rules.priorityWeight} 倍` : null;
  }
  return rules.priorityHeadStartHours > 0 ? `您近年没有参加过疗休养，可以提前 ${rules.priorityHeadStartHours} 小时报名` : null;
}
