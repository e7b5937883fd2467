/** A round hour from now, the usual promise ("1時間後にお電話します"). */
export function defaultCallbackTime(nowMs: number): string {
  const date = new Date(nowMs + 60 * 60_000);
  date.setUTCMinutes(Math.ceil(date.getUTCMinutes() / 15) * 15, 0, 0);
  return date.toISOString();
}
