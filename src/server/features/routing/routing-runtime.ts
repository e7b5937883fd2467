import { EventEmitter } from 'node:events';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import { AppError } from '../../platform/app-error.js';
import { createRoutingState, snapshotRoutingState, step, type RoutingState } from '../../../core/routing/routing-engine.js';
import { validateRoutingConfig } from '../../../core/routing/routing-config.js';
import type { Millis, RoutingAction, RoutingConfig, RoutingEvent } from '../../../core/routing/routing.types.js';
import { loadRoutingConfig } from './routing-config.loader.js';
import type { RoutingConfigSink } from './routing-config.sink.js';
import { createRoutingStore, type Tx } from './routing-store.js';
import { projectActions } from './contact-projection.js';
import { refused } from './routing-errors.js';

export interface Committed {
  readonly actions: readonly RoutingAction[];
  readonly at: Date;
  readonly state: RoutingState;
}

export interface DispatchOptions {
  /** Rows the event needs (the contact and its interaction), written in the step's transaction. */
  readonly prepare?: (tx: Tx) => Promise<void>;
}

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
 * Drives the pure routing engine for the whole center: one writer, steps serialized in this process.
 * Each step is persisted (engine rows, business records, event log) in one transaction before anyone
 * hears of it, so after a crash the state is the last committed step and nothing is offered twice.
 */
export function createRoutingRuntime(deps: Deps) {
  const store = createRoutingStore(deps.db);
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  let state: RoutingState | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let releaseLeader: (() => Promise<void>) | null = null;

  // Failures nobody awaits (timer ticks, reloads after commit) go to the listeners (the app's log).
  const report = (err: unknown) => void bus.emit('failure', err);
  const nowMs = () => deps.clock.now().getTime() as Millis;

  /** Runs `fn` after every earlier call has finished: the engine's steps never interleave. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  function live(): RoutingState {
    if (!state) throw new AppError('unavailable', 'Routing is starting');
    return state;
  }

  async function apply(event: RoutingEvent, opts: DispatchOptions = {}): Promise<Committed> {
    const before = live();
    const now = nowMs();
    const result = step(before, event, now);
    if (!result.ok) throw refused(result.error);
    const at = new Date(result.state.now);
    const tenantOf = (id: string) => (result.state.contacts.get(id as never) ?? before.contacts.get(id as never))?.tenantId ?? null;
    await deps.db.transaction(async (tx) => {
      if (opts.prepare) await opts.prepare(tx);
      await projectActions(tx, result.actions, at, deps.ids);
      await store.persistStep(tx, result.state, result.changed, result.actions, tenantOf);
    });
    state = result.state;
    const committed: Committed = { actions: result.actions, at, state: result.state };
    if (result.actions.length) bus.emit('committed', committed);
    schedule();
    return committed;
  }

  function schedule() {
    if (timer) clearTimeout(timer);
    timer = null;
    const due = state?.nextDueAt;
    if (stopped || due === null || due === undefined) return;
    timer = setTimeout(() => {
      void serial(() => apply({ type: 'tick' })).catch((err: unknown) => report(err));
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
      await serial(async () => void (await apply({ type: 'reconfigure', config: await loadRoutingConfig(deps.db) })));
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
    start: () => serial(async () => {
      stopped = false;
      if (deps.leaderLock && !releaseLeader) {
        releaseLeader = await deps.leaderLock(ROUTING_LEADER_KEY);
        if (!releaseLeader) throw new Error('Another Madoguchi process already routes contacts on this database; run one server per database');
      }
      const config = await loadRoutingConfig(deps.db);
      const snapshot = await store.loadSnapshot();
      state = createRoutingState(config, snapshot ? { snapshot } : { now: nowMs() });
      await apply({ type: 'rebalance' });
    }),
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      if (timer) clearTimeout(timer);
      timer = null;
      await serial(async () => undefined);
      await releaseLeader?.();
      releaseLeader = null;
    },
    dispatch: (event: RoutingEvent, opts?: DispatchOptions) => serial(() => apply(event, opts)),
    /** The latest committed state (read-only; for desktops and wallboards). */
    current: live,
    isRunning: () => state !== null && !stopped,
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
