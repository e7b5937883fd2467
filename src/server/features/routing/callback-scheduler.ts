import type { CallbackService } from './callback.service.js';

const POLL_MS = 1_000;

/** Polls for due callbacks once a second (restart-safe: the table is the schedule). Returns stop. */
export function startCallbackScheduler(callbacks: CallbackService, onError: (err: unknown) => void) {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = callbacks.routeDue().catch(onError).finally(() => { busy = false; });
  }, POLL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
