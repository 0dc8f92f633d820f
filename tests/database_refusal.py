"""A real database refusal for one row, for tests of work done in batches (no mock): a trigger that makes any
UPDATE of one report fail, on PostgreSQL and on SQLite."""

from django.db import connection


def trigger_on(report_id):
    """A real database refusal for one row: updating that report raises."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION test_block_report() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'blocked for the test'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER test_block BEFORE UPDATE ON reports_report FOR EACH ROW "
                f"WHEN (NEW.id = {int(report_id)}) EXECUTE FUNCTION test_block_report()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER test_block BEFORE UPDATE ON reports_report FOR EACH ROW "
                f"WHEN NEW.id = {int(report_id)} BEGIN SELECT RAISE(ABORT, 'blocked for the test'); END"
            )


def drop_trigger():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER IF EXISTS test_block ON reports_report")
            cursor.execute("DROP FUNCTION IF EXISTS test_block_report()")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS test_block")
