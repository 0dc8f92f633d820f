"""Migration operations that build indexes without locking a big table against writes.

On PostgreSQL an index is created with CREATE INDEX CONCURRENTLY (reports keep coming in while it builds);
on SQLite (development, tests) it is an ordinary CREATE INDEX. A migration using these must say
`atomic = False`: PostgreSQL cannot build an index concurrently inside a transaction.
"""

from django.db import migrations


def _concurrently(schema_editor):
    return schema_editor.connection.vendor == "postgresql"


class AddIndexConcurrently(migrations.AddIndex):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if _concurrently(schema_editor):
            schema_editor.add_index(model, self.index, concurrently=True)
        else:
            schema_editor.add_index(model, self.index)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        model = from_state.apps.get_model(app_label, self.model_name)
        if not self.allow_migrate_model(schema_editor.connection.alias, model):
            return
        if _concurrently(schema_editor):
            schema_editor.remove_index(model, self.index, concurrently=True)
        else:
            schema_editor.remove_index(model, self.index)


class RunSQLOnPostgreSQL(migrations.RunSQL):
    """Raw SQL for PostgreSQL only (a full-text column, a GIN index); nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
