"""Drag-and-drop ordering (django-admin-sortable2) that works on this project's Django.

adminsortable2 2.3.1 picks its inline templates and its patched `actions.js` by Django version and
ships none for Django 6.1: its inlines fail with TemplateDoesNotExist and its admins ask for a
script that does not exist (a 404 in development, an error from the manifest storage in
production). These classes point the inlines at copies of the 6.0 templates under
templates/admin/exhibits/edit_inline/ (Django 6.1's own plus the sort handles) and keep Django's
`actions.js` when the patched one is missing; the patch only matters for sortable change lists,
which the exhibits admin does not use. Once the package supports 6.1, use its classes directly.
"""

from functools import cache

from adminsortable2.admin import SortableAdminBase, SortableInlineAdminMixin
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.forms import Media


@cache
def _static_exists(path: str) -> bool:
    return finders.find(path) is not None


def _existing(asset):
    # Media holds paths as strings or, since Django 6.1, as Script objects.
    path = getattr(asset, "_path", asset)
    if isinstance(path, str) and path.startswith("adminsortable2/js/actions-"):
        return asset if _static_exists(path) else "admin/js/actions.js"
    return asset


class SortableAdmin(SortableAdminBase):
    """SortableAdminBase whose media never names a script that does not exist."""

    @property
    def media(self) -> Media:
        media = super().media
        return Media(css=media._css, js=[_existing(path) for path in media._js])


class SortableStackedInline(SortableInlineAdminMixin, admin.StackedInline):
    template = "admin/exhibits/edit_inline/sortable_stacked.html"


class SortableTabularInline(SortableInlineAdminMixin, admin.TabularInline):
    template = "admin/exhibits/edit_inline/sortable_tabular.html"
