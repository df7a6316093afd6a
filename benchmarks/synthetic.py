"""A synthetic archive for benchmarks: realistic enough that search behaves as on real data.

Descriptions are 50–150 words drawn with Zipf frequencies from a made-up vocabulary, plus three
marker words at fixed rates so benchmarks have terms of known selectivity ("party" in ~15% of
records, "trial" in ~5%, and the pair "Rykov Bukharin" in ~0.2%). Each record links ~2 persons (of
5,000, Zipf-weighted) and ~3 subjects (of 500), has a fuzzy EDTF date, and 10% are unpublished.
Records are written with bulk_create in batches; the search index is then built by the same code
that indexes curators' records (search.index.rebuild).
"""

import calendar
import datetime
import itertools
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from archive.models import (
    Collection,
    Contribution,
    Depiction,
    Document,
    Event,
    Person,
    Photograph,
    Status,
    Subject,
)
from search.entry import SearchEntry
from search.index import forget

SLUG_PREFIX = "syn-"
PERSONS = 5_000
SUBJECTS = 500
COLLECTIONS = 12
SENTENCES = 20_000
LANGUAGES = ["en", "en", "en", "ru", "ru", "de", "fr"]
SYLLABLES = "ka ri mo le su va to ne pi ro da mi lu se ko ba ve ti no ra zu fe".split()  # noqa: SIM905
# The kinds written and their shares of the records.
KIND_SHARES = [(Document, 0.5), (Photograph, 0.3), (Event, 0.2)]
MARKERS = [("party", 0.15), ("trial", 0.05), ("Rykov Bukharin", 0.002)]
UNPUBLISHED = [Status.DRAFT, Status.REVIEW, Status.WITHDRAWN]


