import { back, choose, cursorFromPath, next, startRun } from '../../../core/talk-flow/talk-flow-runner.js';
import { computeTalkFlowStats, type RunStatus } from '../../../core/talk-flow/talk-flow-stats.js';
import { summarizeTalkPath } from '../../../core/talk-flow/talk-flow-summary.js';
import { validateTalkFlow } from '../../../core/talk-flow/talk-flow-validator.js';
import { nodeIndex, type EndNode, type OutcomeKind, type PathStep, type RunResult, type TalkFlowGraph, type TalkFlowProblem } from '../../../core/talk-flow/talk-flow.types.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, notFound, type FieldError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import { isoOrNull } from '../../platform/dto.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { CaseService } from '../cases/case.service.js';
import type { InteractionService } from '../interactions/interaction.service.js';
import type { FlowRow, RunRow, TalkFlowRepository, VersionRow } from './talk-flow.repository.js';
import type { FlowDto, RunDto, StepInput } from './talk-flow.schemas.js';

type Assert = (ctx: TenantContext, id: string) => Promise<void>;

/** The tenant's articles among `ids` (unknown and other tenants' ids are simply absent). */
export type ArticleLookup = (ctx: TenantContext, ids: readonly string[]) => Promise<Map<string, { title: string; published: boolean }>>;

interface Deps {
  repo: TalkFlowRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
  interactions: InteractionService;
  cases: CaseService;
  assertCustomer: Assert;
  articles: ArticleLookup;
  /** Escalation targets must be queues of the same tenant. */
  assertQueue: Assert;
}

/** A step as stored: when the node came on screen, and the case created at a create_case end. */
interface StoredStep extends PathStep {
  at: string;
  caseId?: string | undefined;
}

const isNotFound = (err: unknown) => err instanceof AppError && err.code === 'not_found';
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Problems of references the core cannot see: articles and queues must be the tenant's own. */
async function referenceProblems(deps: Deps, ctx: TenantContext, graph: TalkFlowGraph): Promise<(TalkFlowProblem & { path: string })[]> {
  const articleIds = [...new Set(graph.nodes.flatMap((n) => (n.type === 'info' ? n.articleIds ?? [] : [])))];
  const known = articleIds.length ? await deps.articles(ctx, articleIds) : new Map();
  const queueIds = [...new Set(graph.nodes.flatMap((n) => (n.type === 'end' && n.outcome.kind === 'escalate' && n.outcome.queueId ? [n.outcome.queueId] : [])))];
  const missingQueues = new Set<string>();
  for (const id of queueIds) {
    try {
      await deps.assertQueue(ctx, id);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      missingQueues.add(id);
    }
  }
  const out: (TalkFlowProblem & { path: string })[] = [];
  graph.nodes.forEach((n, i) => {
    if (n.type === 'info') {
      const missing = (n.articleIds ?? []).filter((id) => !known.has(id));
      if (missing.length) {
        out.push({
          code: 'unknown_article', nodeId: n.id, path: `graph.nodes.${i}.articleIds`,
          message: { ja: `ノード「${n.id}」のナレッジ記事が見つかりません: ${missing.join(', ')}`, en: `Node "${n.id}" links articles that do not exist: ${missing.join(', ')}` },
        });
      }
    }
    if (n.type === 'end' && n.outcome.kind === 'escalate' && n.outcome.queueId && missingQueues.has(n.outcome.queueId)) {
      out.push({
        code: 'unknown_queue', nodeId: n.id, path: `graph.nodes.${i}.outcome.queueId`,
        message: { ja: `ノード「${n.id}」のエスカレーション先キューが見つかりません: ${n.outcome.queueId}`, en: `Node "${n.id}" escalates to a queue that does not exist: ${n.outcome.queueId}` },
      });
    }
  });
  return out;
}

function runError(r: Extract<RunResult, { ok: false }>): AppError {
  if (r.error === 'unknown_choice') return new AppError('unprocessable', r.message, [{ path: 'choiceId', message: r.message }], r.error);
  return new AppError('invalid_transition', r.message, [], r.error);
}

