import { useEffect, useRef, useState } from 'react';
import { hasPermission } from '../../../../../core/auth/permissions.js';
import { ApiError, apiRequest } from '../../../api/client.js';
import type { WorkItem } from '../../../api/routing-types.js';
import type { Membership } from '../../../api/types.js';
import { newLine, shouldAutoAnswer, softphoneReducer, type SoftphoneEvent, type SoftphoneLine } from './softphone-state.js';
import { openTwilioSoftphone, type SoftphoneHandle } from './twilio-device.js';

interface TokenDto { token: string; identity: string; expiresAt: string }

const tokenFor = (tenantSlug: string) => apiRequest<TokenDto>('/api/v1/agent/softphone-token', { method: 'POST', tenant: tenantSlug }).then((r) => r.token);

/** Not set up for this client company (409), or not an agent there (403): no line, no noise. */
const noSoftphone = (err: unknown) => err instanceof ApiError && (err.status === 409 || err.status === 403 || err.status === 404);

export interface Softphones {
  lines: SoftphoneLine[];
  answer(tenantId: string): void;
  decline(tenantId: string): void;
  hangUp(tenantId: string): void;
  setMuted(tenantId: string, muted: boolean): void;
}

/**
 * The agent's browser softphones: one per client company that set up a Twilio softphone, opened
 * while the desk is shown and closed when it goes. A ring that is the agent leg of an accepted call
 * is answered at once (see shouldAutoAnswer).
 */
export function useSoftphones(memberships: readonly Membership[], work: readonly WorkItem[]): Softphones {
  const [lines, setLines] = useState<Record<string, SoftphoneLine>>({});
  const handles = useRef(new Map<string, SoftphoneHandle>());
  const agentTenants = memberships.filter((m) => hasPermission(m.role, 'routing:work'));
  const key = agentTenants.map((m) => m.tenantSlug).sort().join(',');

  useEffect(() => {
    let closed = false;
    const opened = handles.current;
    for (const m of agentTenants) {
      const report = (e: SoftphoneEvent) => {
        if (!closed) setLines((all) => ({ ...all, [m.tenantId]: softphoneReducer(all[m.tenantId] ?? newLine(m.tenantId, m.tenantName), e) }));
      };
      tokenFor(m.tenantSlug)
        .then(async (token) => {
          if (closed) return;
          setLines((all) => ({ ...all, [m.tenantId]: newLine(m.tenantId, m.tenantName) }));
          const handle = await openTwilioSoftphone(token, () => tokenFor(m.tenantSlug), report);
          if (closed) handle.destroy();
          else opened.set(m.tenantId, handle);
        })
        .catch((err: unknown) => {
          if (!noSoftphone(err)) report({ type: 'error', code: null, message: err instanceof Error ? err.message : String(err) });
        });
    }
    return () => {
      closed = true;
      for (const h of opened.values()) h.destroy();
      opened.clear();
      setLines({});
    };
    // The memberships' slugs are the whole dependency: re-open only when they change.
  }, [key]);

  useEffect(() => {
    for (const line of Object.values(lines)) if (shouldAutoAnswer(line, work)) handles.current.get(line.tenantId)?.answer();
  }, [lines, work]);

  const on = (tenantId: string, act: (h: SoftphoneHandle) => void) => {
    const h = handles.current.get(tenantId);
    if (h) act(h);
  };
  return {
    lines: Object.values(lines).sort((a, b) => a.tenantName.localeCompare(b.tenantName, 'ja')),
    answer: (id) => on(id, (h) => h.answer()),
    decline: (id) => on(id, (h) => h.decline()),
    hangUp: (id) => on(id, (h) => h.hangUp()),
    setMuted: (id, muted) => on(id, (h) => h.setMuted(muted)),
  };
}
