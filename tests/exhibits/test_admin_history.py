"""Revisions of exhibits, sections and blocks: history, side-by-side compare and revert."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from tests import factories
from tests.exhibits import factories as exhibit_factories

pytestmark = pytest.mark.django_db


def admin_url(obj, view: str, *args) -> str:
    return reverse(f"admin:exhibits_{obj._meta.model_name}_{view}", args=[obj.pk, *args])


def test_compare_shows_old_and_new_values_side_by_side(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(title="The Trial", subtitle="Moscow, 1938")
    admin_submit(curator_client, admin_url(exhibit, "change"), {"title": "The Third Moscow Trial"})
    new, old = exhibit.history.all()[:2]

    response = curator_client.get(
        admin_url(exhibit, "history_compare"), {"old": old.history_id, "new": new.history_id}
    )

    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert set(rows) == {"title"}  # only what changed
    assert (rows["title"]["old"], rows["title"]["new"]) == ("The Trial", "The Third Moscow Trial")
    html = response.content.decode()
    cell = '<td class="history-compare-{}"><div class="history-compare-value">{}</div></td>'
    old_cell, new_cell = (
        cell.format("old", "The Trial"),
        cell.format("new", "The Third Moscow Trial"),
    )
    assert old_cell in html and new_cell in html
    assert html.index(old_cell) < html.index(new_cell)
    revert = admin_url(exhibit, "simple_history", old.history_id)
    assert revert in html


def test_compare_defaults_to_the_last_two_revisions_and_orders_them(curator_client):
    exhibit = exhibit_factories.ExhibitFactory(title="One")
    for title in ("Two", "Three"):
        exhibit.title = title
        exhibit.save()
    latest, middle, first = exhibit.history.all()

    default = curator_client.get(admin_url(exhibit, "history_compare"))
    assert (default.context["old"], default.context["new"]) == (middle, latest)

    swapped = curator_client.get(
        admin_url(exhibit, "history_compare"), {"old": latest.history_id, "new": first.history_id}
    )
    (row,) = swapped.context["rows"]
    assert (row["old"], row["new"]) == ("One", "Three")


def test_compare_shows_choice_labels(curator_client):
    exhibit = exhibit_factories.ExhibitFactory(status="draft")
    exhibit.status = "review"
    exhibit.save()
    response = curator_client.get(admin_url(exhibit, "history_compare"))
    rows = {row["name"]: row for row in response.context["rows"]}
    assert (rows["status"]["old"], rows["status"]["new"]) == ("Draft", "In review")


def test_compare_with_a_bad_revision_is_a_message(curator_client):
    exhibit = exhibit_factories.ExhibitFactory()
    other = exhibit_factories.ExhibitFactory()
    for query in (
        {"old": "x"},
        {"old": other.history.first().history_id},
        {},  # only one revision so far
    ):
        response = curator_client.get(admin_url(exhibit, "history_compare"), query)
        assert response.status_code == 302
        assert response.url == admin_url(exhibit, "history")
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Choose two revisions" in m for m in messages)


def test_history_page_links_to_compare(curator_client):
    exhibit = exhibit_factories.ExhibitFactory(title="First")
    exhibit.title = "Second"
    exhibit.save()
    newest, oldest = exhibit.history.all()
    html = curator_client.get(admin_url(exhibit, "history")).content.decode()
    compare = admin_url(exhibit, "history_compare")
    assert f'action="{compare}"' in html
    assert f"{compare}?old={oldest.history_id}&amp;new={newest.history_id}" in html


@pytest.mark.parametrize("kind", ["section", "block"])
def test_sections_and_blocks_compare_too(curator_client, kind):
    if kind == "section":
        obj = exhibit_factories.SectionFactory(title="Before")
        obj.title = "After"
    else:
        obj = exhibit_factories.BlockFactory(body="<p>Before</p>")
        obj.body = "<p>After</p>"
    obj.save()
    history = curator_client.get(admin_url(obj, "history"))
    assert history.status_code == 200
    response = curator_client.get(admin_url(obj, "history_compare"))
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert "Before" in row["old"] and "After" in row["new"]


def test_compare_needs_view_permission(client, editor):
    exhibit = exhibit_factories.ExhibitFactory(title="One")
    exhibit.title = "Two"
    exhibit.save()
    url = admin_url(exhibit, "history_compare")

    # An Editor may view: allowed.
    client.force_login(editor)
    assert client.get(url).status_code == 200

    # Staff without any exhibit permission: refused. Anonymous: sent to log in.
    stranger = factories.UserFactory(username="stranger")
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    stranger.user_permissions.add(Permission.objects.get(codename="view_exhibit"))
    assert client.get(url).status_code == 200
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_revert_restores_an_earlier_title(curator_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(title="Bukharin's Trial")
    first = exhibit.history.earliest()
    admin_submit(curator_client, admin_url(exhibit, "change"), {"title": "A Renamed Exhibit"})
    exhibit.refresh_from_db()
    assert exhibit.title == "A Renamed Exhibit"

    response = admin_submit(curator_client, admin_url(exhibit, "simple_history", first.history_id))

    assert response.status_code == 302
    exhibit.refresh_from_db()
    assert exhibit.title == "Bukharin's Trial"
    assert exhibit.history.count() == 3  # the revert is itself a revision


def test_revert_a_block_keeps_it_sanitised(curator_client, admin_submit):
    block = exhibit_factories.BlockFactory(body="<p>Original</p>")
    first = block.history.earliest()
    block.body = "<p>Changed</p>"
    block.save()

    response = admin_submit(curator_client, admin_url(block, "simple_history", first.history_id))

    assert response.status_code == 302
    block.refresh_from_db()
    assert block.body == "<p>Original</p>"


def test_editor_cannot_revert_a_draft_exhibit_to_a_published_revision(editor_client, admin_submit):
    exhibit = exhibit_factories.ExhibitFactory(title="Published", status="published")
    published = exhibit.history.earliest()
    exhibit.title, exhibit.status = "Back in draft", "draft"
    exhibit.save()

    response = admin_submit(
        editor_client, admin_url(exhibit, "simple_history", published.history_id)
    )

    assert response.status_code == 200
    exhibit.refresh_from_db()
    assert (exhibit.title, exhibit.status) == ("Back in draft", "draft")


def test_compare_with_a_malformed_id_is_not_found(curator_client):
    for model in ("exhibit", "section"):
        response = curator_client.get(f"/admin/exhibits/{model}/abc/history/compare/")
        assert response.status_code == 404
