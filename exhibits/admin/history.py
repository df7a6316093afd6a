"""Side-by-side comparison of two revisions, next to django-simple-history's history and revert.

The history page (templates/admin/exhibits/object_history.html) lets a curator pick two revisions,
or compare a revision with the one before it; the compare view shows the fields that differ, old
on the left and new on the right, with a link to revert to either.
"""

from itertools import pairwise

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

EMPTY = "—"


class HistoryCompareMixin:
    """Adds admin/<app>/<model>/<id>/history/compare/?old=<history_id>&new=<history_id>.

    Mix into a SimpleHistoryAdmin subclass (it relies on its history permissions).
    """

    object_history_template = "admin/exhibits/object_history.html"
    object_history_list_template = "admin/exhibits/object_history_list.html"
    history_compare_template = "admin/exhibits/history_compare.html"

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.history_compare_view),
            name="{}_{}_history_compare".format(*info),
        )
        # Before simple-history's "<id>/history/<version>/", which would take "compare" for one.
        return [compare, *super().get_urls()]

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        """Also note on each revision the one before it, for "compare with previous" links."""
        super().set_history_delta_changes(request, historical_records, **kwargs)
        for newer, older in pairwise(historical_records):
            newer.previous_history_id = older.history_id

    def history_compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        try:
            object_id = str(self.opts.pk.to_python(unquote(object_id)))
        except ValidationError:
            raise Http404(f"No {self.opts.verbose_name} with this id.") from None
        history = self.model.history.filter(**{self.opts.pk.attname: object_id})
        obj = self.get_object(request, object_id)
        if obj is None:
            latest = history.order_by("-history_date", "-history_id").first()
            if latest is None:
                raise Http404(f"No {self.opts.verbose_name} with this id.")
            obj = latest.instance
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied

        history_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_history",
            args=[quote(object_id)],
        )
        old, new = self._revisions_to_compare(request, history)
        if old is None or new is None:
            self.message_user(
                request,
                "Choose two revisions of this "
                f"{self.opts.verbose_name} to compare (an older and a newer one).",
                messages.WARNING,
            )
            return HttpResponseRedirect(history_url)

        delta = new.diff_against(old, foreign_keys_are_objs=True)
        rows = []
        for change in delta.changes:
            field = self.opts.get_field(change.field)
            rows.append(
                {
                    "label": field.verbose_name,
                    "name": change.field,
                    "old": _display(field, change.old),
                    "new": _display(field, change.new),
                }
            )
        revert_url_name = (
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_simple_history"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare revisions: {obj}",
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "rows": rows,
            "history_url": history_url,
            "old_revert_url": reverse(revert_url_name, args=[quote(object_id), old.history_id]),
            "new_revert_url": reverse(revert_url_name, args=[quote(object_id), new.history_id]),
            "revert_disabled": self.revert_disabled(request, obj),
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.history_compare_template, context)

    @staticmethod
    def _revisions_to_compare(request: HttpRequest, history):
        """Return (older, newer) revisions from ?old= and ?new=; by default the last two.

        Either is None when a parameter is not a revision of this object.
        """
        ordered = history.order_by("-history_date", "-history_id")

        def pick(name: str, default):
            value = request.GET.get(name)
            if value in (None, ""):
                return default
            try:
                return ordered.filter(history_id=int(value)).first()
            except ValueError:
                return None

        latest_two = list(ordered[:2])
        new = pick("new", latest_two[0] if latest_two else None)
        default_old = None
        if new is not None:
            default_old = ordered.filter(history_date__lt=new.history_date).first()
        old = pick("old", default_old)
        if old is None or new is None or old.history_id == new.history_id:
            return None, None
        if (old.history_date, old.history_id) > (new.history_date, new.history_id):
            old, new = new, old
        return old, new


def _display(field, value) -> str:
    if value is None or value == "":
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


class HistoryAdmin(HistoryCompareMixin, SimpleHistoryAdmin):
    """SimpleHistoryAdmin (history, revert) with the compare view."""
