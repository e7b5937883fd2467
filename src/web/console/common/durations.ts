/**
 * Durations as people read them on a desktop or a wallboard: `0:07`, `12:34`, `1:02:03`. Pure, so the
 * ticking components only pass in "now".
 */

const EMPTY = '—';

/** Seconds → `m:ss` under an hour, `h:mm:ss` from an hour; null, NaN or negative-infinite → `—`. Negative is clamped to 0. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return EMPTY;
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  if (h === 0) return `${m}:${ss}`;
  return `${h}:${String(m).padStart(2, '0')}:${ss}`;
}

function instant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Whole seconds elapsed since `iso` at `nowMs` (0 when in the future); null when `iso` is missing or invalid. */
export function secondsSince(iso: string | null | undefined, nowMs: number): number | null {
  const start = instant(iso);
  return start === null ? null : Math.max(0, Math.floor((nowMs - start) / 1000));
}

/** Whole seconds left until `iso` at `nowMs`, rounded up (a countdown shows 1 until it is really over), never below 0. */
export function secondsUntil(iso: string | null | undefined, nowMs: number): number | null {
  const end = instant(iso);
  return end === null ? null : Math.max(0, Math.ceil((end - nowMs) / 1000));
}

/** A share 0..1 → `83.5%` (one decimal, trailing `.0` dropped); null → `—`. */
export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return EMPTY;
  const value = Math.round(share * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** A count; null → `—`. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return value.toLocaleString('ja-JP');
}
