"""Reading and submitting admin forms the way a browser would (fixtures in tests/conftest.py).

Posting a full admin form by hand means typing every field and every inline management form.
`admin_form_data` instead parses the rendered HTML form (inputs, selects, textareas, inline
management forms), so a test only states what it changes; `add_inline_row` does what the admin's
"Add another" link does: copy the empty `__prefix__` row and bump TOTAL_FORMS.
"""

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.http import HttpResponse

FormData = dict[str, str | list[str]]

# Browsers do not send these; the button pressed is added by the test.
_UNSENT_INPUT_TYPES = {"submit", "button", "reset", "image", "file"}


class _FormParser(HTMLParser):
    """Collect the values a browser would submit from one <form>, chosen by its id."""

    def __init__(self, form_id: Callable[[str], bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.wanted = form_id
        self.found = False
        self.inside = False
        self.pairs: list[tuple[str, str]] = []
        self.multiple: set[str] = set()
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form" and not self.found and self.wanted(attributes.get("id", "")):
            self.found = self.inside = True
            return
        if not self.inside or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in _UNSENT_INPUT_TYPES:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attributes:
                    self.pairs.append((name, attributes.get("value", "on")))
                return
            self.pairs.append((name, attributes.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "options": [], "selected": []}
            if "multiple" in attributes:
                self.multiple.add(name)
        elif tag == "option" and self._select is not None:
            self._option = {"value": attributes.get("value"), "text": ""}
            self._select["options"].append(self._option)
            if "selected" in attributes:
                self._select["selected"].append(self._option)
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = select["selected"]
            if not chosen and select["name"] not in self.multiple and select["options"]:
                chosen = select["options"][:1]  # a single select submits its first option
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"]
                self.pairs.append((select["name"], value.strip()))
        elif tag == "textarea" and self._textarea is not None:
            # HTML drops one newline straight after <textarea>; Django renders one there.
            text = self._textarea["text"].removeprefix("\r\n").removeprefix("\n")
            self.pairs.append((self._textarea["name"], text))
            self._textarea = None


def read_form(response: HttpResponse, form_id: str | None = None) -> FormData:
    """Return the POST data a browser would send from a rendered admin page's form.

    Without `form_id` the page's change form is used (its id ends in "_form"). Repeated names
    (multiple selects) become lists.
    """
    assert response.status_code == 200, response.status_code
    wanted = (lambda id_: id_ == form_id) if form_id else (lambda id_: id_.endswith("_form"))
    parser = _FormParser(wanted)
    parser.feed(response.content.decode())
    assert parser.found, f"no form {form_id or '*_form'} on the page"
    data: FormData = {}
    for name, value in parser.pairs:
        if name in parser.multiple:
            data.setdefault(name, []).append(value)  # type: ignore[union-attr]
        elif name in data:
            existing = data[name]
            data[name] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            data[name] = value
    for name in parser.multiple:
        data.setdefault(name, [])
    return data


def add_inline_row(data: FormData, prefix: str, **values: str) -> int:
    """Add a row to an inline formset as "Add another" does; return the new row's index."""
    total_key = f"{prefix}-TOTAL_FORMS"
    index = int(data[total_key])  # type: ignore[arg-type]
    template = f"{prefix}-__prefix__-"
    for key, value in list(data.items()):
        if key.startswith(template):
            data[f"{prefix}-{index}-{key.removeprefix(template)}"] = value
    for field, value in values.items():
        data[f"{prefix}-{index}-{field}"] = value
    data[total_key] = str(index + 1)
    return index


@pytest.fixture
def admin_form_data() -> Callable[..., FormData]:
    return read_form


@pytest.fixture
def admin_submit() -> Callable[..., HttpResponse]:
    """Return submit(client, url, changes, rows=None, button="_save"): GET the form, apply the
    changes (and inline rows, {prefix: [values, …]}), POST it, and return the response."""

    def submit(
        client,
        url: str,
        changes: FormData | None = None,
        rows: dict[str, list[dict[str, str]]] | None = None,
        button: str = "_save",
    ) -> HttpResponse:
        data = read_form(client.get(url))
        data.update(changes or {})
        for prefix, new_rows in (rows or {}).items():
            for values in new_rows:
                add_inline_row(data, prefix, **values)
        data[button] = "Save"
        return client.post(url, data)

    return submit
