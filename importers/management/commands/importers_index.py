from search.management.index_alias_command import IndexAliasCommand


class Command(IndexAliasCommand):
    old_name = "importers_index"
    index = "importers"
