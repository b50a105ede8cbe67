-- The committed catalog version in one statement, so reading it costs one round trip (it
-- was four: begin, lock, read, commit). It is SQL because the two steps must share one
-- transaction: the exclusive advisory lock waits for every writer holding it shared (see
-- 0001), so no version up to the one read belongs to a write that has not committed; the
-- lock goes at the statement's end.
CREATE FUNCTION "catalog_safe_version"() RETURNS bigint LANGUAGE sql VOLATILE AS $$
	SELECT pg_advisory_xact_lock(4242002);
	SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM catalog_version;
$$;
