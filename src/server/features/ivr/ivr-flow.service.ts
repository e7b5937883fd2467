import { walkIvrFlow } from '../../../core/ivr/ivr-walk.js';
import { validateIvrFlow } from '../../../core/ivr/ivr-validator.js';
import type { IvrEvent, IvrFlow, IvrProblem } from '../../../core/ivr/ivr.types.js';
import { skillKey } from '../../../core/routing/skill-key.js';
import { normalizePhone } from '../../../core/text-ja/phone.util.js';
import { isUniqueViolation } from '../../db/errors.js';
import { AppError, notFound, type FieldError } from '../../platform/app-error.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { IvrFlowRepository, IvrFlowRow, IvrVersionRow } from './ivr-flow.repository.js';
import type { IvrFlowDto } from './ivr-flow.schemas.js';

interface Deps {
  repo: IvrFlowRepository;
  audit: AuditService;
  ids: IdGenerator;
  clock: Clock;
  /** The tenant's queue ids (queues and calendars of a flow must be the tenant's own). */
  queueIds: (ctx: TenantContext) => Promise<ReadonlySet<string>>;
  /** The tenant's skills: ids and names as `skillKey` folds them (a `set` node names skills either way). */
  skillKeys: (ctx: TenantContext) => Promise<ReadonlySet<string>>;
}

type Problem = IvrProblem | { code: 'unknown_queue' | 'unknown_skill'; nodeId: string; message: { ja: string; en: string } };

/** Queues (enqueue, voicemail, callback), calendars (hours) and skills (set) of the flow that are not the tenant's. */
function referenceProblems(flow: IvrFlow, queues: ReadonlySet<string>, skills: ReadonlySet<string>): Problem[] {
  const out: Problem[] = [];
  for (const n of flow.nodes) {
    if (n.type === 'set') {
      for (const { skill } of n.skills ?? []) {
        if (skills.has(skill) || skills.has(skillKey(skill))) continue;
        out.push({ code: 'unknown_skill', nodeId: n.id, message: { ja: `ノード「${n.id}」のスキル「${skill}」が見つかりません。`, en: `Node "${n.id}" names skill "${skill}", which does not exist.` } });
      }
      continue;
    }
    const ref = n.type === 'hours' ? n.calendar : n.type === 'enqueue' || n.type === 'voicemail' || n.type === 'callback' ? n.queueId : null;
    if (ref === null || queues.has(ref)) continue;
    out.push({ code: 'unknown_queue', nodeId: n.id, message: { ja: `ノード「${n.id}」のキュー「${ref}」が見つかりません。`, en: `Node "${n.id}" names queue "${ref}", which does not exist.` } });
  }
  return out;
}

/** Dialled numbers in E.164, or a 400 naming each one that is not a phone number. */
function normalizedNumbers(input: readonly string[], path: string): string[] {
  const errors: FieldError[] = [];
  const out = new Set<string>();
  input.forEach((raw, i) => {
    const r = normalizePhone(raw);
    if (r.ok) out.add(r.e164);
    else errors.push({ path: `${path}.${i}`, message: r.message });
  });
  if (errors.length) throw new AppError('validation_failed', 'Some dialled numbers are not phone numbers', errors);
  return [...out];
}