/** The core's path from the stored one (times and case ids are the server's). */
const corePath = (path: readonly StoredStep[]): PathStep[] => path.map((s) => (s.choiceId === undefined ? { nodeId: s.nodeId } : { nodeId: s.nodeId, choiceId: s.choiceId }));

/** Times the steps: a step kept from before keeps its time (when that node came on screen). */
function stamp(before: readonly StoredStep[], after: readonly PathStep[], at: string): StoredStep[] {
  return after.map((s, i) => {
    const old = before[i];
    const when = old && old.nodeId === s.nodeId ? old.at : at;
    return s.choiceId === undefined ? { nodeId: s.nodeId, at: when } : { nodeId: s.nodeId, choiceId: s.choiceId, at: when };
  });
}

function toSummary(f: FlowRow) {
  return {
    id: f.id, name: f.name, description: f.description, status: f.status as FlowDto['status'], publishedVersion: f.publishedVersion,
    latestVersion: f.latestVersion, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
  };
}

/** Guided talk flows: versions edited as drafts, published for agents, run on contacts, counted (issue 5). */
export function createTalkFlowService(deps: Deps) {
  const { repo } = deps;

  async function flowOf(ctx: TenantContext, id: string) {
    const f = await repo.findFlow(ctx.tenantId, id);
    if (!f) throw notFound('Talk flow');
    return f;
  }
  async function versionOf(ctx: TenantContext, flowId: string, version: number) {
    const v = await repo.findVersion(ctx.tenantId, flowId, version);
    if (!v) throw notFound(`Version ${version}`);
    return v;
  }
  async function problemsOf(ctx: TenantContext, graph: TalkFlowGraph): Promise<TalkFlowProblem[]> {
    return [...validateTalkFlow(graph), ...(await referenceProblems(deps, ctx, graph)).map(({ path: _path, ...p }) => p)];
  }
  async function toVersionDto(ctx: TenantContext, v: VersionRow) {
    const graph = v.graph as TalkFlowGraph;
    const problems = await problemsOf(ctx, graph);
    return { version: v.version, graph, problems, publishable: problems.length === 0, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() };
  }
  async function toFlowDto(ctx: TenantContext, f: FlowRow, editor: boolean): Promise<FlowDto> {
    const latest = editor ? await toVersionDto(ctx, await versionOf(ctx, f.id, f.latestVersion)) : null;
    const published = f.publishedVersion === null ? null
      : latest && latest.version === f.publishedVersion ? latest
        : await toVersionDto(ctx, await versionOf(ctx, f.id, f.publishedVersion));
    return { ...toSummary(f), latest, published };
  }
  /** Unknown articles or queues refuse the save: a flow never points into another tenant. */
  async function assertReferences(ctx: TenantContext, graph: TalkFlowGraph) {
    const problems = await referenceProblems(deps, ctx, graph);
    if (problems.length) {
      throw new AppError('unprocessable', problems.map((p) => p.message.en).join('; '), problems.map((p): FieldError => ({ path: p.path, message: p.message.en })), 'unknown_reference');
    }
  }
  const assertEditable = (f: FlowRow) => {
    if (f.status === 'archived') throw new AppError('invalid_transition', `Talk flow "${f.name}" is archived`, [], 'archived');
  };

  // ---------------------------------------------------------------------------------------- runs

  async function graphOfRun(ctx: TenantContext, run: RunRow) {
    return (await versionOf(ctx, run.flowId, run.version)).graph as TalkFlowGraph;
  }
  async function toRunDto(ctx: TenantContext, run: RunRow, flowName: string, graph: TalkFlowGraph): Promise<RunDto> {
    const path = run.path as StoredStep[];
    const last = path[path.length - 1];
    const byId = nodeIndex(graph);
    const node = (last && byId.get(last.nodeId)) ?? byId.get(graph.start)!;
    const end = run.endNodeId ? byId.get(run.endNodeId) : undefined;
    const linked = node.type === 'info' ? node.articleIds ?? [] : [];
    const found = linked.length ? await deps.articles(ctx, linked) : new Map<string, { title: string; published: boolean }>();
    return {
      id: run.id, flowId: run.flowId, flowName, version: run.version, interactionId: run.interactionId, customerId: run.customerId,
      agentUserId: run.agentUserId, status: run.status as RunDto['status'],
      path: path.map((s) => ({ nodeId: s.nodeId, ...(s.choiceId === undefined ? {} : { choiceId: s.choiceId }), at: s.at })),
      node,
      // Agents read published articles only; a link to an article unpublished since is left out.
      articles: linked.flatMap((id) => { const a = found.get(id); return a?.published ? [{ id, title: a.title }] : []; }),
      canGoBack: run.status === 'in_progress' && path.length > 1,
      endNodeId: run.endNodeId,
      outcome: end?.type === 'end' ? end.outcome : null,
      caseId: path.find((s) => s.caseId)?.caseId ?? null,
      startedAt: run.startedAt.toISOString(), finishedAt: isoOrNull(run.finishedAt),
    };
  }
  async function runOf(ctx: TenantContext, id: string) {
    const run = await repo.findRun(ctx.tenantId, id);
    if (!run) throw notFound('Talk flow run');
    return run;
  }
  async function reload(ctx: TenantContext, id: string, flowName: string, graph: TalkFlowGraph) {
    return toRunDto(ctx, await runOf(ctx, id), flowName, graph);
  }

  /**
   * The run reached an end node: record the outcome (claiming the run first, so a double click
   * cannot create two cases), create the case of a create_case end, and write the path on the
   * interaction's notes. schedule_callback and escalate are recorded as outcomes: the agent
   * desktop acts on them (it holds the live contact), the server does not.
   */
  async function complete(ctx: TenantContext, run: RunRow, flowName: string, graph: TalkFlowGraph, path: StoredStep[]) {
    const last = path[path.length - 1]!;
    const end = nodeIndex(graph).get(last.nodeId) as EndNode;
    const claimed = await repo.advanceRun(ctx.tenantId, run.id, run.path, {
      path, status: 'completed', endNodeId: end.id, outcome: end.outcome.kind, finishedAt: deps.clock.now(),
    });
    if (!claimed) throw new AppError('conflict', 'The run was moved on meanwhile (another tab or a double click): reload it', [], 'run_moved');
    let caseNumber: string | null = null;
    if (end.outcome.kind === 'create_case') {
      const summary = summarizeTalkPath(flowName, graph, corePath(path));
      const c = await deps.cases.createCase(ctx, {
        title: clip(`${flowName}: ${end.text.replace(/\s+/g, ' ')}`, 300), description: summary, customerId: run.customerId,
        priority: end.outcome.priority ?? 'normal', category: end.outcome.category ?? null, ...(run.interactionId ? { interactionId: run.interactionId } : {}),
      });
      caseNumber = c.displayNumber;
      last.caseId = c.id;
      await repo.setRunPath(ctx.tenantId, run.id, path);
    }
    if (run.interactionId) {
      const line = `${summarizeTalkPath(flowName, graph, corePath(path))}${caseNumber ? `（案件 ${caseNumber}）` : ''}`;
      const i = await deps.interactions.getInteraction(ctx, run.interactionId);
      await deps.interactions.updateInteraction(ctx, run.interactionId, {
        notes: i.notes ? `${i.notes}\n${line}` : line,
        // A disposition end fills the interaction's disposition unless the agent already chose one.
        ...(end.outcome.kind === 'disposition' && !i.disposition ? { disposition: end.outcome.code } : {}),
      });
    }
    await deps.audit.record(ctx, {
      action: 'talk_flow.run.complete', entity: 'talk_flow_run', entityId: run.id,
      changes: { flowId: run.flowId, version: run.version, endNodeId: end.id, outcome: end.outcome.kind, steps: path.length, caseId: last.caseId ?? null },
    });
  }

  return {
    async listFlows(ctx: TenantContext, q: { status?: 'draft' | 'published' | 'archived' | undefined; page: number; pageSize: number }, opts: { editor: boolean }) {
      const { items, total } = await repo.pageFlows(ctx.tenantId, { status: q.status, runnableOnly: !opts.editor }, q.pageSize, (q.page - 1) * q.pageSize);
      return { items: items.map(toSummary), page: q.page, pageSize: q.pageSize, total };
    },

    /** Saved even when the flow has problems (a draft in progress); they come back with it. */
    async createFlow(ctx: TenantContext, input: { name: string; description: string; graph: TalkFlowGraph }) {
      await assertReferences(ctx, input.graph);
      const now = deps.clock.now();
      const id = deps.ids();
      try {
        await repo.insertFlow(
          { id, tenantId: ctx.tenantId, name: input.name, description: input.description, status: 'draft', publishedVersion: null, latestVersion: 1, createdAt: now, updatedAt: now },
          { id: deps.ids(), tenantId: ctx.tenantId, flowId: id, version: 1, graph: input.graph, createdBy: ctx.actorUserId, createdAt: now },
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError('duplicate', `A talk flow named "${input.name}" already exists`);
        throw err;
      }
      await deps.audit.record(ctx, { action: 'talk_flow.create', entity: 'talk_flow', entityId: id, changes: { name: input.name, nodes: input.graph.nodes.length } });
      return toFlowDto(ctx, await flowOf(ctx, id), true);
    },

    /** Readers (agents) see runnable flows and their published version only. */
    async getFlow(ctx: TenantContext, id: string, opts: { editor: boolean }) {
      const f = await flowOf(ctx, id);
      if (!opts.editor && (f.publishedVersion === null || f.status === 'archived')) throw notFound('Talk flow');
      return toFlowDto(ctx, f, opts.editor);
    },

    async getVersion(ctx: TenantContext, id: string, version: number) {
      await flowOf(ctx, id);
      return toVersionDto(ctx, await versionOf(ctx, id, version));
    },

    async listVersions(ctx: TenantContext, id: string) {
      const f = await flowOf(ctx, id);
      return (await repo.listVersions(ctx.tenantId, id)).map((v) => ({
        version: v.version, published: v.version === f.publishedVersion, problemCount: validateTalkFlow(v.graph as TalkFlowGraph).length,
        createdBy: v.createdBy, createdAt: v.createdAt.toISOString(),
      }));
    },

    /** A new version on top of `baseVersion`; 409 when someone saved a newer one meanwhile. */
    async updateFlow(ctx: TenantContext, id: string, input: { graph: TalkFlowGraph; baseVersion: number; name?: string | undefined; description?: string | undefined }) {
      const f = await flowOf(ctx, id);
      assertEditable(f);
      const conflict = () => new AppError('conflict', `Version ${f.latestVersion} was saved after version ${input.baseVersion}: reload, merge and save again`, [], 'version_conflict');
      if (input.baseVersion !== f.latestVersion) throw conflict();
      await assertReferences(ctx, input.graph);
      const now = deps.clock.now();
      const version = input.baseVersion + 1;
      let saved: boolean;
      try {
        saved = await repo.addVersion(ctx.tenantId, id, input.baseVersion,
          { id: deps.ids(), tenantId: ctx.tenantId, flowId: id, version, graph: input.graph, createdBy: ctx.actorUserId, createdAt: now },
          { name: input.name, description: input.description, updatedAt: now });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        // The name, or the version number taken by a concurrent save.
        if (input.name && input.name !== f.name && (await repo.findFlowByName(ctx.tenantId, input.name))) throw new AppError('duplicate', `A talk flow named "${input.name}" already exists`);
        throw conflict();
      }
      if (!saved) throw conflict();
      await deps.audit.record(ctx, { action: 'talk_flow.update', entity: 'talk_flow', entityId: id, changes: { version, nodes: input.graph.nodes.length, ...(input.name ? { name: input.name } : {}) } });
      return toFlowDto(ctx, await flowOf(ctx, id), true);
    },

    /** Agents run this version from now on; refused (422, with every problem) while it has problems. */
    async publish(ctx: TenantContext, id: string, version: number) {
      const f = await flowOf(ctx, id);
      assertEditable(f);
      const v = await versionOf(ctx, id, version);
      const graph = v.graph as TalkFlowGraph;
      const pathOf = (nodeId: string | null) => (nodeId === null ? 'graph.start' : `graph.nodes.${graph.nodes.findIndex((n) => n.id === nodeId)}`);
      const problems = [...validateTalkFlow(graph).map((p) => ({ ...p, path: pathOf(p.nodeId) })), ...(await referenceProblems(deps, ctx, graph))];
      if (problems.length) {
        throw new AppError('unprocessable', `Version ${version} cannot be published: ${problems.length} problem(s): ${problems.map((p) => p.message.en).join('; ')}`,
          problems.map((p) => ({ path: p.path, message: `${p.code}: ${p.message.en}` })), 'talk_flow_invalid');
      }
      await repo.updateFlow(ctx.tenantId, id, { status: 'published', publishedVersion: version, updatedAt: deps.clock.now() });
      await deps.audit.record(ctx, { action: 'talk_flow.publish', entity: 'talk_flow', entityId: id, changes: { version, previous: f.publishedVersion } });
      return toFlowDto(ctx, await flowOf(ctx, id), true);
    },

    /** No new runs; runs in progress may finish. */
    async archive(ctx: TenantContext, id: string) {
      const f = await flowOf(ctx, id);
      assertEditable(f);
      await repo.updateFlow(ctx.tenantId, id, { status: 'archived', updatedAt: deps.clock.now() });
      await deps.audit.record(ctx, { action: 'talk_flow.archive', entity: 'talk_flow', entityId: id });
      return toFlowDto(ctx, await flowOf(ctx, id), true);
    },

    async stats(ctx: TenantContext, id: string, q: { version?: number | undefined; from?: Date | undefined; to?: Date | undefined }) {
      const f = await flowOf(ctx, id);
      const version = q.version ?? f.publishedVersion ?? f.latestVersion;
      const v = await versionOf(ctx, id, version);
      const runs = await repo.runsForStats(ctx.tenantId, id, version, { from: q.from, to: q.to });
      const stats = computeTalkFlowStats(v.graph as TalkFlowGraph, runs.map((r) => ({
        path: corePath(r.path as StoredStep[]), status: r.status as RunStatus, endNodeId: r.endNodeId, outcome: r.outcome as OutcomeKind | null,
      })));
      return { flowId: id, version, from: isoOrNull(q.from ?? null), to: isoOrNull(q.to ?? null), ...stats };
    },

    /**
     * Starts the published version on a contact. The interaction and customer must be the tenant's
     * (422 otherwise, the same answer for another tenant's ids as for none); the customer defaults
     * to the interaction's.
     */
    async startRun(ctx: TenantContext, flowId: string, input: { interactionId?: string | undefined; customerId?: string | undefined }) {
      const f = await flowOf(ctx, flowId);
      if (f.publishedVersion === null || f.status === 'archived') {
        throw new AppError('invalid_transition', `Talk flow "${f.name}" is ${f.status === 'archived' ? 'archived' : 'not published yet'}`, [], 'not_published');
      }
      const refused = (path: string, what: string) => new AppError('unprocessable', `${what} not found`, [{ path, message: `no such ${what.toLowerCase()} in this tenant` }], 'unknown_reference');
      let interactionCustomer: string | null = null;
      if (input.interactionId) {
        try {
          interactionCustomer = (await deps.interactions.getInteraction(ctx, input.interactionId)).customerId;
        } catch (err) {
          throw isNotFound(err) ? refused('interactionId', 'Interaction') : err;
        }
      }
      if (input.customerId) {
        try {
          await deps.assertCustomer(ctx, input.customerId);
        } catch (err) {
          throw isNotFound(err) ? refused('customerId', 'Customer') : err;
        }
        if (interactionCustomer && interactionCustomer !== input.customerId) {
          throw new AppError('unprocessable', 'The customer is not the interaction’s customer', [{ path: 'customerId', message: 'differs from the interaction’s customer' }], 'customer_mismatch');
        }
      }
      const graph = (await versionOf(ctx, flowId, f.publishedVersion)).graph as TalkFlowGraph;
      const started = startRun(graph);
      if (!started.ok) throw runError(started);
      const now = deps.clock.now();
      const id = deps.ids();
      const path = stamp([], started.cursor.path, now.toISOString());
      await repo.insertRun({
        id, tenantId: ctx.tenantId, flowId, version: f.publishedVersion, interactionId: input.interactionId ?? null,
        customerId: input.customerId ?? interactionCustomer, agentUserId: ctx.actorUserId, path, status: 'in_progress', startedAt: now,
      });
      await deps.audit.record(ctx, { action: 'talk_flow.run.start', entity: 'talk_flow_run', entityId: id, changes: { flowId, version: f.publishedVersion, interactionId: input.interactionId ?? null } });
      const run = await runOf(ctx, id);
      // A flow whose start is an end node completes at once.
      if (started.cursor.done) await complete(ctx, run, f.name, graph, path);
      return reload(ctx, id, f.name, graph);
    },

    /**
     * One step: `{ choiceId }` answers, `{}` goes on from information, `{ back: true }` undoes.
     * Steps are not audited one by one: the run's path, with the time of each step, is the record.
     */
    async step(ctx: TenantContext, runId: string, input: StepInput) {
      const run = await runOf(ctx, runId);
      if (run.status !== 'in_progress') throw new AppError('invalid_transition', `The run is ${run.status}`, [], 'run_finished');
      const graph = await graphOfRun(ctx, run);
      const flowName = (await flowOf(ctx, run.flowId)).name;
      const stored = run.path as StoredStep[];
      const at = cursorFromPath(graph, corePath(stored));
      if (!at.ok) throw runError(at);
      const moved = input.back ? back(graph, at.cursor) : input.choiceId ? choose(graph, at.cursor, input.choiceId) : next(graph, at.cursor);
      if (!moved.ok) throw runError(moved);
      const path = stamp(stored, moved.cursor.path, deps.clock.now().toISOString());
      if (moved.cursor.done) await complete(ctx, run, flowName, graph, path);
      else if (!(await repo.advanceRun(ctx.tenantId, run.id, run.path, { path }))) {
        throw new AppError('conflict', 'The run was moved on meanwhile (another tab or a double click): reload it', [], 'run_moved');
      }
      return reload(ctx, runId, flowName, graph);
    },

    async abandon(ctx: TenantContext, runId: string) {
      const run = await runOf(ctx, runId);
      if (run.status !== 'in_progress') throw new AppError('invalid_transition', `The run is ${run.status}`, [], 'run_finished');
      if (!(await repo.advanceRun(ctx.tenantId, run.id, run.path, { status: 'abandoned', finishedAt: deps.clock.now() }))) {
        throw new AppError('conflict', 'The run was moved on meanwhile: reload it', [], 'run_moved');
      }
      await deps.audit.record(ctx, { action: 'talk_flow.run.abandon', entity: 'talk_flow_run', entityId: run.id, changes: { atNode: (run.path as StoredStep[]).at(-1)?.nodeId ?? null } });
      return reload(ctx, runId, (await flowOf(ctx, run.flowId)).name, await graphOfRun(ctx, run));
    },

    async getRun(ctx: TenantContext, runId: string) {
      const run = await runOf(ctx, runId);
      return toRunDto(ctx, run, (await flowOf(ctx, run.flowId)).name, await graphOfRun(ctx, run));
    },

    /** The talk flows followed on an interaction, oldest first. */
    async runsOfInteraction(ctx: TenantContext, interactionId: string) {
      await deps.interactions.assertExists(ctx, interactionId);
      const runs = await repo.runsOfInteraction(ctx.tenantId, interactionId);
      const names = await repo.flowNames(ctx.tenantId, [...new Set(runs.map((r) => r.flowId))]);
      const graphs = new Map<string, TalkFlowGraph>();
      const out: RunDto[] = [];
      for (const run of runs) {
        const key = `${run.flowId}:${run.version}`;
        if (!graphs.has(key)) graphs.set(key, await graphOfRun(ctx, run));
        out.push(await toRunDto(ctx, run, names.get(run.flowId) ?? '', graphs.get(key)!));
      }
      return out;
    },
  };
}
export type TalkFlowService = ReturnType<typeof createTalkFlowService>;

/** The article lookup through the knowledge service (features talk through services only). */
export function articleLookupVia(knowledge: { getArticle(ctx: TenantContext, id: string): Promise<{ title: string; publishedVersion: number | null }> }): ArticleLookup {
  return async (ctx, ids) => {
    const found = new Map<string, { title: string; published: boolean }>();
    for (const id of ids) {
      try {
        const a = await knowledge.getArticle(ctx, id);
        found.set(id, { title: a.title, published: a.publishedVersion !== null });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return found;
  };
}
