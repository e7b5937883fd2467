import { describe, expect, it } from 'vitest';
import { mayApprove, transitionOf, type ArticleStatus, type WorkflowAction } from './article-workflow.js';

describe('transitionOf', () => {
  const table: [ArticleStatus, WorkflowAction, ArticleStatus | string][] = [
    ['draft', 'submit', 'in_review'],
    ['in_review', 'submit', 'not_a_draft'],
    ['published', 'submit', 'not_a_draft'],
    ['in_review', 'approve', 'published'],
    ['draft', 'approve', 'not_in_review'],
    ['published', 'approve', 'not_in_review'],
    ['archived', 'approve', 'not_in_review'],
    ['in_review', 'reject', 'draft'],
    ['draft', 'reject', 'not_in_review'],
    ['published', 'archive', 'archived'],
    ['draft', 'archive', 'archived'],
    ['archived', 'archive', 'already_archived'],
    ['published', 'save', 'draft'],
    ['in_review', 'save', 'draft'],
    ['archived', 'restore', 'draft'],
  ];
  it.each(table)('%s --%s--> %s', (from, action, expected) => {
    const r = transitionOf(from, action);
    expect(r.ok ? r.to : r.reason).toBe(expected);
  });
});

describe('mayApprove (four-eyes)', () => {
  it('refuses the author, except an admin', () => {
    expect(mayApprove({ approverUserId: 'u1', authorUserId: 'u1', approverIsAdmin: false })).toBe(false);
    expect(mayApprove({ approverUserId: 'u1', authorUserId: 'u1', approverIsAdmin: true })).toBe(true);
    expect(mayApprove({ approverUserId: 'u2', authorUserId: 'u1', approverIsAdmin: false })).toBe(true);
  });
  it('treats two unknown people (tokens) as the same one', () => {
    expect(mayApprove({ approverUserId: null, authorUserId: null, approverIsAdmin: false })).toBe(false);
    expect(mayApprove({ approverUserId: 'u2', authorUserId: null, approverIsAdmin: false })).toBe(true);
  });
});
