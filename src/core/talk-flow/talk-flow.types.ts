/**
 * Guided talk flows (トークスクリプト): a decision tree an agent follows on a contact.
 * Pure data; the validator, runner and statistics beside this file work on it.
 */

/** Limits shared by the HTTP schemas and the editor. */
export const TALK_FLOW_LIMITS = {
  nodes: 500,
  choicesPerQuestion: 12,
  textLength: 2000,
  labelLength: 200,
  articlesPerInfo: 10,
  /** Node and choice ids: short, URL- and React-Flow-friendly. */
  idPattern: /^[A-Za-z0-9_-]{1,64}$/,
} as const;

export type NodeId = string;
export type ChoiceId = string;

/** Where the editor drew the node (React Flow); ignored by everything else. */
export interface Position {
  x: number;
  y: number;
}

export type TalkFlowOutcome =
  | { kind: 'disposition'; code: string }
  | { kind: 'create_case'; category?: string | undefined; priority?: 'low' | 'normal' | 'high' | 'urgent' | undefined }
  | { kind: 'schedule_callback' }
  | { kind: 'escalate'; queueId?: string | undefined };
export type OutcomeKind = TalkFlowOutcome['kind'];
export const OUTCOME_KINDS: readonly OutcomeKind[] = ['disposition', 'create_case', 'schedule_callback', 'escalate'];

export interface Choice {
  id: ChoiceId;
  label: string;
  next: NodeId;
}

export interface QuestionNode {
  type: 'question';
  id: NodeId;
  text: string;
  choices: Choice[];
  position?: Position | undefined;
}

export interface InfoNode {
  type: 'info';
  id: NodeId;
  text: string;
  /** Knowledge articles of the same tenant to open at this step. */
  articleIds?: string[] | undefined;
  next: NodeId;
  position?: Position | undefined;
}

export interface EndNode {
  type: 'end';
  id: NodeId;
  text: string;
  outcome: TalkFlowOutcome;
  position?: Position | undefined;
}

export type TalkFlowNode = QuestionNode | InfoNode | EndNode;

export interface TalkFlowGraph {
  start: NodeId;
  nodes: TalkFlowNode[];
}

export type ProblemCode =
  | 'missing_start'
  | 'duplicate_node_id'
  | 'dangling_next'
  | 'unreachable_node'
  | 'cycle'
  | 'no_choices'
  | 'duplicate_choice_id'
  | 'duplicate_choice_label'
  | 'dead_end';

/** One thing wrong with a graph, worded in both languages for the editor. */
export interface TalkFlowProblem {
  code: ProblemCode | (string & {});
  /** The node to highlight (null: the graph as a whole). */
  nodeId: NodeId | null;
  choiceId?: ChoiceId | undefined;
  /** For cycles: the nodes around the loop, in order. */
  nodeIds?: NodeId[] | undefined;
  message: { ja: string; en: string };
}

/** One step of a run: the node shown and, once answered, the choice taken there. */
export interface PathStep {
  nodeId: NodeId;
  choiceId?: ChoiceId | undefined;
}

/** Where a run stands: the path so far; its last step is the node on screen. */
export interface RunCursor {
  path: PathStep[];
  /** The node on screen. */
  nodeId: NodeId;
  /** The node on screen is an end node. */
  done: boolean;
}

export type RunErrorCode = 'invalid_graph' | 'unknown_node' | 'not_a_question' | 'not_an_info' | 'unknown_choice' | 'finished' | 'at_start';
export type RunResult = { ok: true; cursor: RunCursor } | { ok: false; error: RunErrorCode; message: string };

/** A node by id (the first one when ids repeat; a validated graph has none). */
export function nodeIndex(graph: TalkFlowGraph): Map<NodeId, TalkFlowNode> {
  const byId = new Map<NodeId, TalkFlowNode>();
  for (const n of graph.nodes) if (!byId.has(n.id)) byId.set(n.id, n);
  return byId;
}

/** The nodes a node leads to, with the choice that leads there (questions) or none (info). */
export function edgesOf(node: TalkFlowNode): { next: NodeId; choiceId?: ChoiceId }[] {
  if (node.type === 'question') return node.choices.map((c) => ({ next: c.next, choiceId: c.id }));
  if (node.type === 'info') return [{ next: node.next }];
  return [];
}
