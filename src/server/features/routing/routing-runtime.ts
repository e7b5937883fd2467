import { EventEmitter } from 'node:events';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import { AppError } from '../../platform/app-error.js';
import { createRoutingState, snapshotRoutingState, step, type RoutingState } from '../../../core/routing/routing-engine.js';
import { validateRoutingConfig } from '../../../core/routing/routing-config.js';
import type { Millis, RoutingConfig, RoutingEvent } from '../../../core/routing/routing.types.js';
import { loadRoutingConfig } from './routing-config.loader.js';
import type { RoutingConfigSink } from './routing-config.sink.js';
import { createRoutingStore } from './routing-store.js';
import { refused } from './routing-errors.js';
import { createStepCommitter, type Committed, type DispatchOptions } from './step-committer.js';

export type { Committed, DispatchOptions } from './step-committer.js';

/** Any constant shared by all nodes: only one process drives routing on a database. */
export const ROUTING_LEADER_KEY = 7_242_002;
const RELOAD_RETRY_MS = 5_000;

interface Deps {
  db: Db;
  /** The database's leader lock (see Database.tryLeaderLock); without it the caller guarantees one process. */
  leaderLock?: ((key: number) => Promise<(() => Promise<void>) | null>) | undefined;
  clock: Clock;
  ids: IdGenerator;
}

/**
 * Drives the pure routing engine for the whole center: one writer per database, steps in order.
 * Each step is persisted (engine rows, business records, event log) in a transaction before anyone
 * hears of it (see step-committer.ts), so after a crash the state is the last committed step and
 * nothing is offered twice.
 */
export function createRoutingRuntime(deps: Deps) {
  const store = createRoutingStore(deps.db);
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  let state: RoutingState | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let releaseLeader: (() => Promise<void>) | null = null;
  /** Bumped by every commit / every configuration applied: caches of derived views key on these. */
  let commits = 0;
  let configs = 0;

  // Failures nobody awaits (timer ticks, reloads after commit) go to the listeners (the app's log).
  const report = (err: unknown) => void bus.emit('failure', err);
  const nowMs = () => deps.clock.now().getTime() as Millis;

  function live(): RoutingState {
    if (!state) throw new AppError('unavailable', 'Routing is starting');
    return state;
  }

  const committer = createStepCommitter({
    db: deps.db, store, ids: deps.ids, now: nowMs, current: live,
    onCommitted: (next, c) => {
      state = next;
      commits++;
      if (c.event === 'reconfigure') configs++;
      if (c.actions.length) bus.emit('committed', c);
      schedule();
    },
  });
  const dispatch = (event: RoutingEvent, opts?: DispatchOptions) => committer.dispatch(event, opts);

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    const due = state?.nextDueAt;
    if (stopped || due === null || due === undefined) return;
    timer = setTimeout(() => {
      dispatch({ type: 'tick' }).catch(report);
    }, Math.max(0, due - nowMs()) + 1);
    timer.unref();
  }

  async function dryRun(config: RoutingConfig) {
    const issues = validateRoutingConfig(config);
    if (issues.length) throw new AppError('validation_failed', 'Invalid routing configuration', issues.map((i) => ({ path: i.path, message: i.message })));
    const result = step(live(), { type: 'reconfigure', config }, nowMs());
    if (!result.ok) throw refused(result.error);
  }

  let retry: NodeJS.Timeout | null = null;
  /** Applies the stored configuration; refused (a queue still busy), it is retried until it fits. */
  async function reload() {
    if (retry) clearTimeout(retry);
    retry = null;
    try {
      await dispatch({ type: 'reconfigure', config: await loadRoutingConfig(deps.db) });
    } catch (err) {
      report(err);
      if (!stopped) {
        retry = setTimeout(() => void reload(), RELOAD_RETRY_MS);
        retry.unref();
      }
    }
  }

  const sink: RoutingConfigSink = {
    // Not serialized: it runs inside the admin's transaction, and a queued step may wait for that
    // transaction's connection (PGlite has one). The dry run reads the last committed state only.
    check: async (config) => dryRun(config),
    reload,
  };

  return {
    ...sink,
    /** Loads configuration and the last committed state, then re-matches (expired offers fire now). */
    async start() {
      stopped = false;
      if (deps.leaderLock && !releaseLeader) {
        releaseLeader = await deps.leaderLock(ROUTING_LEADER_KEY);
        if (!releaseLeader) throw new Error('Another Madoguchi process already routes contacts on this database; run one server per database');
      }
      const config = await loadRoutingConfig(deps.db);
      const snapshot = await store.loadSnapshot();
      state = createRoutingState(config, snapshot ? { snapshot } : { now: nowMs() });
      await dispatch({ type: 'rebalance' });
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (timer) clearTimeout(timer);
      timer = null;
      await committer.idle();
      await releaseLeader?.();
      releaseLeader = null;
    },
    dispatch,
    /** The latest committed state (read-only; for desktops and wallboards). */
    current: live,
    isRunning: () => state !== null && !stopped,
    /** Changes whenever anything was committed (agent views may differ). */
    commitVersion: () => commits,
    /** Changes whenever a configuration was applied (admin writes: queues, codes …). */
    configVersion: () => configs,
    snapshot: () => snapshotRoutingState(live()),
    onFailure(listener: (err: unknown) => void) {
      bus.on('failure', listener);
      return () => void bus.off('failure', listener);
    },
    onCommitted(listener: (c: Committed) => void) {
      bus.on('committed', listener);
      return () => void bus.off('committed', listener);
    },
  };
}
export type RoutingRuntime = ReturnType<typeof createRoutingRuntime>;
