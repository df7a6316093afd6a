"""A small archive built around Bukharin, indexed the way the site indexes it (after commit).

Ten public records, and unpublished ones (draft, in review, withdrawn, scheduled for the future)
that would match the same searches and change every count if the engine ever let them through.
"""

import dataclasses
import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from archive.models import PersonName, Place, Status
from search.engine import search
from search.query import SearchQuery
from tests import factories as f


def person(title: str, *names: str, **kwargs):
    record = f.PersonFactory(title=title, **kwargs)
    for name in names:
        PersonName.objects.create(person=record, name=name)
    return record


def build_archive() -> SimpleNamespace:
    a = SimpleNamespace()
    a.papers = f.CollectionFactory(title="Bukharin papers", slug="papers")
    a.press = f.CollectionFactory(title="Press archive", slug="press")
    a.politics = f.SubjectFactory(name="Politics", slug="politics")
    a.economics = f.SubjectFactory(name="Economics", slug="economics")
    a.trials = f.SubjectFactory(name="Trials", slug="trials")

    a.bukharin = person(
        "Nikolai Bukharin",
        "Николай Бухарин",
        "Boukharine",
        "Bucharin",
        slug="bukharin",
        sort_name="Bukharin, Nikolai Ivanovich",
        summary="Bolshevik revolutionary, economist and editor of Pravda.",
        birth="1888-10-09",
        death="1938-03-15",
        collection=a.papers,
    )
    a.bukharin.subjects.set([a.politics])
    a.rykov = person(
        "Alexei Rykov",
        "Алексей Рыков",
        slug="rykov",
        summary="Chairman of the Council of People's Commissars.",
        birth="1881-02-25",
        death="1938-03-15",
        collection=a.papers,
    )
    a.rykov.subjects.set([a.politics])

    def document(slug, title, date, authors, language, collection, subjects, text, **kwargs):
        record = f.DocumentFactory(
            slug=slug,
            title=title,
            date=date,
            language=language,
            collection=collection,
            transcription=text,
            **kwargs,
        )
        record.contributors.set(authors)
        record.subjects.set(subjects)
        return record

    a.abc = document(
        "abc",
        "The ABC of Communism",
        "1920",
        [a.bukharin],
        "en",
        a.papers,
        [a.politics, a.economics],
        "Communism and the programme of the party. The right opposition came later.",
        summary="A popular explanation of the party programme.",
    )
    a.econ = document(
        "econ",
        "The Economics of the Transition Period",
        "1920",
        [a.bukharin],
        "ru",
        a.papers,
        [a.economics],
        "The opposition on the right of the hall objected to the plan.",
    )
    a.letter = document(
        "letter",
        "Letter to a Future Generation of Party Leaders",
        "1938",
        [a.bukharin],
        "ru",
        a.papers,
        [a.politics, a.trials],
        "I am leaving life. I bow my head before the proletarian axe.",
    )
    a.speech = document(
        "speech",
        "Speech on industrialisation",
        "1928",
        [a.rykov],
        "ru",
        a.press,
        [a.economics],
        "Tractors and grain procurement in the villages.",
    )
    a.congress = f.PhotographFactory(
        slug="congress",
        title="Delegates at the Comintern congress",
        date="1926-06",
        caption="The fifth world congress in the Kremlin.",
        collection=a.press,
        language="",
    )
    a.congress.depicted.set([a.bukharin])
    a.congress.subjects.set([a.politics])
    a.rykov_photo = f.PhotographFactory(
        slug="rykov-photo",
        title="Portrait in a Moscow studio",
        date="1929",
        collection=a.press,
        language="",
    )
    a.rykov_photo.depicted.set([a.rykov])
    a.trial = f.TrialFactory(
        slug="trial",
        title="Trial of the Anti-Soviet Bloc of Rights and Trotskyites",
        date="1938-03-02/1938-03-13",
        language="ru",
        collection=a.press,
    )
    f.DefendantFactory(trial=a.trial, person=a.bukharin, charges="Treason and espionage.")
    f.DefendantFactory(trial=a.trial, person=a.rykov, position=1)
    a.trial.subjects.set([a.trials])
    a.expelled = f.EventFactory(
        slug="expelled",
        title="Expelled from the Politburo",
        date="1929-11-17",
        collection=a.papers,
        language="",
    )
    a.expelled.persons.set([a.bukharin])
    a.expelled.subjects.set([a.politics])
    a.public = [
        a.bukharin,
        a.rykov,
        a.abc,
        a.econ,
        a.letter,
        a.speech,
        a.congress,
        a.rykov_photo,
        a.trial,
        a.expelled,
    ]

    # Unpublished records that match "Bukharin" (and "communism", "opposition", the facets).
    future = timezone.now() + datetime.timedelta(days=30)
    a.draft = document(
        "draft",
        "Bukharin's draft notes on communism",
        "1920",
        [a.bukharin],
        "en",
        a.papers,
        [a.politics, a.economics],
        "Draft: the right opposition and communism.",
        status=Status.DRAFT,
    )
    a.withdrawn = document(
        "withdrawn",
        "Withdrawn Bukharin pamphlet",
        "1925",
        [a.bukharin],
        "de",
        a.press,
        [a.trials],
        "Communism in one country.",
        status=Status.WITHDRAWN,
    )
    a.review_photo = f.PhotographFactory(
        slug="review-photo",
        title="Bukharin at his desk",
        date="1930",
        status=Status.REVIEW,
        collection=a.papers,
    )
    a.review_photo.depicted.set([a.bukharin])
    a.review_photo.subjects.set([a.politics])
    a.scheduled = f.EventFactory(
        slug="scheduled",
        title="Bukharin anniversary lecture on communism",
        date="1988",
        published_at=future,
        collection=a.papers,
        language="ru",
    )
    a.scheduled.persons.set([a.bukharin])
    a.scheduled.subjects.set([a.politics])
    a.larina = person(
        "Anna Larina",
        "Anna Bukharina",
        "Анна Бухарина",
        slug="larina",
        status=Status.DRAFT,
        birth="1914",
        death="1996",
        collection=a.papers,
    )
    a.unpublished = [a.draft, a.withdrawn, a.review_photo, a.scheduled, a.larina]
    return a


