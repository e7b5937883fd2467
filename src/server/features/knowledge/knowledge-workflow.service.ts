import { diffVersions, type VersionContent } from '../../../core/knowledge/article-diff.js';
import { isArticleStatus, mayApprove, transitionOf, type WorkflowAction } from '../../../core/knowledge/article-workflow.js';
import { renderMarkdown } from '../../../core/knowledge/markdown-render.js';
import { searchDocumentOf } from '../../../core/knowledge/search-document.js';
import { AppError, notFound } from '../../platform/app-error.js';
import { isoOrNull } from '../../platform/dto.js';
import type { Clock } from '../../platform/clock.js';
import type { IdGenerator } from '../../platform/ids.js';
import type { TenantContext } from '../../platform/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ArticleRow, KnowledgeArticleRepository } from './knowledge-article.repository.js';
import { createArticleReferenceChecks } from './knowledge-references.js';
import type { KnowledgeVersionRepository, VersionRow } from './knowledge-version.repository.js';
import type { SaveDraftInput, VersionDto } from './knowledge-workflow.schemas.js';

interface Deps {
  audit: AuditService;
  articles: KnowledgeArticleRepository;
  versions: KnowledgeVersionRepository;
  ids: IdGenerator;
  clock: Clock;
}

const REFUSALS = {
  not_a_draft: 'Only a draft can be submitted for review',
  not_in_review: 'Only a version in review can be approved or sent back',
  already_archived: 'The article is already archived',
} as const;

const versionConflict = (latest: number) =>
  new AppError('conflict', `The article has changed since you opened it: its latest version is now ${latest}. Reload and apply your changes again.`, [], 'version_conflict');

const contentOf = (r: VersionRow | ArticleRow): VersionContent => ({
  title: r.title, body: r.body, tags: r.tags, productSkus: r.productSkus, categoryId: r.categoryId, visibility: r.visibility, relatedIds: r.relatedIds,
});

/** The columns of a content (drizzle wants mutable arrays). */
const columnsOf = (c: VersionContent) => ({ ...c, tags: [...c.tags], productSkus: [...c.productSkus], relatedIds: [...c.relatedIds] });

function toVersionMeta(r: VersionRow, article: ArticleRow) {
  return {
    version: r.version, status: r.status, title: r.title, note: r.note, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(),
    reviewedBy: r.reviewedBy, reviewedAt: isoOrNull(r.reviewedAt), reviewNote: r.reviewNote, isPublished: article.publishedVersion === r.version,
  };
}

function toVersionDto(r: VersionRow, article: ArticleRow): VersionDto {
  return { ...toVersionMeta(r, article), ...columnsOf(contentOf(r)), bodyHtml: renderMarkdown(r.body) };
}

/**
 * The editorial workflow (C7): drafts, review, publication, archive, history, diff and restore.
 * The article row holds what readers see; each save appends a version, so nothing is overwritten.
 */
