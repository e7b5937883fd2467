import { step, type RoutingState, type StepChanges } from '../../../core/routing/routing-engine.js';
import type { Millis, RoutingAction, RoutingEvent } from '../../../core/routing/routing.types.js';
import type { Db } from '../../db/client.js';
import type { IdGenerator } from '../../platform/ids.js';
import { projectionOps, type InteractionPatch, type ProjectionOp } from './contact-projection.js';
import { refused } from './routing-errors.js';
import type { CommitBatch, NewContactRows, RoutingStore, Tx } from './routing-store.js';

export interface Committed {
  readonly event: RoutingEvent['type'];
  readonly actions: readonly RoutingAction[];
  readonly at: Date;
  readonly state: RoutingState;
}

export interface DispatchOptions {
  /** A new contact's rows, inserted (with the batch's others) before the step is projected. */
  readonly newContact?: NewContactRows;
  /** The wrap-up's disposition, notes and case, written with the step that ends the wrap-up. */
  readonly finish?: { readonly interactionId: string; readonly patch: InteractionPatch };
  /** Other writes the event needs in the batch's transaction, after its rows (a callback marked routed): rare, a transaction of its own. */
  readonly alsoInTx?: (tx: Tx) => Promise<void>;
}

interface Pending {
  event: RoutingEvent;
  /** When the event was received: its step happens at this time, however long it queued. */
  at: Millis;
  opts: DispatchOptions;
  resolve: (c: Committed) => void;
  reject: (err: unknown) => void;
}

interface Stepped { item: Pending; state: RoutingState; actions: readonly RoutingAction[]; changed: StepChanges }

/** Events stepped together share one transaction of a fixed number of statements; the cap bounds its size. */
const MAX_BATCH = 256;

/**
 * Group commit for the engine: events that arrive while a transaction is in flight are stepped one
 * after another in memory and persisted together in the next transaction — the same order and the
 * same states as one by one, at a fraction of the commits. Nothing is visible (state, listeners,
 * answers) until its transaction has committed. If a batch fails, its events are retried one by one,
 * so a bad event cannot take its neighbours down.
 */
export function createStepCommitter(deps: {
  db: Db;
  store: RoutingStore;
  ids: IdGenerator;
  now: () => Millis;
  /** The last committed state (throws while routing is not running). */
  current: () => RoutingState;
  /** Called with each committed step, in order, before its caller hears back. */
  onCommitted: (state: RoutingState, c: Committed) => void;
}) {
  const pending: Pending[] = [];
  let draining: Promise<void> | null = null;

  function kick() {
    draining ??= (async () => {
      while (pending.length) await commit(pending.splice(0, MAX_BATCH));
    })().finally(() => {
      draining = null;
      if (pending.length) kick();
    });
  }

  async function commit(batch: Pending[]) {
    let state: RoutingState;
    try {
      state = deps.current();
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    const before = state;
    const stepped: Stepped[] = [];
    for (const item of batch) {
      // An accept sent before its offer expired is judged at the time it was sent, not when its turn came.
      const r = step(state, item.event, item.at);
      if (!r.ok) {
        item.reject(refused(r.error));
        continue;
      }
      stepped.push({ item, state: r.state, actions: r.actions, changed: r.changed });
      state = r.state;
    }
    if (stepped.length === 0) return;
    const final = state;
    const writes = writesOf(before, final, stepped, deps.ids);
    const alsoInTx = stepped.flatMap((s) => (s.item.opts.alsoInTx ? [s.item.opts.alsoInTx] : []));
    try {
      if (alsoInTx.length === 0) {
        await deps.store.commitBatch(deps.db, writes);
      } else {
        await deps.db.transaction(async (tx) => {
          await deps.store.commitBatch(tx, writes);
          for (const write of alsoInTx) await write(tx);
        });
      }
    } catch (err) {
      if (stepped.length === 1) return stepped[0]!.item.reject(err);
      for (const s of stepped) await commit([s.item]);
      return;
    }
    for (const s of stepped) {
      const c: Committed = { event: s.item.event.type, actions: s.actions, at: new Date(s.state.now), state: s.state };
      deps.onCommitted(final, c);
      s.item.resolve(c);
    }
  }

  return {
    dispatch(event: RoutingEvent, opts: DispatchOptions = {}): Promise<Committed> {
      return new Promise((resolve, reject) => {
        pending.push({ event, at: deps.now(), opts, resolve, reject });
        kick();
      });
    },
    /** Resolves when everything dispatched so far has been committed or refused. */
    async idle() {
      while (draining) await draining;
    },
  };
}

/** What a batch of steps writes: new contacts, projection operations in step order, changed records, the log. */
function writesOf(before: RoutingState, final: RoutingState, stepped: readonly Stepped[], ids: IdGenerator): CommitBatch {
  const ops: ProjectionOp[] = [];
  const tenants = new Map<string, string>();
  for (const s of stepped) {
    const at = new Date(s.state.now);
    const finish = s.item.opts.finish;
    if (finish) ops.push({ op: 'interaction_finished', at: at.toISOString(), interactionId: finish.interactionId, ...finish.patch });
    ops.push(...projectionOps(s.actions, at, ids));
    for (const a of s.actions) {
      if (!('contactId' in a)) continue;
      // An ended contact is gone from the final state: its tenant is in an earlier one.
      const c = final.contacts.get(a.contactId) ?? s.state.contacts.get(a.contactId) ?? before.contacts.get(a.contactId);
      if (c) tenants.set(a.contactId, c.tenantId);
    }
  }
  return {
    state: final, changed: unionOf(stepped.map((s) => s.changed)), actions: stepped.flatMap((s) => s.actions),
    newContacts: stepped.flatMap((s) => (s.item.opts.newContact ? [s.item.opts.newContact] : [])), ops,
    tenantOf: (id) => tenants.get(id) ?? null,
  };
}

function unionOf(changes: readonly StepChanges[]): StepChanges {
  if (changes.length === 1) return changes[0]!;
  const agents = new Set<StepChanges['agents'][number]>();
  const contacts = new Set<StepChanges['contacts'][number]>();
  for (const c of changes) {
    for (const a of c.agents) agents.add(a);
    for (const x of c.contacts) contacts.add(x);
  }
  return { agents: [...agents], contacts: [...contacts] };
}
