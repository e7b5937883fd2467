-- One routing batch in ONE statement: the new contacts' rows, the projection of the steps' actions
-- (routing_project, migration 0002), the engine's runtime rows, the counters and the event log.
-- A single statement is atomic on its own, so the serialized routing writer pays one round trip per
-- batch, however many steps it holds. The JSON is built by routing-store.ts (keys as named below).
CREATE OR REPLACE FUNCTION routing_commit(b jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO interactions (id, tenant_id, customer_id, channel, direction, queue, subject, offered_at, created_by, created_at, updated_at)
    SELECT r.id, r."tenantId", r."customerId", r.channel, r.direction, r.queue, r.subject, r."offeredAt", r."createdBy", r."createdAt", r."updatedAt"
    FROM jsonb_to_recordset(coalesce(b->'interactions', '[]')) AS r(
      id uuid, "tenantId" uuid, "customerId" uuid, channel text, direction text, queue text, subject text,
      "offeredAt" timestamptz, "createdBy" uuid, "createdAt" timestamptz, "updatedAt" timestamptz);
  INSERT INTO contacts (id, tenant_id, external_id, channel, kind, queue_id, interaction_id, customer_id, from_address, serial, subject, priority, status, arrived_at, context)
    SELECT r.id, r."tenantId", r."externalId", r.channel, r.kind, r."queueId", r."interactionId", r."customerId", r."fromAddress", r.serial, r.subject,
      r.priority, r.status, r."arrivedAt", r.context
    FROM jsonb_to_recordset(coalesce(b->'contacts', '[]')) AS r(
      id uuid, "tenantId" uuid, "externalId" text, channel text, kind text, "queueId" uuid, "interactionId" uuid, "customerId" uuid,
      "fromAddress" text, serial text, subject text, priority integer, status text, "arrivedAt" timestamptz, context jsonb);
  INSERT INTO contact_legs (id, tenant_id, contact_id, queue_id, channel, offered_at)
    SELECT r.id, r."tenantId", r."contactId", r."queueId", r.channel, r."offeredAt"
    FROM jsonb_to_recordset(coalesce(b->'legs', '[]')) AS r(id uuid, "tenantId" uuid, "contactId" uuid, "queueId" uuid, channel text, "offeredAt" timestamptz);

  PERFORM routing_project(coalesce(b->'ops', '[]'));

  INSERT INTO routing_agent_runtime (agent_id, runtime)
    SELECT (e->>'agentId')::uuid, e->'runtime' FROM jsonb_array_elements(coalesce(b->'agents', '[]')) AS e
    ON CONFLICT (agent_id) DO UPDATE SET runtime = excluded.runtime;
  INSERT INTO routing_contact_runtime (contact_id, tenant_id, runtime)
    SELECT (e->>'contactId')::uuid, (e->>'tenantId')::uuid, e->'runtime' FROM jsonb_array_elements(coalesce(b->'live', '[]')) AS e
    ON CONFLICT (contact_id) DO UPDATE SET runtime = excluded.runtime;
  DELETE FROM routing_contact_runtime WHERE contact_id IN (SELECT (jsonb_array_elements_text(coalesce(b->'gone', '[]')))::uuid);
  INSERT INTO routing_meta (id, seq, now) VALUES (1, (b->>'seq')::bigint, (b->>'now')::bigint)
    ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, now = excluded.now;
  INSERT INTO routing_events (at, type, tenant_id, agent_id, contact_id, payload)
    SELECT (e->>'at')::timestamptz, e->>'type', (e->>'tenantId')::uuid, (e->>'agentId')::uuid, (e->>'contactId')::uuid, e->'payload'
    FROM jsonb_array_elements(coalesce(b->'events', '[]')) WITH ORDINALITY AS x(e, n) ORDER BY n;
END
$$;
