"""The Bukharin demo archive: `manage.py load_demo` is repeatable and loads what the demo needs.

Loading takes a few seconds, so the checks of what was loaded share one load per class
(`setUpTestData`); the repeatability test loads twice on its own, into its own media folder.
"""

import io
import tempfile

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import TestCase, override_settings

from archive import models
from archive.demo.loader import DEMO_MODELS, demo_counts, load_demo_archive
from archive.kinds import RECORD_MODELS
from archive.models import Status


def archive_counts() -> dict[str, int]:
    """Rows of every model in the archive app, revision history included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("archive").get_models()
    }


@pytest.mark.django_db
def test_load_demo_twice_gives_the_same_counts_and_draws_each_image_once():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    first = archive_counts()
    files = set(models.Photograph.objects.values_list("slug", "image", "thumbnail", "sha256"))

    call_command("load_demo", stdout=io.StringIO())

    assert archive_counts() == first
    # Nothing was redrawn or rewritten on the second run.
    assert set(models.Photograph.objects.values_list("slug", "image", "thumbnail", "sha256")) == (
        files
    )
    assert "Demo archive and exhibits loaded." in out.getvalue()
    for photograph in models.Photograph.objects.all():
        assert photograph.image.storage.exists(photograph.image.name), photograph.slug
        assert photograph.thumbnail.storage.exists(photograph.thumbnail.name), photograph.slug
        assert len(photograph.sha256) == 64
        assert photograph.byte_size == photograph.image.size
        assert (photograph.width, photograph.height) == (1200, 900)


class DemoArchiveTests(TestCase):
    demo: dict[str, int]

    @classmethod
    def setUpClass(cls) -> None:
        media = tempfile.TemporaryDirectory()
        cls.addClassCleanup(media.cleanup)
        cls.enterClassContext(override_settings(MEDIA_ROOT=media.name))
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        cls.demo = load_demo_archive()

    def test_service_returns_the_counts_of_what_it_wrote(self):
        assert self.demo == demo_counts()
        assert list(self.demo) == [model.__name__ for model in DEMO_MODELS]

    def test_minimum_numbers(self):
        assert self.demo["Person"] >= 25
        assert self.demo["PersonRelation"] >= 15
        assert self.demo["Document"] >= 10
        assert self.demo["Photograph"] == 12
        assert self.demo["Trial"] == 1
        assert self.demo["Event"] >= 15
        assert self.demo["Collection"] >= 4
        assert self.demo["Subject"] >= 8
        assert self.demo["RightsStatement"] >= 2
        assert models.Event.objects.exclude(date="").count() == self.demo["Event"]
        assert (
            models.Event.objects.filter(persons__isnull=False).distinct().count()
            == self.demo["Event"]
        )
        assert set(models.Document.objects.values_list("language", flat=True)) >= {"ru", "en", "fr"}

    def test_bukharin_has_cyrillic_and_transliterated_names(self):
        bukharin = models.Person.objects.get(slug="nikolai-bukharin")
        names = set(bukharin.alternate_names.values_list("name", flat=True))
        assert {
            "Николай Иванович Бухарин",
            "Бухарин",
            "Boukharine",
            "Bucharin",
            "Nikolai Ivanovich Bukharin",
            "N. I. Bukharin",
        } <= names
        assert bukharin.birth == "1888-10-09"
        assert bukharin.death == "1938-03-15"
        assert bukharin.birth_place.name == "Moscow"
        assert bukharin.portrait is not None
        friends = bukharin.relations.filter(kind=models.PersonRelation.Kind.FRIEND)
        assert friends.filter(related__slug="ilya-ehrenburg").exists()
        spouse = bukharin.relations.get(kind=models.PersonRelation.Kind.SPOUSE)
        assert spouse.related.title == "Anna Larina"
        assert spouse.source.key == "seed-49"

    def test_abc_of_communism_has_two_authors(self):
        abc = models.Document.objects.get(slug="abc-of-communism")
        assert [person.slug for person in abc.authors()] == [
            "nikolai-bukharin",
            "yevgeni-preobrazhensky",
        ]

    def test_trial_of_the_twenty_one(self):
        trial = models.Trial.objects.get(slug="trial-of-the-twenty-one")
        assert trial.defendant_count == 21
        assert trial.date == "1938-03-02/1938-03-13"
        assert trial.court == "Military Collegium of the Supreme Court of the USSR"
        assert trial.prosecutor.slug == "andrey-vyshinsky"
        assert trial.place.name == "House of the Unions"
        defendants = {d.person.slug: d for d in trial.defendants.select_related("person")}
        assert set(defendants) == {
            "nikolai-bukharin",
            "alexei-rykov",
            "christian-rakovsky",
            "nikolai-krestinsky",
            "genrikh-yagoda",
        }
        assert {d.verdict for d in defendants.values()} == {models.Defendant.Verdict.GUILTY}
        assert defendants["nikolai-bukharin"].carried_out == "1938-03-15"
        assert defendants["nikolai-bukharin"].rehabilitated == "1988-02-04"
        assert defendants["nikolai-krestinsky"].rehabilitated == "1963"
        assert defendants["christian-rakovsky"].carried_out == "1941-09-11"
        assert defendants["genrikh-yagoda"].rehabilitated == ""
        assert set(trial.documents.values_list("slug", flat=True)) == {
            "bukharin-last-plea",
            "verdict-trial-of-the-twenty-one",
        }

    def test_each_photograph_has_image_fixity_thumbnail_alt_text_date_and_people(self):
        for photograph in models.Photograph.objects.all():
            assert photograph.image.name.endswith(f"{photograph.slug}.jpg")
            assert len(photograph.sha256) == 64, photograph.slug
            assert photograph.thumbnail, photograph.slug
            assert photograph.alt_text.strip()
            assert photograph.caption.strip()
            assert photograph.date and photograph.date_lower and photograph.date_upper
            assert photograph.depicted.exists(), photograph.slug
            assert photograph.rights.uri == "https://creativecommons.org/licenses/by/4.0/"
        mugshot = models.Photograph.objects.get(slug="bukharin-okhrana-mugshot")
        assert mugshot.date == "1909~/1911~"
        assert mugshot.date_text == "c. 1909–1911"
        group = models.Photograph.objects.get(
            slug="old-bolsheviks-bukharin-skvortsov-stepanov-karakhan"
        )
        assert [p.slug for p in group.depicted.order_by("depiction__position")] == [
            "nikolai-bukharin",
            "ivan-skvortsov-stepanov",
            "lev-karakhan",
        ]

    def test_seed_notes_are_sources_and_citation_needed_flags_exist(self):
        notes = [13, 17, 18, 34, 37, 38, 42, 43, 46, 49, 62, 63]
        for number in notes:
            source = models.Source.objects.get(key=f"seed-{number}")
            assert source.csl_type == models.Source.Type.DOCUMENT
            assert source.citations.exists(), source.key
        trial = models.Trial.objects.get(slug="trial-of-the-twenty-one")
        quotes = set(models.Citation.objects.for_object(trial).values_list("quote", flat=True))
        assert "accursed crossbreed of fox and pig" in quotes
        assert models.Citation.objects.filter(
            quote__contains="is a treasure for his country"
        ).exists()

        needed = models.CitationNeeded.objects.needing_source()
        assert needed.count() >= 3
        novy_mir = models.Document.objects.get(slug="novy-mir-new-york")
        assert models.Citation.objects.for_object(novy_mir).needing_source().exists()

    def test_some_records_are_not_public(self):
        states = {Status.DRAFT, Status.REVIEW, Status.WITHDRAWN}
        unpublished = {
            model.__name__: set(
                model.objects.exclude(status=Status.PUBLISHED).values_list("status", flat=True)
            )
            for model in RECORD_MODELS
        }
        assert set().union(*unpublished.values()) == states
        assert unpublished["Person"] == states
        assert Status.REVIEW in unpublished["Document"]
        assert Status.WITHDRAWN in unpublished["Photograph"]
        assert models.Person.objects.public().count() < models.Person.objects.count()
        assert models.Photograph.objects.public().count() < models.Photograph.objects.count()
