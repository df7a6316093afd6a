"""/clipboard/: the visitor's clipboard, its buttons' endpoints, its downloads, and shared
clipboards at /clipboard/<token>/ (a token is never one of the fixed names above it)."""

from django.urls import path, register_converter

from public.clipboard import exports, views

app_name = "clipboard"


class ExportConverter:
    regex = "|".join(exports.EXTENSIONS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportConverter, "clipboardformat")

urlpatterns = [
    path("", views.page, name="page"),
    path("add/", views.add, name="add"),
    path("remove/", views.remove, name="remove"),
    path("clear/", views.clear, name="clear"),
    path("share/", views.share, name="share"),
    path("export.<clipboardformat:ext>", views.export, name="export"),
    path("<slug:token>/", views.shared_page, name="shared"),
    path("<slug:token>/export.<clipboardformat:ext>", views.shared_export, name="shared-export"),
]