class Generator:
    def __init__(self, seed: int = 1938) -> None:
        self.random = random.Random(seed)
        self.vocabulary = self._vocabulary(30_000)
        weights = [1 / (rank**1.07) for rank in range(1, len(self.vocabulary) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.sentences = [self._sentence() for _ in range(SENTENCES)]

    def _vocabulary(self, size: int) -> list[str]:
        words: dict[str, None] = {}
        while len(words) < size:
            parts = self.random.randint(2, 4)
            words["".join(self.random.choices(SYLLABLES, k=parts))] = None
        return list(words)

    def _sentence(self) -> str:
        words = self.random.choices(
            self.vocabulary, cum_weights=self.cumulative, k=self.random.randint(6, 14)
        )
        return " ".join(words).capitalize() + "."

    def description(self) -> str:
        text = " ".join(self.random.choices(self.sentences, k=self.random.randint(5, 12)))
        for marker, rate in MARKERS:
            if self.random.random() < rate:
                text += f" {marker.capitalize()} {self.random.choice(self.sentences).lower()}"
        return text

    def edtf(self) -> tuple[str, datetime.date, datetime.date]:
        """A fuzzy date as EDTF with its bounds, made together (parsing a million is slow)."""
        year = self.random.randint(1880, 1990)
        month = self.random.randint(1, 12)
        form = self.random.random()
        if form < 0.45:
            return str(year), datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if form < 0.70:
            last = calendar.monthrange(year, month)[1]
            return (
                f"{year}-{month:02d}",
                datetime.date(year, month, 1),
                datetime.date(year, month, last),
            )
        if form < 0.85:
            end = year + self.random.randint(1, 3)
            return f"{year}~/{end}~", datetime.date(year, 1, 1), datetime.date(end, 12, 31)
        if form < 0.95:
            day = datetime.date(year, month, self.random.randint(1, 28))
            return day.isoformat(), day, day
        decade = year // 10 * 10
        return f"{str(year)[:3]}X", datetime.date(decade, 1, 1), datetime.date(decade + 9, 12, 31)

    def status(self) -> str:
        if self.random.random() < 0.10:
            return self.random.choice(UNPUBLISHED)
        return Status.PUBLISHED


def _vocab(gen: Generator, now) -> tuple[list[int], list[int], list[int]]:
    collections = [
        Collection.objects.update_or_create(
            slug=f"{SLUG_PREFIX}collection-{i}", defaults={"title": f"Synthetic collection {i}"}
        )[0].pk
        for i in range(COLLECTIONS)
    ]
    subjects = [
        Subject.objects.update_or_create(
            slug=f"{SLUG_PREFIX}subject-{i}",
            defaults={"name": " ".join(gen.random.sample(gen.vocabulary[:3000], 2)).title()},
        )[0].pk
        for i in range(SUBJECTS)
    ]
    existing = dict(Person.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", "pk"))
    persons = []
    for i in range(PERSONS):
        slug = f"{SLUG_PREFIX}person-{i}"
        if slug in existing:
            continue
        given, family = (w.capitalize() for w in gen.random.sample(gen.vocabulary[:8000], 2))
        birth = gen.random.randint(1850, 1940)
        death = birth + gen.random.randint(20, 80)
        persons.append(
            Person(
                title=f"{given} {family}",
                sort_name=f"{family}, {given}",
                slug=slug,
                summary=gen.description()[:200],
                birth=str(birth),
                birth_lower=datetime.date(birth, 1, 1),
                birth_upper=datetime.date(birth, 12, 31),
                death=str(death),
                death_lower=datetime.date(death, 1, 1),
                death_upper=datetime.date(death, 12, 31),
                status=Status.PUBLISHED,
                published_at=now,
                collection_id=gen.random.choice(collections),
                language=gen.random.choice(LANGUAGES),
            )
        )
    Person.objects.bulk_create(persons, batch_size=1000)
    person_ids = list(
        Person.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return collections, subjects, person_ids


def generate(
    records: int,
    *,
    batch_size: int = 5_000,
    seed: int = 1938,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Add `records` synthetic records (persons are shared); return the counts written by kind.

    The search index is not touched here: call search.index.rebuild afterwards.
    No records, nothing written: not even the shared persons, subjects and collections.
    """
    if records <= 0:
        return {}
    gen = Generator(seed)
    now = timezone.now()
    collections, subjects, person_ids = _vocab(gen, now)
    person_weights = list(
        itertools.accumulate(1 / (rank**0.9) for rank in range(1, len(person_ids) + 1))
    )
    start = Document.objects.filter(slug__startswith=SLUG_PREFIX).count()
    start += Photograph.objects.filter(slug__startswith=SLUG_PREFIX).count()
    start += Event.objects.filter(slug__startswith=SLUG_PREFIX).count()
    counts: dict[str, int] = {}
    serial = itertools.count(start)
    remaining = records
    while remaining > 0:
        size = min(batch_size, remaining)
        with transaction.atomic():
            for model, share in KIND_SHARES:
                n = max(1, round(size * share)) if size >= 3 else (1 if model is Document else 0)
                if not n:
                    continue
                made = _batch(
                    gen, model, n, serial, now, collections, subjects, person_ids, person_weights
                )
                counts[model._meta.model_name] = counts.get(model._meta.model_name, 0) + made
        remaining -= size
        if progress:
            progress(size)
    return counts


def _batch(gen, model, n, serial, now, collections, subjects, person_ids, person_weights) -> int:
    objects = []
    for _ in range(n):
        number = next(serial)
        date, lower, upper = gen.edtf()
        status = gen.status()
        fields = {
            "title": " ".join(
                gen.random.choices(gen.vocabulary[:5000], k=gen.random.randint(2, 6))
            ).capitalize(),
            "slug": f"{SLUG_PREFIX}{model._meta.model_name}-{number}",
            "summary": gen.random.choice(gen.sentences),
            "description": gen.description(),
            "status": status,
            "published_at": now if status == Status.PUBLISHED else None,
            "collection_id": gen.random.choice(collections),
            "language": gen.random.choice(LANGUAGES),
            "date": date,
            "date_lower": lower,
            "date_upper": upper,
        }
        if model is Photograph:
            fields["alt_text"] = fields["summary"][:200]
        objects.append(model(**fields))
    model.objects.bulk_create(objects)
    subject_links, person_links = [], []
    through = model.subjects.through
    for obj in objects:
        for subject_id in set(gen.random.sample(subjects, gen.random.randint(1, 5))):
            subject_links.append(
                through(**{f"{model._meta.model_name}_id": obj.pk, "subject_id": subject_id})
            )
        chosen = set(
            gen.random.choices(person_ids, cum_weights=person_weights, k=gen.random.randint(1, 3))
        )
        for position, person_id in enumerate(chosen):
            if model is Document:
                person_links.append(
                    Contribution(document=obj, person_id=person_id, position=position)
                )
            elif model is Photograph:
                person_links.append(
                    Depiction(photograph=obj, person_id=person_id, position=position)
                )
            else:
                person_links.append(model.persons.through(event_id=obj.pk, person_id=person_id))
    through.objects.bulk_create(subject_links, batch_size=5000)
    if person_links:
        type(person_links[0]).objects.bulk_create(person_links, batch_size=5000)
    return len(objects)


@transaction.atomic
def clear() -> int:
    """Delete every synthetic record, person and vocabulary entry; return how many records."""
    forget(SearchEntry.objects.filter(slug__startswith=SLUG_PREFIX))
    deleted = 0
    for model in (Document, Photograph, Event):
        ids = model.objects.filter(slug__startswith=SLUG_PREFIX).values("pk")
        deleted += model.objects.filter(pk__in=ids).delete()[1].get(model._meta.label, 0)
    Person.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    Subject.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    Collection.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    return deleted
