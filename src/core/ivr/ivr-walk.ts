import { startIvrCall, stepIvrCall } from './ivr-interpreter.js';
import type { IvrAction, IvrCallState, IvrEvent, IvrFlow, IvrNodeId, IvrOutcome } from './ivr.types.js';

/** One answer of a test walk: the event, what the caller hears and the system does, where it stopped. */
export interface IvrWalkStep {
  event: string | null;
  actions: IvrAction[];
  status: IvrCallState['status'];
  /** The node the call waits at (the last one it waited at, once ended). */
  nodeId: IvrNodeId;
  /** The last node the step went through: the waiting node, or the node the call ended at. */
  lastNodeId: IvrNodeId;
}

export type IvrWalk =
  | { ok: true; steps: IvrWalkStep[]; outcome: IvrOutcome | null; unused: number; error: string | null }
  | { ok: false; message: string };

/**
 * A call walked with given events, as the editor's test panel shows it: business hours open or
 * closed, lookups answered by the events. Stops at the end of the call or at the first event the
 * call cannot take (`error`); `unused` counts the events not applied.
 */
export function walkIvrFlow(flow: IvrFlow, call: { from: string; open: boolean }, events: readonly IvrEvent[]): IvrWalk {
  const env = { isOpen: () => call.open };
  const started = startIvrCall(flow, { from: call.from, to: '' }, env);
  if (!started.ok) return { ok: false, message: started.message };
  const snapshot = (s: IvrCallState) => ({ status: s.status, nodeId: s.nodeId, lastNodeId: s.path.at(-1) ?? s.nodeId });
  const steps: IvrWalkStep[] = [{ event: null, actions: started.actions, ...snapshot(started.state) }];
  let state = started.state;
  let used = 0;
  let error: string | null = null;
  for (const event of events) {
    if (state.status === 'ended') break;
    const r = stepIvrCall(flow, state, event, env);
    if (!r.ok) {
      error = r.message;
      break;
    }
    used++;
    state = r.state;
    steps.push({ event: event.type === 'digits' ? `digits ${event.digits}` : event.type, actions: r.actions, ...snapshot(state) });
  }
  return { ok: true, steps, outcome: state.outcome, unused: events.length - used, error };
}
