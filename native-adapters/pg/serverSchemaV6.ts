/**
 * Version 6 of the practice database's schema (issue 17), after version 5 (the rights version).
 *
 * - `cadans_client_of(tbl, uuids)`: for the rows of a client-record table (or markers) whose
 *   uuids the caller names, the uuid of the client each belongs to. A workstation sends a deletion
 *   as an UPDATE, which under row-level security silently matches nothing for a row of a client
 *   restricted to other therapists; for the uuids it did not update it asks this function which
 *   of them exist, and parks those deletions with their client like a refused upsert
 *   (main/practice/pushOutbox.ts), instead of losing them. A uuid not on the server (never sent)
 *   returns nothing. It reveals no more than the client uuid of a row the caller already names by
 *   its uuid (the client's own record stays hidden). SECURITY DEFINER: it reads as the tables'
 *   owner; therapists may only call it.
 */
export const SERVER_SCHEMA_V6 = `
CREATE FUNCTION cadans_client_of(tbl text, uuids uuid[]) RETURNS TABLE (uuid uuid, client_uuid uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  CASE tbl
    WHEN 'courses' THEN RETURN QUERY SELECT x.uuid, x.client_uuid FROM courses x WHERE x.uuid = ANY(uuids);
    WHEN 'goals' THEN RETURN QUERY SELECT x.uuid, x.client_uuid FROM goals x WHERE x.uuid = ANY(uuids);
    WHEN 'questionnaire_scores' THEN RETURN QUERY SELECT x.uuid, x.client_uuid FROM questionnaire_scores x WHERE x.uuid = ANY(uuids);
    WHEN 'running_log' THEN RETURN QUERY SELECT x.uuid, x.client_uuid FROM running_log x WHERE x.uuid = ANY(uuids);
    WHEN 'prescriptions' THEN RETURN QUERY SELECT x.uuid, x.client_uuid FROM prescriptions x WHERE x.uuid = ANY(uuids);
    WHEN 'markers' THEN RETURN QUERY SELECT x.uuid, s.client_uuid FROM markers x JOIN sessions s ON s.uuid = x.session_uuid WHERE x.uuid = ANY(uuids);
    ELSE RAISE EXCEPTION 'cadans_client_of: % has no client records', tbl USING ERRCODE = 'invalid_parameter_value';
  END CASE;
END $$;
REVOKE EXECUTE ON FUNCTION cadans_client_of(text, uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cadans_client_of(text, uuid[]) TO cadans_therapist;
`;
