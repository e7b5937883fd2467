import { nodeIndex, type NodeId, type OutcomeKind, type PathStep, type TalkFlowGraph } from './talk-flow.types.js';

export type RunStatus = 'in_progress' | 'completed' | 'abandoned';

/** What statistics need of one run of one version of a flow. */
export interface RunRecord {
  path: readonly PathStep[];
  status: RunStatus;
  /** Set when completed. */
  endNodeId?: NodeId | null | undefined;
  outcome?: OutcomeKind | null | undefined;
}

export interface NodeStats {
  nodeId: NodeId;
  type: 'question' | 'info' | 'end';
  /** Runs that showed this node. */
  visits: number;
  /** Runs abandoned while this node was on screen. */
  dropOffs: number;
  /** Runs still open on this node. */
  inProgress: number;
}

export interface ChoiceStats {
  nodeId: NodeId;
  choiceId: string;
  label: string;
  /** Runs that took this answer. */
  runs: number;
  /** Of those, runs that reached an end node. */
  completed: number;
  /** Of those, runs that ended in escalation. */
  escalated: number;
  /** escalated / completed: of the calls that went this way and ended, the share escalated (null: none ended yet). */
  escalationShare: number | null;
}

export interface OutcomeStats {
  nodeId: NodeId;
  kind: OutcomeKind;
  count: number;
}

export interface TalkFlowStats {
  runs: { total: number; completed: number; abandoned: number; inProgress: number };
  nodes: NodeStats[];
  choices: ChoiceStats[];
  outcomes: OutcomeStats[];
}

/**
 * Where calls go through one version of a flow: visits and drop-offs per node, answers per choice,
 * outcomes per end node and, per answer, how often the calls that took it ended in escalation —
 * the supervisor's view of which branches do not resolve. Steps naming nodes or choices the graph
 * does not have (a run of another version) are ignored.
 */
export function computeTalkFlowStats(graph: TalkFlowGraph, runs: Iterable<RunRecord>): TalkFlowStats {
  const byId = nodeIndex(graph);
  const nodes = new Map<NodeId, NodeStats>();
  for (const n of byId.values()) nodes.set(n.id, { nodeId: n.id, type: n.type, visits: 0, dropOffs: 0, inProgress: 0 });
  const choices = new Map<string, ChoiceStats>();
  const choiceKey = (nodeId: string, choiceId: string) => `${nodeId}\u0000${choiceId}`;
  for (const n of byId.values()) {
    if (n.type !== 'question') continue;
    for (const c of n.choices) {
      choices.set(choiceKey(n.id, c.id), { nodeId: n.id, choiceId: c.id, label: c.label, runs: 0, completed: 0, escalated: 0, escalationShare: null });
    }
  }
  const outcomes = new Map<NodeId, OutcomeStats>();
  for (const n of byId.values()) if (n.type === 'end') outcomes.set(n.id, { nodeId: n.id, kind: n.outcome.kind, count: 0 });

  const totals = { total: 0, completed: 0, abandoned: 0, inProgress: 0 };
  for (const run of runs) {
    totals.total++;
    if (run.status === 'completed') totals.completed++;
    else if (run.status === 'abandoned') totals.abandoned++;
    else totals.inProgress++;
    // A back-and-forth run keeps only its final path, so each node counts once per run.
    const seen = new Set<string>();
    for (const step of run.path) {
      const n = nodes.get(step.nodeId);
      if (n && !seen.has(step.nodeId)) {
        seen.add(step.nodeId);
        n.visits++;
      }
      const c = step.choiceId === undefined ? undefined : choices.get(choiceKey(step.nodeId, step.choiceId));
      if (!c) continue;
      c.runs++;
      if (run.status === 'completed') c.completed++;
      if (run.status === 'completed' && run.outcome === 'escalate') c.escalated++;
    }
    const last = run.path[run.path.length - 1];
    const at = last && nodes.get(last.nodeId);
    if (at && run.status === 'abandoned') at.dropOffs++;
    if (at && run.status === 'in_progress') at.inProgress++;
    const end = run.status === 'completed' && run.endNodeId ? outcomes.get(run.endNodeId) : undefined;
    if (end) end.count++;
  }
  for (const c of choices.values()) c.escalationShare = c.completed ? c.escalated / c.completed : null;
  return { runs: totals, nodes: [...nodes.values()], choices: [...choices.values()], outcomes: [...outcomes.values()] };
}
