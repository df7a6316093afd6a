"""Public exhibit pages. Unpublished exhibits answer 404 to the public; staff see them in their
public look with a "not published" banner, which is the curators' preview.

Content notices work without JavaScript: the page shows the notice and a link carrying
`?acknowledge=<key>`; following it records the key in the session and shows the content.
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView

from archive import visibility
from archive.notices import pending_notices
from exhibits import sanitize
from exhibits.models import Exhibit
from exhibits.rendering import prepare_section
from public.linked_data.exhibits import exhibit_json_ld, section_json_ld


def _cover(exhibit: Exhibit, user):
    """The exhibit's cover if this viewer may see that photograph, else None."""
    cover = exhibit.cover
    if cover is None or not cover.thumbnail:
        return None
    if visibility.is_public(cover) or (not exhibit.is_public and visibility.can_preview(user)):
        return cover
    return None


class ExhibitListView(ListView):
    template_name = "exhibits/exhibit_list.html"
    context_object_name = "exhibits"

    def get_queryset(self):
        return visibility.public(
            Exhibit.objects.select_related("cover").annotate(section_count=Count("sections"))
        )


class ExhibitDetailView(DetailView):
    template_name = "exhibits/exhibit_detail.html"
    context_object_name = "exhibit"

    def get_queryset(self):
        return visibility.visible_to(Exhibit.objects.select_related("cover"), self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exhibit = self.object
        notices = pending_notices(self.request, exhibit)
        sections = list(exhibit.sections.all())
        context.update(
            record=exhibit,
            sections=sections,
            cover=_cover(exhibit, self.request.user),
            introduction=mark_safe(sanitize.clean_html(exhibit.introduction)),  # noqa: S308
            notices=notices,
            notice_acknowledged=not notices,
            credits=[line.strip() for line in exhibit.credits.splitlines() if line.strip()],
            json_ld=exhibit_json_ld(exhibit, sections, self.request, withheld=bool(notices)),
        )
        return context


class SectionDetailView(DetailView):
    template_name = "exhibits/section_detail.html"
    context_object_name = "section"

    def get_object(self, queryset=None):
        exhibits = visibility.visible_to(Exhibit.objects.all(), self.request.user)
        exhibit = get_object_or_404(exhibits, slug=self.kwargs["exhibit_slug"])
        sections = list(exhibit.sections.all())
        for index, section in enumerate(sections):
            if section.slug == self.kwargs["slug"]:
                section.exhibit = exhibit
                self.sections = sections
                self.previous = sections[index - 1] if index > 0 else None
                self.next = sections[index + 1] if index + 1 < len(sections) else None
                return section
        raise Http404("No such section.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = self.object
        exhibit = section.exhibit
        # A visitor arriving straight at a section sees the exhibit's notice too, in one step.
        notices = pending_notices(self.request, exhibit, section)
        if not notices:
            preview = not exhibit.is_public and visibility.can_preview(self.request.user)
            context.update(prepare_section(section, preview=preview))
        context.update(
            exhibit=exhibit,
            record=exhibit,
            sections=self.sections,
            position=self.sections.index(section) + 1,
            previous=self.previous,
            next=self.next,
            notices=notices,
            notice_acknowledged=not notices,
            json_ld=section_json_ld(
                section, self.sections.index(section) + 1, self.request, withheld=bool(notices)
            ),
        )
        return context
