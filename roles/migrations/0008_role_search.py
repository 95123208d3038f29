"""The role search's stored text-search vectors (roles/search.py; docs/performance.md,
"Role search").

1. Each table that holds searched text gets a generated column with the ``tsvector`` of its
   own row, weighted by where it counts in a role's document (A: a role's name and
   alternative titles; B: its summary and dimension texts; C: skills; D: rubric levels).
   PostgreSQL parses each text once, when it is written, whoever writes it.
2. ``roles_rolesearch`` holds each role's whole document: its row's vector, its dimension
   texts' and, for each skill it expects, the skill's and the expected level's, with a GIN
   index. Statement-level triggers on the five tables recompute the documents of the roles
   a statement touched (an editor changing a skill refreshes every role that expects it;
   an import's ``COPY`` or bulk ``UPDATE`` refreshes each role once per statement). It is
   not a model: nothing in Python writes it, and a role's row is the only key it needs.
"""

from django.db import migrations

CONFIG = "'english'::regconfig"

# array_to_string is only STABLE (its element types' output functions may read settings);
# for text it is immutable, which a generated column needs.
JOIN = """
CREATE FUNCTION roles_search_join(text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN array_to_string($1, ' ')
"""

AGGREGATE = """
CREATE AGGREGATE roles_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '')
"""

VECTORS = [
    (
        "roles_role",
        f"setweight(to_tsvector({CONFIG}, name || ' ' || roles_search_join(alternative_titles::text[])), 'A')"
        f" || setweight(to_tsvector({CONFIG}, summary), 'B')",
    ),
    ("roles_roledimension", f"setweight(to_tsvector({CONFIG}, text), 'B')"),
    ("roles_skill", f"setweight(to_tsvector({CONFIG}, name || ' ' || description), 'C')"),
    (
        "roles_skilllevel",
        f"setweight(to_tsvector({CONFIG}, name || ' ' || descriptor || ' ' || growth || ' '"
        " || roles_search_join(examples::text[])), 'D')",
    ),
]

DOCUMENTS = """
CREATE TABLE roles_rolesearch (role_id bigint PRIMARY KEY, document tsvector NOT NULL);
CREATE INDEX roles_rolesearch_document ON roles_rolesearch USING gin (document);

-- The documents of the roles ``ids``, recomputed from the stored vectors (roles gone: dropped).
CREATE FUNCTION roles_search_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO roles_rolesearch (role_id, document)
    SELECT r.id,
        r.search_vector
        || coalesce((
            SELECT roles_tsvector_agg(rd.search_vector ORDER BY rd.dimension_id)
            FROM roles_roledimension rd WHERE rd.role_id = r.id), '')
        || coalesce((
            SELECT roles_tsvector_agg(s.search_vector || lv.search_vector ORDER BY s.id)
            FROM roles_expectation e JOIN roles_skill s ON s.id = e.skill_id
            JOIN roles_skilllevel lv ON lv.skill_id = e.skill_id AND lv.level = e.level
            WHERE e.role_id = r.id), '')
    FROM roles_role r WHERE r.id = ANY(ids)
    ON CONFLICT (role_id) DO UPDATE SET document = EXCLUDED.document;
    DELETE FROM roles_rolesearch rs
    WHERE rs.role_id = ANY(ids) AND NOT EXISTS (SELECT FROM roles_role r WHERE r.id = rs.role_id);
END $$;

-- Rows that name a role (dimension texts, expectations): their roles, before and after.
CREATE FUNCTION roles_search_by_role_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM roles_search_refresh(ARRAY(SELECT DISTINCT role_id FROM new_rows));
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM roles_search_refresh(ARRAY(SELECT DISTINCT role_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION roles_search_by_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM roles_search_refresh(ARRAY(SELECT id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM roles_search_refresh(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE n.search_vector IS DISTINCT FROM o.search_vector));
    ELSIF TG_OP = 'DELETE' THEN
        DELETE FROM roles_rolesearch WHERE role_id IN (SELECT id FROM old_rows);
    ELSE  -- TRUNCATE
        DELETE FROM roles_rolesearch;
    END IF;
    RETURN NULL;
END $$;

-- A skill's own text: every role that expects it (a new skill is expected by none yet; a
-- deleted one takes its expectations with it, and their trigger refreshes).
CREATE FUNCTION roles_search_by_skill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM roles_search_refresh(ARRAY(
        SELECT DISTINCT e.role_id FROM new_rows n JOIN old_rows o ON o.id = n.id
        JOIN roles_expectation e ON e.skill_id = n.id
        WHERE n.search_vector IS DISTINCT FROM o.search_vector));
    RETURN NULL;
END $$;

-- A rubric level: the roles that expect its skill at its level, before and after.
CREATE FUNCTION roles_search_by_skill_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM roles_search_refresh(ARRAY(
            SELECT DISTINCT e.role_id FROM new_rows n
            JOIN roles_expectation e ON e.skill_id = n.skill_id AND e.level = n.level));
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM roles_search_refresh(ARRAY(
            SELECT DISTINCT e.role_id FROM old_rows o
            JOIN roles_expectation e ON e.skill_id = o.skill_id AND e.level = o.level));
    END IF;
    RETURN NULL;
END $$;
"""

