"""Public record pages. What a visitor may see comes from archive.visibility, nowhere else."""

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from archive import visibility
from archive.models import RECORD_MODELS, Document, Event, Person, Photograph, Trial


class HomeView(TemplateView):
    template_name = "archive/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = [
            (model._meta.verbose_name_plural, model.objects.public().order_by("-published_at")[:12])
            for model in RECORD_MODELS
        ]
        return context


class RecordDetailView(DetailView):
    """A record page: 404 to the public unless published; staff see it with a banner."""

    context_object_name = "record"

    def get_queryset(self):
        return visibility.visible_to(self.model.objects.all(), self.request.user)

    def get_template_names(self) -> list[str]:
        return [f"archive/{self.model._meta.model_name}_detail.html", "archive/record_detail.html"]


class PersonDetailView(RecordDetailView):
    model = Person

    def get_queryset(self):
        return super().get_queryset().prefetch_related("alternate_names")


class DocumentDetailView(RecordDetailView):
    model = Document


class PhotographDetailView(RecordDetailView):
    model = Photograph


class TrialDetailView(RecordDetailView):
    model = Trial


class EventDetailView(RecordDetailView):
    model = Event


def photograph_file(request: HttpRequest, slug: str, variant: str) -> FileResponse:
    """Stream a photograph's thumbnail or original from storage, only if the viewer may see it."""
    photograph = get_object_or_404(
        visibility.visible_to(Photograph.objects.all(), request.user), slug=slug
    )
    field = {"thumbnail": photograph.thumbnail, "original": photograph.image}.get(variant)
    if not field:
        raise Http404("No such image.")
    try:
        handle = field.storage.open(field.name, "rb")
    except FileNotFoundError:
        raise Http404("The image file is missing.") from None
    response = FileResponse(handle)
    if not visibility.is_public(photograph):
        response["Cache-Control"] = "private, no-store"
    return response
