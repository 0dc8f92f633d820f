"""A real database refusal for one row, for tests of work done in batches (no mock): a trigger that makes one
statement on one row fail, on PostgreSQL and on SQLite."""

from django.db import connection


def trigger_on(row_id, table="reports_report", column="id", event="UPDATE"):
    """A real database refusal for one row: `event` (UPDATE or INSERT) on `table` where `column` is `row_id`
    raises (by default, updating that report)."""
    condition = f"NEW.{column} = {int(row_id)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_block_row() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'blocked for the test'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                f"CREATE TRIGGER test_block BEFORE {event} ON {table} FOR EACH ROW "
                f"WHEN ({condition}) EXECUTE FUNCTION test_block_row()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER test_block BEFORE {event} ON {table} FOR EACH ROW "
                f"WHEN {condition} BEGIN SELECT RAISE(ABORT, 'blocked for the test'); END"
            )


def drop_trigger(table="reports_report"):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS test_block ON {table}")
            cursor.execute("DROP FUNCTION IF EXISTS test_block_row()")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS test_block")
