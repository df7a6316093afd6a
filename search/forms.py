"""The search parameters: a plain Django form that parses and validates the query string into a
SearchQuery.

Each field is one parameter; PARAMETERS names the SearchQuery attribute it sets. A bad value is a
form error, never an exception: the JSON views answer 400 with the errors, and the HTML page
shows them and searches with what it can keep (`search_query(lenient=True)`): the valid values of
a list, the search text without NUL characters and cut to length, defaults for the rest. Unknown
parameter names (tracking tags, cache busters) are ignored.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import Truncator

from archive.kinds import KINDS
from archive.models import Place
from search.browse import VOCABULARY_SORTS
from search.query import MAX_PAGE, MAX_QUERY_LENGTH, SORTS, SearchQuery, parse_websearch
from search.rows import OTHER_INITIAL, sort_initial

# URL parameter name -> the SearchQuery attribute it sets, in the order URLs list them.
PARAMETERS = {
    "q": "text",
    "kind": "kind",
    "decade": "decade",
    "person": "person",
    "subject": "subject",
    "collection": "collection",
    "place": "place",
    "language": "language",
    "has_image": "has_image",
    "from": "year_from",
    "to": "year_to",
    "letter": "initial",
    "sort": "sort",
    "page": "page",
}

MAX_VALUES = 50  # values of one facet a URL may select; more is a crafted URL, not a person
MAX_ID = 2**63 - 1  # ids are bigints; larger numbers would overflow the database driver
MIN_YEAR, MAX_YEAR = 1, 9999  # the years Python's dates (and so the engine's bounds) can hold
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{1,8})*$", re.IGNORECASE)  # BCP 47, simply
PLACE_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")  # a place's slug, as its page's address takes it
MAX_SLUG = 200


def shown(value: object) -> str:
    """A user's value, shortened, for quoting in an error message (escaped when rendered)."""
    return Truncator(str(value).replace("\x00", "")).chars(40)