export function createKnowledgeWorkflowService(deps: Deps) {
  const checks = createArticleReferenceChecks(deps.articles);

  async function load(ctx: TenantContext, id: string) {
    const row = await deps.articles.findById(ctx.tenantId, id);
    if (!row) throw notFound('Article');
    return row;
  }

  async function loadVersion(ctx: TenantContext, article: ArticleRow, version: number) {
    const row = await deps.versions.find(ctx.tenantId, article.id, version);
    if (!row) throw notFound(`Version ${version}`);
    return row;
  }

  /** The status the move leads to, or a 409 that says why not. */
  function next(article: ArticleRow, action: WorkflowAction) {
    const from = isArticleStatus(article.status) ? article.status : 'draft';
    const r = transitionOf(from, action);
    if (!r.ok) throw new AppError('invalid_transition', `${REFUSALS[r.reason]} (the latest version ${article.latestVersion} is ${article.status})`, [], r.reason);
    return r.to;
  }

  const result = (a: ArticleRow, patch: { status: string; latestVersion?: number; publishedVersion?: number | null }) => ({
    id: a.id, status: patch.status, latestVersion: patch.latestVersion ?? a.latestVersion,
    publishedVersion: patch.publishedVersion === undefined ? a.publishedVersion : patch.publishedVersion,
  });

  /**
   * Appends a version after the latest. Until an article is first published (or once archived) its
   * row shows the latest version to editors, so the row and its search columns follow; a published
   * row keeps what readers see.
   */
  async function append(ctx: TenantContext, a: ArticleRow, content: VersionContent, opts: { status: string; note: string | null; unpublish?: boolean }) {
    const at = deps.clock.now();
    const version = a.latestVersion + 1;
    const showsLatest = opts.unpublish || a.publishedVersion === null;
    const ok = await deps.versions.append({
      tenantId: ctx.tenantId, articleId: a.id, expectedLatest: a.latestVersion, withdraw: a.status === 'in_review',
      version: { id: deps.ids(), tenantId: ctx.tenantId, articleId: a.id, version, ...columnsOf(content), status: opts.status, note: opts.note, createdBy: ctx.actorUserId, createdAt: at },
      article: {
        latestVersion: version, status: opts.status, updatedAt: at,
        ...(showsLatest ? { ...columnsOf(content), ...searchDocumentOf(content) } : {}),
        ...(opts.unpublish ? { publishedVersion: null, publishedAt: null } : {}),
      },
    });
    if (!ok) throw versionConflict((await load(ctx, a.id)).latestVersion);
    return result(a, { status: opts.status, latestVersion: version, ...(opts.unpublish ? { publishedVersion: null } : {}) });
  }

  return {
    /** PUT: a new draft version (readers keep the published one). 409 version_conflict when someone saved in between. */
    async saveDraft(ctx: TenantContext, id: string, input: SaveDraftInput) {
      const a = await load(ctx, id);
      if (a.latestVersion !== input.baseVersion) throw versionConflict(a.latestVersion);
      next(a, 'save');
      await checks.assertCategory(ctx.tenantId, input.categoryId);
      await checks.assertRelated(ctx.tenantId, input.relatedIds, a.id);
      const content: VersionContent = {
        title: input.title, body: input.body, tags: input.tags, productSkus: input.productSkus, categoryId: input.categoryId ?? null, visibility: input.visibility, relatedIds: input.relatedIds,
      };
      const r = await append(ctx, a, content, { status: 'draft', note: input.note || null });
      await deps.audit.record(ctx, { action: 'knowledge.article.save', entity: 'knowledge_article', entityId: id, changes: { version: r.latestVersion, fields: diffVersions(contentOf(a), content).map((f) => f.field) } });
      return r;
    },

    async submit(ctx: TenantContext, id: string) {
      const a = await load(ctx, id);
      const to = next(a, 'submit');
      if (!(await deps.versions.move({ tenantId: ctx.tenantId, articleId: id, version: a.latestVersion, from: a.status, to, article: { updatedAt: deps.clock.now() } }))) throw versionConflict((await load(ctx, id)).latestVersion);
      await deps.audit.record(ctx, { action: 'knowledge.article.submit', entity: 'knowledge_article', entityId: id, changes: { version: a.latestVersion } });
      return result(a, { status: to });
    },

    /** Publishes the version in review: its content becomes the article readers see (and search). */
    async approve(ctx: TenantContext, id: string, input: { note?: string | undefined }) {
      const a = await load(ctx, id);
      const to = next(a, 'approve');
      const v = await loadVersion(ctx, a, a.latestVersion);
      if (!mayApprove({ approverUserId: ctx.actorUserId, authorUserId: v.createdBy, approverIsAdmin: ctx.role === 'admin' })) {
        throw new AppError('forbidden', 'Four-eyes rule: another editor must approve your own version (admins excepted)', [], 'four_eyes');
      }
      const at = deps.clock.now();
      const content = contentOf(v);
      const ok = await deps.versions.move({
        tenantId: ctx.tenantId, articleId: id, version: v.version, from: 'in_review', to,
        article: { ...columnsOf(content), ...searchDocumentOf(content), publishedVersion: v.version, publishedAt: at, updatedAt: at },
        review: { by: ctx.actorUserId, at, note: input.note || null },
      });
      if (!ok) throw versionConflict((await load(ctx, id)).latestVersion);
      await deps.audit.record(ctx, { action: 'knowledge.article.approve', entity: 'knowledge_article', entityId: id, changes: { version: v.version, author: v.createdBy } });
      return result(a, { status: to, publishedVersion: v.version });
    },

    /** Sends the version in review back to its author as a draft, with a note saying what to change. */
    async reject(ctx: TenantContext, id: string, input: { note: string }) {
      const a = await load(ctx, id);
      const to = next(a, 'reject');
      const ok = await deps.versions.move({
        tenantId: ctx.tenantId, articleId: id, version: a.latestVersion, from: 'in_review', to, article: { updatedAt: deps.clock.now() },
        review: { by: ctx.actorUserId, at: deps.clock.now(), note: input.note },
      });
      if (!ok) throw versionConflict((await load(ctx, id)).latestVersion);
      await deps.audit.record(ctx, { action: 'knowledge.article.reject', entity: 'knowledge_article', entityId: id, changes: { version: a.latestVersion } });
      return result(a, { status: to });
    },

    /** Takes the article off the shelves: a new archived version (a copy of the latest); readers and search lose it. */
    async archive(ctx: TenantContext, id: string) {
      const a = await load(ctx, id);
      next(a, 'archive');
      const latest = await loadVersion(ctx, a, a.latestVersion);
      const r = await append(ctx, a, contentOf(latest), { status: 'archived', note: null, unpublish: true });
      await deps.audit.record(ctx, { action: 'knowledge.article.archive', entity: 'knowledge_article', entityId: id, changes: { version: r.latestVersion } });
      return r;
    },

    async versions(ctx: TenantContext, id: string) {
      const a = await load(ctx, id);
      return (await deps.versions.list(ctx.tenantId, id)).map((v) => toVersionMeta(v, a));
    },

    async version(ctx: TenantContext, id: string, version: number) {
      const a = await load(ctx, id);
      return toVersionDto(await loadVersion(ctx, a, version), a);
    },

    async diff(ctx: TenantContext, id: string, from: number, to: number) {
      const a = await load(ctx, id);
      const [x, y] = await Promise.all([loadVersion(ctx, a, from), loadVersion(ctx, a, to)]);
      return { from, to, fields: diffVersions(contentOf(x), contentOf(y)) };
    },

    /**
     * A new draft with an old version's content (nothing is overwritten). Related articles and the
     * category that no longer exist are left out rather than refusing the restore.
     */
    async restore(ctx: TenantContext, id: string, input: { version: number; baseVersion?: number | undefined }) {
      const a = await load(ctx, id);
      if (input.baseVersion !== undefined && a.latestVersion !== input.baseVersion) throw versionConflict(a.latestVersion);
      next(a, 'restore');
      const old = contentOf(await loadVersion(ctx, a, input.version));
      const categoryId = old.categoryId && (await deps.articles.categoryExists(ctx.tenantId, old.categoryId)) ? old.categoryId : null;
      const content = { ...old, categoryId, relatedIds: await checks.existingRelated(ctx.tenantId, old.relatedIds, id) };
      const r = await append(ctx, a, content, { status: 'draft', note: `restored from version ${input.version}` });
      await deps.audit.record(ctx, { action: 'knowledge.article.restore', entity: 'knowledge_article', entityId: id, changes: { from: input.version, version: r.latestVersion } });
      return r;
    },
  };
}
export type KnowledgeWorkflowService = ReturnType<typeof createKnowledgeWorkflowService>;
