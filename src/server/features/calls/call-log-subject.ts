/**
 * The subject of a call's phone interaction, the same for every provider (PBX through CTI, Twilio):
 * what a glance at the customer's history must tell.
 */
export function callSubjectOf(direction: 'in' | 'out', end: 'ringing' | 'missed' | 'rejected', cause: string | null): string {
  if (end === 'rejected') return '着信拒否 (busy)';
  if (end === 'missed') return direction === 'in' ? `不在着信 (${cause ?? 'unknown'})` : `発信 不通 (${cause ?? 'unknown'})`;
  return direction === 'in' ? '着信' : '発信';
}
