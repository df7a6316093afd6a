"""The search index's models move from the archive app into this one: state only.

Their tables (archive_search_*) and everything the archive's migrations made for them (the
full-text structures, triggers, indexes) stay as they are; a database that had them keeps every
row. The content types of the moved models are renamed so that nothing pointing at them breaks.
"""

import archive.fields
import django.db.models.functions.text
from django.db import migrations, models


MOVED = ["searchentry", "searchindexstate", "searchfacetcount", "searchfacetcell", "searchvaluecell"]


def rename_content_types(apps, schema_editor, old="archive", new="search"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MOVED:
        if not ContentType.objects.using(db).filter(app_label=new, model=model).exists():
            ContentType.objects.using(db).filter(app_label=old, model=model).update(app_label=new)


def restore_content_types(apps, schema_editor):
    rename_content_types(apps, schema_editor, old="search", new="archive")


class Migration(migrations.Migration):

    initial = True

    # The tables were made by archive's migrations 0002-0018, while search lived in that app.
    dependencies = [
        ("archive", "0018_search_image_index"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='SearchIndexState',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('generation', models.BigIntegerField(default=0)),
                        ('next_publication', models.DateTimeField(null=True)),
                    ],
                    options={
                        'db_table': 'archive_search_state',
                    },
                ),
                migrations.CreateModel(
                    name='SearchEntry',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=12)),
                        ('object_id', models.BigIntegerField()),
                        ('slug', models.CharField(max_length=200)),
                        ('title', models.TextField()),
                        ('sort_title', models.CharField(db_index=True, max_length=200)),
                        ('names', models.TextField(blank=True)),
                        ('summary', models.TextField(blank=True)),
                        ('body', models.TextField(blank=True)),
                        ('date_lower', models.DateField(null=True)),
                        ('date_upper', models.DateField(null=True)),
                        ('decade', models.SmallIntegerField(null=True)),
                        ('language', models.CharField(blank=True, max_length=10)),
                        ('collection_id', models.BigIntegerField(null=True)),
                        ('person_ids', archive.fields.IdListField(default=list)),
                        ('subject_ids', archive.fields.IdListField(default=list)),
                        ('has_image', models.BooleanField(default=False)),
                        ('thumbnail_slug', models.CharField(blank=True, max_length=200)),
                        ('date_text', models.CharField(blank=True, max_length=200)),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], max_length=10)),
                        ('published_at', models.DateTimeField(null=True)),
                        ('indexed_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'search index entry',
                        'verbose_name_plural': 'search index entries',
                        'db_table': 'archive_search_entry',
                        'indexes': [models.Index(fields=['date_lower', 'id'], name='archive_search_date_idx'), models.Index(fields=['kind', 'decade', 'date_lower'], include=('status', 'published_at', 'person_ids', 'subject_ids'), name='archive_search_kind_dec_cov'), models.Index(fields=['collection_id'], name='archive_search_collection_idx'), models.Index(fields=['language'], name='archive_search_language_idx'), models.Index(condition=models.Q(('has_image', True)), fields=['sort_title', 'id'], name='archive_search_image_idx')],
                        'constraints': [models.UniqueConstraint(fields=('kind', 'object_id'), name='archive_search_entry_record')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchFacetCell',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=12)),
                        ('decade', models.CharField(blank=True, max_length=8)),
                        ('language', models.CharField(blank=True, max_length=10)),
                        ('collection', models.CharField(blank=True, max_length=20)),
                        ('has_image', models.CharField(max_length=1)),
                        ('count', models.BigIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'archive_search_facet_cell',
                        'constraints': [models.UniqueConstraint(fields=('kind', 'decade', 'language', 'collection', 'has_image'), name='archive_search_cell_key')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchFacetCount',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('facet', models.CharField(max_length=12)),
                        ('value', models.CharField(blank=True, max_length=64)),
                        ('count', models.BigIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'archive_search_facet_count',
                        'indexes': [models.Index(models.F('facet'), models.OrderBy(models.F('count'), descending=True), django.db.models.functions.text.Length('value'), models.F('value'), name='archive_search_count_top')],
                        'constraints': [models.UniqueConstraint(fields=('facet', 'value'), name='archive_search_count_key')],
                    },
                ),
                migrations.CreateModel(
                    name='SearchValueCell',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=12)),
                        ('decade', models.CharField(blank=True, max_length=8)),
                        ('language', models.CharField(blank=True, max_length=10)),
                        ('collection', models.CharField(blank=True, max_length=20)),
                        ('has_image', models.CharField(max_length=1)),
                        ('count', models.BigIntegerField(default=0)),
                        ('facet', models.CharField(max_length=12)),
                        ('value', models.CharField(max_length=20)),
                    ],
                    options={
                        'db_table': 'archive_search_value_cell',
                        'constraints': [models.UniqueConstraint(fields=('facet', 'kind', 'decade', 'language', 'collection', 'has_image', 'value'), name='archive_search_value_cell_key')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
