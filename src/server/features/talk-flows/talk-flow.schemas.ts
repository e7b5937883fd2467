import { z } from 'zod';
import { CASE_PRIORITIES } from '../../../core/cases/case-status.js';
import { TALK_FLOW_LIMITS as L } from '../../../core/talk-flow/talk-flow.types.js';
import { isoDateTime, pageFields } from '../../platform/http.schemas.js';

// The graph as the editor sends it (React Flow keeps each node's position). Structure and limits
// are checked here (400); the flow's logic — cycles, dangling links, unreachable nodes — by the
// core validator, whose problems are returned with the saved draft (see docs/talk-flows.md).

const elementId = z.string().regex(L.idPattern, 'ids are 1–64 letters, digits, "_" or "-"');
const text = z.string().trim().min(1, 'text is required').max(L.textLength, `text is longer than ${L.textLength} characters`);
const position = z.object({ x: z.number().min(-1e6).max(1e6), y: z.number().min(-1e6).max(1e6) });

const outcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('disposition'), code: z.string().trim().min(1, 'a disposition code is required').max(100) }),
  z.object({ kind: z.literal('create_case'), category: z.string().trim().min(1).max(100).optional(), priority: z.enum(CASE_PRIORITIES).optional() }),
  z.object({ kind: z.literal('schedule_callback') }),
  z.object({ kind: z.literal('escalate'), queueId: z.uuid({ message: 'must be a UUID' }).optional() }),
]);

const choice = z.object({ id: elementId, label: z.string().trim().min(1, 'label is required').max(L.labelLength), next: elementId });

export const talkFlowNode = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('question'), id: elementId, text,
    choices: z.array(choice).max(L.choicesPerQuestion, `at most ${L.choicesPerQuestion} choices`),
    position: position.optional(),
  }),
  z.object({
    type: z.literal('info'), id: elementId, text, next: elementId,
    articleIds: z.array(z.uuid({ message: 'must be a UUID' })).max(L.articlesPerInfo, `at most ${L.articlesPerInfo} articles`).optional(),
    position: position.optional(),
  }),
  z.object({ type: z.literal('end'), id: elementId, text, outcome, position: position.optional() }),
]);

export const talkFlowGraph = z.object({
  start: elementId,
  nodes: z.array(talkFlowNode).max(L.nodes, `at most ${L.nodes} nodes`),
});

const name = z.string().trim().min(1, 'name is required').max(100);
const description = z.string().trim().max(2000);

export const createFlowBody = z.object({ name, description: description.default(''), graph: talkFlowGraph });
export const updateFlowBody = z.object({
  graph: talkFlowGraph,
  /** The version the editor started from: saving over someone else's newer version is a 409. */
  baseVersion: z.number().int().min(1),
  name: name.optional(),
  description: description.optional(),
});
export const publishBody = z.object({ version: z.number().int().min(1) });
export const flowListQuery = z.object({ status: z.enum(['draft', 'published', 'archived']).optional(), ...pageFields });
export const versionParams = z.object({ id: z.uuid({ message: 'must be a UUID' }), version: z.coerce.number().int().min(1).max(1_000_000) });
export const statsQuery = z.object({
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
}).refine((q) => !q.from || !q.to || q.from < q.to, { message: 'from must be before to', path: ['from'] });

export const startRunBody = z.object({
  interactionId: z.uuid({ message: 'must be a UUID' }).optional(),
  customerId: z.uuid({ message: 'must be a UUID' }).optional(),
});
/** `{ choiceId }` answers the question on screen, `{}` goes on from information, `{ back: true }` undoes a step. */
export const stepBody = z.object({ choiceId: elementId.optional(), back: z.literal(true).optional() })
  .refine((b) => !(b.choiceId && b.back), { message: 'send either choiceId or back, not both', path: ['back'] });
export type StepInput = z.output<typeof stepBody>;

export const problemDto = z.object({
  code: z.string(),
  nodeId: z.string().nullable(),
  choiceId: z.string().optional(),
  nodeIds: z.array(z.string()).optional(),
  message: z.object({ ja: z.string(), en: z.string() }),
});

export const flowSummaryDto = z.object({
  id: z.uuid(), name: z.string(), description: z.string(), status: z.enum(['draft', 'published', 'archived']),
  publishedVersion: z.number().int().nullable(), latestVersion: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
});
export const versionDto = z.object({
  version: z.number().int(), graph: talkFlowGraph, problems: z.array(problemDto),
  /** No problems: this version may be published. */
  publishable: z.boolean(),
  createdBy: z.uuid().nullable(), createdAt: z.string(),
});
export const flowDto = flowSummaryDto.extend({
  /** The newest version (editors only; null for readers). */
  latest: versionDto.nullable(),
  /** The version agents run (null until published). */
  published: versionDto.nullable(),
});
export type FlowDto = z.infer<typeof flowDto>;
export const versionListDto = z.array(z.object({
  version: z.number().int(), published: z.boolean(), problemCount: z.number().int(), createdBy: z.uuid().nullable(), createdAt: z.string(),
}));

export const runDto = z.object({
  id: z.uuid(), flowId: z.uuid(), flowName: z.string(), version: z.number().int(),
  interactionId: z.uuid().nullable(), customerId: z.uuid().nullable(), agentUserId: z.uuid().nullable(),
  status: z.enum(['in_progress', 'completed', 'abandoned']),
  path: z.array(z.object({ nodeId: z.string(), choiceId: z.string().optional(), at: z.string() })),
  /** The node on screen (the end node once completed). */
  node: talkFlowNode,
  /** Titles of the articles an information node links (those the agent may read). */
  articles: z.array(z.object({ id: z.uuid(), title: z.string() })),
  canGoBack: z.boolean(),
  endNodeId: z.string().nullable(),
  outcome: outcome.nullable(),
  /** The case created by a create_case end. */
  caseId: z.uuid().nullable(),
  startedAt: z.string(), finishedAt: z.string().nullable(),
});
export type RunDto = z.infer<typeof runDto>;

export const statsDto = z.object({
  flowId: z.uuid(), version: z.number().int(), from: z.string().nullable(), to: z.string().nullable(),
  runs: z.object({ total: z.number().int(), completed: z.number().int(), abandoned: z.number().int(), inProgress: z.number().int() }),
  nodes: z.array(z.object({ nodeId: z.string(), type: z.enum(['question', 'info', 'end']), visits: z.number().int(), dropOffs: z.number().int(), inProgress: z.number().int() })),
  choices: z.array(z.object({
    nodeId: z.string(), choiceId: z.string(), label: z.string(), runs: z.number().int(), completed: z.number().int(), escalated: z.number().int(), escalationShare: z.number().nullable(),
  })),
  outcomes: z.array(z.object({ nodeId: z.string(), kind: z.enum(['disposition', 'create_case', 'schedule_callback', 'escalate']), count: z.number().int() })),
});
