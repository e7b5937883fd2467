import type { AgentActivity } from '../../api/routing-types.js';

/** One colour per activity, the same on the desk and the wallboard (the word is always written too). */
export const ACTIVITY_COLORS: Record<AgentActivity, string> = {
  available: 'teal',
  busy: 'blue',
  acw: 'violet',
  break: 'yellow',
  missed: 'red',
  offline: 'gray',
};

export function activityColor(activity: string): string {
  return ACTIVITY_COLORS[activity as AgentActivity] ?? 'gray';
}
