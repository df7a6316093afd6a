"""The search index's models now belong to the search app (search.0001): state only, the tables
and their rows stay."""

from django.db import migrations

MOVED = ["SearchEntry", "SearchIndexState", "SearchFacetCount", "SearchFacetCell", "SearchValueCell"]


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0018_search_image_index"),
        ("search", "0001_initial_moved_from_archive"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        )
    ]
