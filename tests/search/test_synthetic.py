"""`manage.py generate_synthetic_archive`: realistic synthetic records for the search benchmark
(Zipf-like words and names, several persons and subjects per record, fuzzy dates, 10% unpublished),
written in batches with a progress bar, then indexed."""

import io
import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command

from archive import dates
from archive.models import Collection, Document, Event, Person, Photograph, Status, Subject
from benchmarks import synthetic
from search.entry import SearchEntry

pytestmark = pytest.mark.django_db

KINDS = (Document, Photograph, Event)


def synthetic_records(model):
    return model.objects.filter(slug__startswith=synthetic.SLUG_PREFIX)


def test_command_writes_in_batches_with_progress_and_indexes_everything():
    out = io.StringIO()
    call_command(
        "generate_synthetic_archive", "--records", "1000", "--batch-size", "300", stdout=out
    )
    written = {model: synthetic_records(model).count() for model in KINDS}
    assert sum(written.values()) == 1000
    assert written[Document] > written[Photograph] > written[Event] > 0  # 50/30/20 shares
    text = out.getvalue()
    assert re.search(r"Written: document [\d,]+", text)
    assert re.search(r"Done in \d+ s\.", text)
    assert "records: 1,000" in text and "document: " in text  # each phase's progress summary
    indexed = SearchEntry.objects.filter(slug__startswith=synthetic.SLUG_PREFIX)
    assert indexed.exclude(kind="person").count() == 1000
    assert indexed.filter(kind="person").count() == synthetic.PERSONS

    records = [r for model in KINDS for r in synthetic_records(model)]
    unpublished = sum(r.status != Status.PUBLISHED for r in records)
    assert 0.06 < unpublished / len(records) < 0.14  # ~10%
    rows = list(indexed.exclude(kind="person"))
    assert sum(len(row.person_ids) for row in rows) / len(rows) >= 1.5
    assert sum(len(row.subject_ids) for row in rows) / len(rows) >= 2.5


def test_clear_and_no_index():
    call_command(
        "generate_synthetic_archive", "--records", "30", "--no-index", stdout=io.StringIO()
    )
    assert synthetic_records(Document).exists()
    assert not SearchEntry.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).exists()
    out = io.StringIO()
    call_command("generate_synthetic_archive", "--records", "0", "--clear", stdout=out)
    assert "Cleared 30 synthetic records." in out.getvalue()
    assert not any(synthetic_records(model).exists() for model in KINDS)
    # Clearing with no records to add leaves no synthetic person, subject or collection either.
    assert not synthetic_records(Person).exists()
    assert not Subject.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).exists()
    assert not Collection.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).exists()
    assert not SearchEntry.objects.filter(slug__startswith=synthetic.SLUG_PREFIX).exists()


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError, match="--records"):
        call_command("generate_synthetic_archive", "--records", "-1", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--batch-size"):
        call_command("generate_synthetic_archive", "--batch-size", "0", stdout=io.StringIO())


def test_words_follow_a_zipf_like_law_and_markers_their_rates():
    gen = synthetic.Generator(seed=5)
    descriptions = [gen.description().lower() for _ in range(3000)]
    words = Counter(w.strip(".") for d in descriptions for w in d.split())
    ranked = [n for _, n in words.most_common()]
    assert ranked[0] / ranked[99] > 30  # 100^1.07 ≈ 138 in the vocabulary's weights
    share = {m: sum(m.lower() in d for d in descriptions) / 3000 for m, _ in synthetic.MARKERS}
    assert 0.12 < share["party"] < 0.18
    assert 0.03 < share["trial"] < 0.07


def test_fuzzy_dates_are_valid_edtf_with_the_bounds_the_parser_gives():
    gen = synthetic.Generator(seed=3)
    forms = set()
    for _ in range(400):
        text, lower, upper = gen.edtf()
        assert dates.bounds(text) == (lower, upper), text
        forms.add(re.sub(r"\d", "9", text))
    assert {"9999", "9999-99", "9999~/9999~", "9999-99-99", "999X"} <= forms
