/**
 * The editorial workflow of a knowledge article (draft → in_review → published, archived), as pure
 * rules: which move is allowed from the status of the latest version, and who may approve.
 * Every move that changes content appends a version; nothing is overwritten (see the service).
 */
export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export type WorkflowAction = 'save' | 'restore' | 'submit' | 'approve' | 'reject' | 'archive';

/** Stable reasons a move is refused (problem+json `reason`; the console words them in ja/en). */
export type WorkflowRefusal = 'not_a_draft' | 'not_in_review' | 'already_archived';

const rules: Record<WorkflowAction, { from: readonly ArticleStatus[]; to: ArticleStatus; refusal: WorkflowRefusal }> = {
  // Editing is always possible: on a published article it starts a new draft that readers do not
  // see; on a version in review it withdraws it (the author fixes a typo without asking for a reject).
  save: { from: ARTICLE_STATUSES, to: 'draft', refusal: 'not_a_draft' },
  restore: { from: ARTICLE_STATUSES, to: 'draft', refusal: 'not_a_draft' },
  submit: { from: ['draft'], to: 'in_review', refusal: 'not_a_draft' },
  approve: { from: ['in_review'], to: 'published', refusal: 'not_in_review' },
  reject: { from: ['in_review'], to: 'draft', refusal: 'not_in_review' },
  archive: { from: ['draft', 'in_review', 'published'], to: 'archived', refusal: 'already_archived' },
};

export type TransitionResult = { ok: true; to: ArticleStatus } | { ok: false; reason: WorkflowRefusal };

/** Where `action` takes an article whose latest version has `from`, or why it may not. */
export function transitionOf(from: ArticleStatus, action: WorkflowAction): TransitionResult {
  const rule = rules[action];
  return rule.from.includes(from) ? { ok: true, to: rule.to } : { ok: false, reason: rule.refusal };
}

export function isArticleStatus(value: string): value is ArticleStatus {
  return (ARTICLE_STATUSES as readonly string[]).includes(value);
}

/**
 * Four-eyes: the approver must not be the author of the version in review, unless an admin (a small
 * center has one editor). An unknown author and an unknown approver (API tokens) cannot be told
 * apart, so that pair counts as the same person.
 */
export function mayApprove(p: { approverUserId: string | null; authorUserId: string | null; approverIsAdmin: boolean }): boolean {
  return p.approverIsAdmin || p.approverUserId !== p.authorUserId;
}