class SearchTextField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault(
            "error_messages",
            {
                "max_length": f"Search text is limited to {MAX_QUERY_LENGTH} characters.",
                "null_characters_not_allowed": "Search text cannot contain NUL characters.",
            },
        )
        super().__init__(**kwargs)

    def salvage(self, raw) -> str:
        return str(raw or "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]


class MultipleValueField(forms.Field):
    """A parameter that may be repeated (`?kind=document&kind=photograph`); each value is cleaned
    by `item`, duplicates are dropped, and the result is a tuple in the order given."""

    widget = forms.MultipleHiddenInput

    def __init__(self, item: forms.Field, **kwargs) -> None:
        self.item = item
        super().__init__(**kwargs)

    def _raw_values(self, value) -> list:
        if value in self.empty_values:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        return [v for v in values if v not in self.item.empty_values]

    def _clean_each(self, values) -> tuple[list, list[ValidationError]]:
        cleaned, errors = [], []
        for raw in values:
            try:
                item = self.item.clean(raw)
            except ValidationError as exc:
                errors.append(exc)
            else:
                if item not in cleaned:
                    cleaned.append(item)
        return cleaned, errors

    def clean(self, value) -> tuple:
        values = self._raw_values(value)
        if len(values) > MAX_VALUES:
            raise ValidationError(f"Choose at most {MAX_VALUES} values.", code="max_values")
        cleaned, errors = self._clean_each(values)
        if errors:
            raise ValidationError(errors)
        return tuple(cleaned)

    def salvage(self, raw) -> tuple:
        return tuple(self._clean_each(self._raw_values(raw)[:MAX_VALUES])[0])


class ChoiceField(forms.TypedChoiceField):
    """A choice whose error message quotes the bad value, shortened."""

    def validate(self, value) -> None:
        if value not in self.empty_values and not self.valid_value(value):
            raise ValidationError(
                self.error_messages["invalid_choice"] % {"value": shown(value)},
                code="invalid_choice",
            )


class IdField(forms.CharField):
    """A record id: a positive whole number."""

    def __init__(self, noun: str, **kwargs) -> None:
        self.noun = noun
        super().__init__(**kwargs)

    def clean(self, value) -> int:
        text = super().clean(value)
        if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_ID:
            raise ValidationError(f"“{shown(value)}” is not a {self.noun} id.", code="invalid")
        return int(text)


class PlaceValueField(forms.CharField):
    """One place: its id (a whole number) or its slug."""

    default_error_messages = {
        "null_characters_not_allowed": "A place id or slug cannot contain NUL characters."
    }

    def clean(self, value) -> int | str:
        text = super().clean(value)
        if text.isascii() and text.isdigit():
            if 1 <= int(text) <= MAX_ID:
                return int(text)
        elif len(text) <= MAX_SLUG and PLACE_SLUG.match(text):
            return text
        raise ValidationError(f"“{shown(value)}” is not a place id or slug.", code="invalid")


class PlaceField(MultipleValueField):
    """Places by id or slug (`?place=12`, `?place=moscow`), read in one query and given to the
    search as ids; a value that names no place is an error. `names` keeps the names of the places
    found, for the page's chips."""

    def __init__(self, **kwargs) -> None:
        super().__init__(item=PlaceValueField(), **kwargs)
        self.names: dict[int, str] = {}

    def clean(self, value) -> tuple[int, ...]:
        ids, unknown = self._resolve(super().clean(value))
        if unknown:
            raise ValidationError(
                [
                    ValidationError(f"“{shown(v)}” is not a place in the archive.", code="unknown")
                    for v in unknown
                ]
            )
        return ids

    def salvage(self, raw) -> tuple[int, ...]:
        return self._resolve(super().salvage(raw))[0]

    def _resolve(self, values: tuple) -> tuple[tuple[int, ...], list]:
        """The ids of the places these ids and slugs name, in order and once each, and the
        values that name none."""
        self.names = {}
        if not values:
            return (), []
        ids = [v for v in values if isinstance(v, int)]
        slugs = [v for v in values if isinstance(v, str)]
        by_slug = {}
        for pk, slug, name in Place.objects.filter(Q(pk__in=ids) | Q(slug__in=slugs)).values_list(
            "pk", "slug", "name"
        ):
            self.names[pk] = name
            by_slug[slug] = pk
        found, unknown = [], []
        for value in values:
            pk = by_slug.get(value) if isinstance(value, str) else value
            if pk in self.names:
                if pk not in found:
                    found.append(pk)
            else:
                unknown.append(value)
        self.names = {pk: self.names[pk] for pk in found}
        return tuple(found), unknown


class DecadeField(forms.CharField):
    def clean(self, value) -> int:
        text = super().clean(value)
        if not re.fullmatch(r"\d{1,3}0", text) or not MIN_YEAR <= int(text) + 9 <= MAX_YEAR:
            raise ValidationError(
                f"“{shown(value)}” is not a decade; a decade is written like 1930.", code="invalid"
            )
        return int(text)


class LanguageField(forms.CharField):
    def clean(self, value) -> str:
        text = super().clean(value)
        if len(text) > 10 or not LANGUAGE_CODE.match(text):
            raise ValidationError(
                f"“{shown(value)}” is not a language code such as ru or en.", code="invalid"
            )
        return text


class YearField(forms.CharField):
    """A year from 1 to 9999. The engine filters by years, so a full date is not accepted."""

    def clean(self, value) -> int | None:
        text = super().clean(value)
        if text == "":
            return None
        if not re.fullmatch(r"\d{1,4}", text) or not MIN_YEAR <= int(text) <= MAX_YEAR:
            raise ValidationError(
                f"“{shown(value)}” is not a year; enter a year such as 1938.", code="invalid"
            )
        return int(text)


class LetterField(forms.CharField):
    """The letter of an A–Z list: a Latin or Cyrillic letter (any case, accents ignored, as
    search.rows files records), or "#" for everything else."""

    def clean(self, value) -> str:
        text = super().clean(value)
        if text == "" or text == OTHER_INITIAL:
            return text
        if len(text) == 1 and text.isalpha() and sort_initial(text) != OTHER_INITIAL:
            return sort_initial(text)
        raise ValidationError(
            f"“{shown(value)}” is not a letter of the index; choose a letter from A to Z or "
            "from А to Я, or # for the rest.",
            code="invalid",
        )

    def salvage(self, raw) -> str:
        return ""


class PageField(forms.CharField):
    def clean(self, value) -> int | None:
        text = super().clean(value)
        if text == "":
            return None
        if not text.isascii() or not text.isdigit() or int(text) < 1:
            raise ValidationError(f"“{shown(value)}” is not a page number.", code="invalid")
        if int(text) > MAX_PAGE:
            raise ValidationError(
                f"Only the first {MAX_PAGE} pages can be shown; narrow the search to see more.",
                code="max_page",
            )
        return int(text)


class BaseSearchForm(forms.Form):
    """What SearchForm does with its fields (which are declared below it)."""

    def clean(self) -> dict:
        cleaned = super().clean()
        year_from, year_to = cleaned.get("from"), cleaned.get("to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error(
                "to", f"The end year ({year_to}) is before the start year ({year_from})."
            )
            cleaned.pop("from", None)
        return cleaned

    def search_query(self, *, lenient: bool = False) -> SearchQuery:
        """The SearchQuery these parameters ask for.

        Call after is_valid(). With errors, strict use raises ValueError; lenient use keeps what
        it can of each bad parameter and uses the default for the rest.
        """
        if self.errors and not lenient:
            raise ValueError("The search parameters are not valid.")
        cleaned = dict(getattr(self, "cleaned_data", {}))
        for name in self.errors:
            field = self.fields.get(name)
            salvage = getattr(field, "salvage", None)
            if salvage is not None and name not in cleaned:
                raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
                cleaned[name] = salvage(raw)
        values = {}
        for name, attribute in PARAMETERS.items():
            value = cleaned.get(name)
            if value is None or value == () or value == "":
                continue
            values[attribute] = value
        text = values.get("text", "")
        if text and not parse_websearch(text):
            # Only operators ("-", "*", "OR", a lone quote) or only words to leave out: nothing
            # to look for, so no text, and a note that says so instead of "76 records for “-”".
            del values["text"]
            self.notes = (f"No words to search for in “{shown(text)}”, so it was left out.",)
        return SearchQuery(**values)

    notes: tuple[str, ...] = ()  # what search_query() did with the text, besides errors

    def place_names(self) -> dict[int, str]:
        """The names of the places the search keeps (after search_query()), by id."""
        return dict(getattr(self.fields.get("place"), "names", {}))

    def error_messages(self) -> list[str]:
        """Every error as a sentence, labelled with its parameter, without repeats."""
        messages = []
        for name, errors in self.errors.items():
            field = self.fields.get(name)
            label = field.label if field is not None else ""
            for error in errors:
                message = f"{label}: {error}" if label else str(error)
                if message not in messages:
                    messages.append(message)
        return messages

    def error_dict(self) -> dict[str, list[str]]:
        """The errors by parameter name, for the JSON answer."""
        return {name: list(errors) for name, errors in self.errors.items()}


def multiple(item: forms.Field, *, label: str) -> MultipleValueField:
    return MultipleValueField(item=item, label=label, required=False)


# Every parameter is optional. Built with type(): "from" and "to" are Python keywords, so they
# cannot be written as class attributes.
SearchForm = type(
    "SearchForm",
    (BaseSearchForm,),
    {
        "__module__": __name__,
        "__doc__": "The search page's query-string parameters.",
        "q": SearchTextField(label="Search text", required=False),
        "kind": multiple(
            ChoiceField(
                choices=[(kind.name, kind.label) for kind in KINDS],
                error_messages={"invalid_choice": "“%(value)s” is not a kind of record."},
            ),
            label="Kind",
        ),
        "decade": multiple(DecadeField(), label="Decade"),
        "person": multiple(IdField("person"), label="Person"),
        "subject": multiple(IdField("subject"), label="Subject"),
        "collection": multiple(IdField("collection"), label="Collection"),
        "place": PlaceField(label="Place", required=False),
        "language": multiple(LanguageField(), label="Language"),
        "has_image": ChoiceField(
            label="Image",
            choices=[("yes", "With image"), ("no", "Without image")],
            coerce=lambda value: value == "yes",
            empty_value=None,
            error_messages={"invalid_choice": "Image is yes or no, not “%(value)s”."},
            required=False,
        ),
        "from": YearField(label="From year", required=False),
        "to": YearField(label="To year", required=False),
        "letter": LetterField(label="Letter", required=False),
        "sort": ChoiceField(
            label="Sort by",
            choices=list(SORTS.items()),
            empty_value="relevance",
            error_messages={"invalid_choice": "“%(value)s” is not a way to sort."},
            required=False,
        ),
        "page": PageField(label="Page", required=False),
    },
)


class VocabularyForm(BaseSearchForm):
    """The parameters of a subjects or collections page: its order and page."""

    sort = ChoiceField(
        label="Sort by",
        choices=list(VOCABULARY_SORTS.items()),
        empty_value="name",
        error_messages={"invalid_choice": "“%(value)s” is not a way to sort."},
        required=False,
    )
    page = PageField(label="Page", required=False)