/** IVR flows per tenant and dialled number: versions saved as drafts, published when valid (issue 4). */
export function createIvrFlowService(deps: Deps) {
  const { repo } = deps;

  async function flowOf(ctx: TenantContext, id: string): Promise<IvrFlowRow> {
    const f = await repo.findFlow(ctx.tenantId, id);
    if (!f) throw notFound('IVR flow');
    return f;
  }
  async function versionOf(ctx: TenantContext, id: string, version: number): Promise<IvrVersionRow> {
    const v = await repo.findVersion(ctx.tenantId, id, version);
    if (!v) throw notFound('IVR flow version');
    return v;
  }
  async function problemsOf(ctx: TenantContext, flow: IvrFlow): Promise<Problem[]> {
    const [queues, skills] = await Promise.all([deps.queueIds(ctx), deps.skillKeys(ctx)]);
    return [...validateIvrFlow(flow), ...referenceProblems(flow, queues, skills)];
  }
  async function versionDto(ctx: TenantContext, v: IvrVersionRow) {
    const flow = v.flow as IvrFlow;
    const problems = await problemsOf(ctx, flow);
    return { version: v.version, flow, problems, publishable: problems.length === 0, createdBy: v.createdBy, createdAt: v.createdAt.toISOString() };
  }
  async function toDto(ctx: TenantContext, f: IvrFlowRow): Promise<IvrFlowDto> {
    const numbers = (await repo.numbersOf(ctx.tenantId, [f.id])).get(f.id) ?? [];
    const latest = await versionDto(ctx, await versionOf(ctx, f.id, f.latestVersion));
    const published = f.publishedVersion === null ? null : f.publishedVersion === f.latestVersion ? latest : await versionDto(ctx, await versionOf(ctx, f.id, f.publishedVersion));
    return {
      id: f.id, name: f.name, description: f.description, status: f.status as IvrFlowDto['status'], numbers, publishedVersion: f.publishedVersion,
      latestVersion: f.latestVersion, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(), latest, published,
    };
  }
  /** 409 naming the numbers another flow (of any tenant) already answers; which flow is not said. */
  async function assertNumbersFree(numbers: readonly string[], flowId: string | null) {
    const taken = await repo.takenNumbers(numbers, flowId);
    if (taken.length) throw new AppError('conflict', `Already answered by another IVR flow: ${taken.join(', ')}`, taken.map((n) => ({ path: 'numbers', message: `${n} is taken` })), 'number_taken');
  }
  const translateUnique = (err: unknown, name: string): never => {
    if (isUniqueViolation(err)) throw new AppError('conflict', `An IVR flow named "${name}" exists, or a number was taken meanwhile`, [], 'duplicate');
    throw err;
  };

  return {
    async listFlows(ctx: TenantContext) {
      const flows = await repo.listFlows(ctx.tenantId);
      const numbers = await repo.numbersOf(ctx.tenantId, flows.map((f) => f.id));
      return flows.map((f) => ({
        id: f.id, name: f.name, status: f.status, numbers: numbers.get(f.id) ?? [], publishedVersion: f.publishedVersion, latestVersion: f.latestVersion, updatedAt: f.updatedAt.toISOString(),
      }));
    },
    async getFlow(ctx: TenantContext, id: string) {
      return toDto(ctx, await flowOf(ctx, id));
    },
    /** Saved even with problems (a draft in progress); they come back with it. */
    async createFlow(ctx: TenantContext, input: { name: string; description: string; numbers: string[]; flow: IvrFlow }) {
      const numbers = normalizedNumbers(input.numbers, 'numbers');
      await assertNumbersFree(numbers, null);
      const now = deps.clock.now();
      const id = deps.ids();
      await repo.insertFlow(
        { id, tenantId: ctx.tenantId, name: input.name, description: input.description, status: 'draft', publishedVersion: null, latestVersion: 1, createdAt: now, updatedAt: now },
        { id: deps.ids(), tenantId: ctx.tenantId, flowId: id, version: 1, flow: input.flow, createdBy: ctx.actorUserId, createdAt: now },
        numbers,
      ).catch((err: unknown) => translateUnique(err, input.name));
      await deps.audit.record(ctx, { action: 'ivr_flow.create', entity: 'ivr_flow', entityId: id, changes: { name: input.name, numbers, nodes: input.flow.nodes.length } });
      return toDto(ctx, await flowOf(ctx, id));
    },
    async updateFlow(ctx: TenantContext, id: string, input: { baseVersion: number; flow: IvrFlow; name?: string | undefined; description?: string | undefined; numbers?: string[] | undefined }) {
      const f = await flowOf(ctx, id);
      const conflict = () => new AppError('conflict', `Version ${f.latestVersion} was saved meanwhile: reload and apply your change to it`, [], 'version_conflict');
      if (input.baseVersion !== f.latestVersion) throw conflict();
      const numbers = input.numbers === undefined ? undefined : normalizedNumbers(input.numbers, 'numbers');
      if (numbers) await assertNumbersFree(numbers, id);
      const now = deps.clock.now();
      const version = f.latestVersion + 1;
      const saved = await repo.addVersion(ctx.tenantId, id, input.baseVersion, { id: deps.ids(), tenantId: ctx.tenantId, flowId: id, version, flow: input.flow, createdBy: ctx.actorUserId, createdAt: now }, {
        name: input.name, description: input.description, numbers, at: now,
      }).catch((err: unknown) => translateUnique(err, input.name ?? f.name));
      if (!saved) throw conflict(); // another save won the race
      await deps.audit.record(ctx, { action: 'ivr_flow.update', entity: 'ivr_flow', entityId: id, changes: { version, ...(numbers ? { numbers } : {}) } });
      return toDto(ctx, await flowOf(ctx, id));
    },
    /** 422 with every problem, each with its node and reason, while the version has any. */
    async publish(ctx: TenantContext, id: string, version: number) {
      const f = await flowOf(ctx, id);
      const v = await versionOf(ctx, id, version);
      const flow = v.flow as IvrFlow;
      const problems = await problemsOf(ctx, flow);
      if (problems.length) {
        const pathOf = (nodeId: string | null) => (nodeId === null ? 'flow.start' : `flow.nodes.${flow.nodes.findIndex((n) => n.id === nodeId)}`);
        throw new AppError('unprocessable', `Version ${version} cannot be published: ${problems.map((p) => p.message.en).join(' ')}`,
          problems.map((p) => ({ path: pathOf(p.nodeId), message: `${p.code}: ${p.message.en}` })), 'ivr_flow_invalid');
      }
      await repo.setPublished(ctx.tenantId, id, version, deps.clock.now());
      await deps.audit.record(ctx, { action: 'ivr_flow.publish', entity: 'ivr_flow', entityId: id, changes: { version, previous: f.publishedVersion } });
      return toDto(ctx, await flowOf(ctx, id));
    },
    /**
     * The editor's test panel: walks a version (the latest by default) with the keys given, as a
     * call from `from` would, business hours open or closed, lookups answered by the events.
     */
    async testFlow(ctx: TenantContext, id: string, input: { version?: number | undefined; from: string; open: boolean; events: IvrEvent[] }) {
      const f = await flowOf(ctx, id);
      const flow = (await versionOf(ctx, id, input.version ?? f.latestVersion)).flow as IvrFlow;
      const walk = walkIvrFlow(flow, { from: input.from, open: input.open }, input.events);
      if (!walk.ok) throw new AppError('unprocessable', walk.message, [], 'ivr_flow_invalid');
      const { ok: _ok, ...result } = walk;
      return result;
    },
  };
}
export type IvrFlowService = ReturnType<typeof createIvrFlowService>;