@pytest.fixture
def archive(db, django_capture_on_commit_callbacks) -> SimpleNamespace:
    """The small archive, indexed by the on-commit signal handlers as in production."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_archive()


def run(text: str = "", **kwargs) -> "search":
    return search(SearchQuery(text=text, **kwargs))


def found(results) -> set[str]:
    """The slugs of a result page."""
    return {hit.slug for hit in results.hits}


def counts(results, facet: str) -> dict:
    return {v.value: v.count for v in results.facets[facet]}


def place(slug: str, name: str, latitude=None, longitude=None, **kwargs) -> Place:
    return f.PlaceFactory(
        slug=slug,
        name=name,
        latitude=None if latitude is None else Decimal(latitude),
        longitude=None if longitude is None else Decimal(longitude),
        **kwargs,
    )


@pytest.fixture
def located(archive):
    """The small archive with places (for the search's maps and its place filter). The unpublished
    records name places no public record names (Paris, London, New York) and Moscow."""
    p = dataclasses.make_dataclass("Places", [])()
    p.moscow = place("moscow", "Moscow", "55.755800", "37.617300")
    p.house = place("house", "House of the Unions", "55.759200", "37.616700", parent=p.moscow)
    p.saratov = place("saratov", "Saratov", "51.533300", "46.033300")
    p.leningrad = place("leningrad", "Leningrad", "59.938600", "30.314100")
    p.nowhere = place("nowhere", "A village nobody located")
    p.paris = place("paris", "Paris", "48.856600", "2.352200")
    p.london = place("london", "London", "51.507400", "-0.127800")
    p.new_york = place("new-york", "New York City", "40.712800", "-74.006000")
    a = archive
    links = {
        a.bukharin: {"birth_place": p.moscow, "death_place": p.moscow},  # counted once
        a.rykov: {"birth_place": p.saratov, "death_place": p.moscow},
        a.abc: {"place": p.moscow},
        a.econ: {"place": p.moscow},
        a.letter: {"place": p.house},
        a.speech: {"place": p.leningrad},
        a.congress: {"place": p.moscow},
        a.rykov_photo: {"place": p.nowhere},
        a.trial: {"place": p.house},
        a.expelled: {"place": p.moscow},
        a.draft: {"place": p.paris},
        a.withdrawn: {"place": p.london},
        a.review_photo: {"place": p.moscow},
        a.scheduled: {"place": p.new_york},
        a.larina: {"birth_place": p.moscow, "death_place": p.paris},
    }
    # Places are not in the index: setting them writes no index row.
    for record, values in links.items():
        type(record).objects.filter(pk=record.pk).update(**values)
    return p
