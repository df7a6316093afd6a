"""Every archive admin page renders for a curator, and the admin is wired as curators need it."""

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.contrib.contenttypes.admin import GenericInlineModelAdmin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from archive import models as archive_models
from archive.kinds import RECORD_MODELS
from tests import factories

ARCHIVE_ADMINS = sorted(
    (model for model in admin.site._registry if model._meta.app_label == "archive"),
    key=lambda model: model._meta.model_name,
)

# One way to make an instance of each registered archive model.
MAKERS: dict[type[models.Model], Callable[[], models.Model]] = {
    archive_models.Person: factories.PersonFactory,
    archive_models.Document: factories.DocumentFactory,
    archive_models.Photograph: factories.PhotographFactory,
    archive_models.Trial: factories.TrialFactory,
    archive_models.Event: factories.EventFactory,
    archive_models.Place: factories.PlaceFactory,
    archive_models.Collection: factories.CollectionFactory,
    archive_models.Subject: factories.SubjectFactory,
    archive_models.RightsStatement: factories.RightsStatementFactory,
    archive_models.Source: factories.SourceFactory,
    archive_models.Citation: factories.CitationFactory,
    archive_models.CitationNeeded: lambda: factories.CitationFactory(source=None),
    archive_models.FixityCheck: lambda: archive_models.FixityCheck.objects.create(
        photograph=factories.PhotographFactory(),
        checked_at=timezone.now(),
        result=archive_models.FixityCheck.Result.OK,
    ),
    archive_models.PageFixityCheck: lambda: archive_models.PageFixityCheck.objects.create(
        page=factories.DocumentPageFactory(),
        checked_at=timezone.now(),
        result=archive_models.PageFixityCheck.Result.OK,
    ),
}
# Pages without an add view: the worklist (flags are raised on records) and the fixity log
# (written by check_fixity).
NO_ADD_PAGE = {
    archive_models.CitationNeeded,
    archive_models.FixityCheck,
    archive_models.PageFixityCheck,
}


def admin_url(model: type[models.Model], view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_archive_model_is_in_the_admin():
    expected = {
        *RECORD_MODELS,
        archive_models.Place,
        archive_models.Collection,
        archive_models.Subject,
        archive_models.RightsStatement,
        archive_models.Source,
        archive_models.Citation,
        archive_models.CitationNeeded,
        archive_models.FixityCheck,
        archive_models.PageFixityCheck,
    }
    assert set(ARCHIVE_ADMINS) == expected == set(MAKERS)


@pytest.mark.parametrize("model", ARCHIVE_ADMINS, ids=lambda m: m._meta.model_name)
def test_changelist_and_change_pages_render_for_a_curator(curator_client, model):
    obj = MAKERS[model]()
    changelist = curator_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert admin_url(model, "change", obj.pk) in changelist.content.decode()

    change = curator_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert change.context["adminform"].form.instance.pk == obj.pk

    # The worklist's History shows the citation's own revisions (a redirect there).
    history = curator_client.get(admin_url(model, "history", obj.pk), follow=True)
    assert history.status_code == 200
    assert history.context["object"].pk == obj.pk


@pytest.mark.parametrize(
    "model",
    [m for m in ARCHIVE_ADMINS if m not in NO_ADD_PAGE],
    ids=lambda m: m._meta.model_name,
)
def test_add_page_renders_for_a_curator(curator_client, model):
    response = curator_client.get(admin_url(model, "add"))
    assert response.status_code == 200
    assert response.context["add"] is True


@pytest.mark.parametrize("model", sorted(NO_ADD_PAGE, key=str), ids=lambda m: m._meta.model_name)
def test_the_worklist_and_the_fixity_log_have_no_add_page(curator_client, model):
    # A "citation needed" flag is raised on its record's citations inline, not on the worklist;
    # fixity results come from check_fixity.
    response = curator_client.get(admin_url(model, "add"))
    assert response.status_code == 403


def _relation_fields(model_admin) -> set[str]:
    """Names of the foreign keys and many-to-many fields that the admin's form shows."""
    fields = set(model_admin.get_fields(_request_for_checks()))
    names = set()
    for field in model_admin.model._meta.get_fields():
        if not (field.concrete and (field.many_to_one or field.many_to_many)):
            continue
        if field.many_to_many and not field.remote_field.through._meta.auto_created:
            continue  # edited through its own inline (contributions, depictions)
        if field.name in fields:
            names.add(field.name)
    return names


def _request_for_checks():
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


@pytest.mark.django_db
@pytest.mark.parametrize("model", ARCHIVE_ADMINS, ids=lambda m: m._meta.model_name)
def test_every_relation_on_a_form_uses_autocomplete(model):
    model_admin = admin.site._registry[model]
    # Which kind of record a citation belongs to is a short select of record kinds.
    exempt = {"content_type"} if issubclass(model, archive_models.Citation) else set()
    assert _relation_fields(model_admin) - exempt <= set(model_admin.autocomplete_fields)
    for inline_class in model_admin.inlines:
        inline = inline_class(model, admin.site)
        inline_fields = _relation_fields(inline) - {inline.fk_name or ""}
        if isinstance(inline, GenericInlineModelAdmin):
            inline_fields -= {inline.ct_field}
        else:
            parent_fk = {f.name for f in inline.model._meta.fields if f.related_model is model}
            inline_fields -= parent_fk if inline.fk_name is None else set()
        assert inline_fields <= set(inline.autocomplete_fields), inline_class


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m._meta.model_name)
def test_every_record_has_a_citations_inline(curator_client, model):
    obj = MAKERS[model]()
    factories.CitationFactory(cited_object=obj, locator="p. 47")
    response = curator_client.get(admin_url(model, "change", obj.pk))
    formsets = {f.formset.prefix: f.formset for f in response.context["inline_admin_formsets"]}
    citations = formsets["archive-citation-content_type-object_id"]
    assert [form.instance.locator for form in citations.forms] == ["p. 47"]


def test_person_autocomplete_finds_alternate_names(curator_client):
    person = factories.PersonFactory(title="Nikolai Bukharin")
    factories.PersonNameFactory(person=person, name="Boukharine")
    factories.PersonFactory(title="Karl Radek")
    response = curator_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "archive", "model_name": "event", "field_name": "persons", "term": "boukh"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == ["Nikolai Bukharin"]


def test_person_changelist_searches_alternate_names(curator_client):
    person = factories.PersonFactory(title="Nikolai Bukharin")
    factories.PersonNameFactory(person=person, name="Бухарин")
    factories.PersonNameFactory(person=person, name="Bucharin")
    factories.PersonFactory(title="Karl Radek")
    url = admin_url(archive_models.Person, "changelist")
    # SQLite folds case for ASCII only, so the Cyrillic search keeps the stored case.
    for term in ["Бухар", "bucharin"]:
        response = curator_client.get(url, {"q": term})
        assert list(response.context["cl"].result_list) == [person], term


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m._meta.model_name)
def test_view_on_site_goes_to_the_record_page(curator_client, model):
    obj = MAKERS[model]()
    change = curator_client.get(admin_url(model, "change", obj.pk))
    content_type = ContentType.objects.get_for_model(model)
    shortcut = reverse("admin:view_on_site", args=[content_type.pk, obj.pk])
    assert shortcut in change.content.decode()
    response = curator_client.get(shortcut)
    assert response.status_code == 302
    assert response["Location"].endswith(obj.get_absolute_url())


def test_slug_is_prepopulated_from_the_title(curator_client):
    response = curator_client.get(admin_url(archive_models.Document, "add"))
    assert response.context["adminform"].prepopulated_fields[0]["dependencies"][0].name == "title"
