-- Projection of routing actions into the business rows (contacts, contact_legs, interactions).
-- The routing writer is serialized: it sends a whole batch of steps' operations as one JSON array
-- and this function applies them in order, in the caller's transaction — one round trip per batch
-- instead of one per action. The operations are built by contact-projection.ts.
CREATE OR REPLACE FUNCTION routing_project(ops jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  op jsonb;
  at timestamptz;
  cid uuid;
  aid uuid;
  iid uuid;
BEGIN
  FOR op IN SELECT value FROM jsonb_array_elements(ops) LOOP
    at := (op->>'at')::timestamptz;
    cid := (op->>'contactId')::uuid;
    aid := (op->>'agentId')::uuid;
    CASE op->>'op'
    WHEN 'offer' THEN
      UPDATE contacts SET status = 'offered', agent_user_id = aid, updated_at = at WHERE id = cid;
    WHEN 'offer_returned' THEN
      UPDATE contacts SET status = 'waiting', agent_user_id = NULL, updated_at = at WHERE id = cid;
    WHEN 'connected' THEN
      UPDATE contacts SET status = 'connected', agent_user_id = aid, answered_at = coalesce(answered_at, at), updated_at = at
        WHERE id = cid RETURNING interaction_id INTO iid;
      UPDATE contact_legs SET answered_at = at, agent_user_id = aid WHERE contact_id = cid AND ended_at IS NULL;
      UPDATE interactions SET agent_user_id = aid, answered_at = coalesce(answered_at, at), updated_at = at WHERE id = iid;
    WHEN 'transferred' THEN
      INSERT INTO contact_legs (id, tenant_id, contact_id, queue_id, channel, offered_at)
        SELECT (op->>'legId')::uuid, tenant_id, cid, (op->>'toQueueId')::uuid, channel, at
        FROM contact_legs WHERE contact_id = cid AND ended_at IS NULL;
      UPDATE contact_legs SET ended_at = at, end_reason = 'transferred'
        WHERE contact_id = cid AND ended_at IS NULL AND id <> (op->>'legId')::uuid;
      UPDATE contacts SET queue_id = (op->>'toQueueId')::uuid, status = 'waiting', agent_user_id = NULL,
        context = op->'context', updated_at = at WHERE id = cid;
    WHEN 'ended' THEN
      -- Answered with 後処理 to come (acw): the leg and the interaction stay open for wrap_up_ended.
      UPDATE contacts SET status = CASE WHEN (op->>'acw')::boolean THEN 'wrap_up' ELSE 'ended' END,
        outcome = op->>'outcome', ended_at = at, updated_at = at WHERE id = cid RETURNING interaction_id INTO iid;
      UPDATE contact_legs SET ended_at = at, end_reason = op->>'outcome',
        wrap_up_ended_at = CASE WHEN (op->>'acw')::boolean THEN NULL ELSE at END
        WHERE contact_id = cid AND ended_at IS NULL;
      UPDATE interactions SET ended_at = at, wrap_up_ended_at = CASE WHEN (op->>'acw')::boolean THEN NULL ELSE at END,
        updated_at = at WHERE id = iid;
    WHEN 'wrap_up_ended' THEN
      -- The sender of a transfer wraps up a contact that lives on: only its own leg is closed.
      UPDATE contact_legs SET wrap_up_ended_at = at WHERE contact_id = cid AND agent_user_id = aid AND wrap_up_ended_at IS NULL;
      UPDATE contacts SET status = 'ended', updated_at = at WHERE id = cid AND agent_user_id = aid AND status = 'wrap_up';
      UPDATE interactions SET wrap_up_ended_at = at, updated_at = at WHERE id = (SELECT interaction_id FROM contacts WHERE id = cid);
    WHEN 'interaction_finished' THEN
      -- The wrap-up's disposition, notes and case; a key that is absent leaves its column alone.
      UPDATE interactions SET
        disposition = CASE WHEN op ? 'disposition' THEN op->>'disposition' ELSE disposition END,
        notes = CASE WHEN op ? 'notes' THEN op->>'notes' ELSE notes END,
        case_id = CASE WHEN op ? 'caseId' THEN (op->>'caseId')::uuid ELSE case_id END,
        updated_at = at
        WHERE id = (op->>'interactionId')::uuid;
    ELSE
      RAISE EXCEPTION 'routing_project: unknown operation %', op->>'op';
    END CASE;
  END LOOP;
END
$$;