# (table, function, events): one trigger per event, since a trigger with transition
# tables may have only one.
TRIGGERS = [
    ("roles_role", "roles_search_by_role", ("INSERT", "UPDATE", "DELETE")),
    ("roles_roledimension", "roles_search_by_role_id", ("INSERT", "UPDATE", "DELETE")),
    ("roles_expectation", "roles_search_by_role_id", ("INSERT", "UPDATE", "DELETE")),
    ("roles_skill", "roles_search_by_skill", ("UPDATE",)),
    ("roles_skilllevel", "roles_search_by_skill_level", ("INSERT", "UPDATE", "DELETE")),
]
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _trigger_sql():
    statements = [
        f"CREATE TRIGGER {table}_search_{event.lower()} AFTER {event} ON {table}"
        f" REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        for table, function, events in TRIGGERS
        for event in events
    ]
    statements.append(
        "CREATE TRIGGER roles_role_search_truncate AFTER TRUNCATE ON roles_role"
        " FOR EACH STATEMENT EXECUTE FUNCTION roles_search_by_role()"
    )
    return ";\n".join(statements)


def _drop_triggers_sql():
    statements = [
        f"DROP TRIGGER {table}_search_{event.lower()} ON {table}"
        for table, _, events in TRIGGERS
        for event in events
    ]
    statements.append("DROP TRIGGER roles_role_search_truncate ON roles_role")
    return ";\n".join(statements)


DROP_DOCUMENTS = """
DROP FUNCTION roles_search_by_skill_level();
DROP FUNCTION roles_search_by_skill();
DROP FUNCTION roles_search_by_role();
DROP FUNCTION roles_search_by_role_id();
DROP FUNCTION roles_search_refresh(bigint[]);
DROP TABLE roles_rolesearch;
"""


class Migration(migrations.Migration):
    dependencies = [("roles", "0007_rubric_editors_guides")]

    operations = [
        migrations.RunSQL(JOIN, "DROP FUNCTION roles_search_join(text[])"),
        migrations.RunSQL(AGGREGATE, "DROP AGGREGATE roles_tsvector_agg(tsvector)"),
        *[
            migrations.RunSQL(
                f"ALTER TABLE {table} ADD COLUMN search_vector tsvector"
                f" GENERATED ALWAYS AS ({expression}) STORED",
                f"ALTER TABLE {table} DROP COLUMN search_vector",
            )
            for table, expression in VECTORS
        ],
        migrations.RunSQL(DOCUMENTS, DROP_DOCUMENTS),
        migrations.RunSQL(_trigger_sql(), _drop_triggers_sql()),
        # The documents of the roles already there.
        migrations.RunSQL(
            "SELECT roles_search_refresh(ARRAY(SELECT id FROM roles_role))", migrations.RunSQL.noop
        ),
    ]
