"""Small pieces of HTML the exhibits admin shows: photograph thumbnails and public-page links."""

from django.utils.html import format_html

from archive.admin.photographs import thumbnail_html

EMPTY = "—"


def thumbnail(photograph, *, css_class: str = "exhibits-thumbnail") -> str:
    """Return an <img> of the photograph's thumbnail (served after a visibility check), or —."""
    return thumbnail_html(photograph, css_class=css_class)


def public_page_link(url: str | None, *, public: bool, preview_label: str = "Preview") -> str:
    """Return a link to a public page: "View on site" once public, else a staff preview."""
    if not url:
        return EMPTY
    label = "View on site" if public else preview_label
    return format_html(
        '<a class="exhibits-public-link{}" href="{}" target="_blank" rel="noopener">{}</a>',
        "" if public else " exhibits-preview-link",
        url,
        label,
    )


class PublicPageMixin:
    """Puts a "Preview" (or "View on site") link among the change form's object tools.

    Subclasses say where an object's public page is and whether the public may see it yet.
    templates/admin/exhibits/change_form.html renders the link.
    """

    view_on_site = False  # Replaced by the link, which says "Preview" while unpublished.
    preview_label = "Preview"

    def public_page(self, obj) -> tuple[str, bool] | None:
        """Return (url, is public) for obj's public page, or None if it has none yet."""
        raise NotImplementedError

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        page = self.public_page(obj) if obj is not None and obj.pk else None
        if page is not None:
            url, public = page
            context["public_page"] = {
                "url": url,
                "label": "View on site" if public else self.preview_label,
                "public": public,
            }
        return super().render_change_form(request, context, add, change, form_url, obj)
