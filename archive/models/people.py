"""Persons: authority records with alternate names, life dates and relations to other persons."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from archive import dates
from archive.fields import EDTFField, edtf_bounds
from archive.models.base import DateBoundsMixin, Record, date_order_constraint

wikidata_validator = RegexValidator(r"^Q[1-9][0-9]*$", "A Wikidata ID looks like Q123.")
viaf_validator = RegexValidator(r"^[0-9]+$", "A VIAF ID is a number.")


class Person(Record):
    title = models.CharField("preferred name", max_length=500)
    sort_name = models.CharField(
        max_length=255,
        blank=True,
        help_text="As it sorts in an index: Bukharin, Nikolai Ivanovich.",
    )
    birth = EDTFField("born")
    birth_lower, birth_upper = edtf_bounds(birth)
    death = EDTFField("died")
    death_lower, death_upper = edtf_bounds(death)
    birth_place = models.ForeignKey(
        "archive.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="births"
    )
    death_place = models.ForeignKey(
        "archive.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="deaths"
    )
    wikidata_id = models.CharField(
        "Wikidata ID", max_length=20, blank=True, validators=[wikidata_validator]
    )
    viaf_id = models.CharField("VIAF ID", max_length=30, blank=True, validators=[viaf_validator])
    portrait = models.ForeignKey(
        "archive.Photograph",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="portrait_of",
    )

    class Meta(Record.Meta):
        verbose_name = "person"
        ordering = ["sort_name", "title"]
        constraints = [
            *Record.Meta.constraints,
            models.CheckConstraint(
                condition=Q(birth_lower__isnull=True)
                | Q(death_upper__isnull=True)
                | Q(birth_lower__lte=F("death_upper")),
                name="archive_person_born_before_death",
                violation_error_message="A person cannot die before being born.",
            ),
            date_order_constraint("birth"),
            date_order_constraint("death"),
        ]

    @property
    def life_dates(self) -> str:
        """'1888–1938', 'born 1931', or '' when neither date is known."""
        return dates.life_dates(self.date_display("birth"), self.date_display("death"))


class PersonName(models.Model):
    """Another form of a person's name: original script, transliteration, pseudonym…"""

    class Kind(models.TextChoices):
        ORIGINAL = "original", "Original script"
        TRANSLITERATION = "transliteration", "Transliteration"
        TRANSLATION = "translation", "Form in another language"
        BIRTH = "birth", "Birth name"
        PSEUDONYM = "pseudonym", "Pseudonym"
        VARIANT = "variant", "Variant spelling"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="alternate_names")
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.VARIANT)
    language = models.CharField(max_length=10, blank=True, help_text="ISO 639 code, e.g. ru, fr.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"],
                name="archive_personname_unique",
                violation_error_message="This person already has that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PersonRelation(DateBoundsMixin):
    """A dated, sourced relation from one person to another ("friend of", "prosecutor of")."""

    class Kind(models.TextChoices):
        FRIEND = "friend", "friend of"
        SPOUSE = "spouse", "spouse of"
        PARENT = "parent", "parent of"
        COLLEAGUE = "colleague", "colleague of"
        COAUTHOR = "coauthor", "co-author with"
        ALLY = "ally", "political ally of"
        RIVAL = "rival", "rival of"
        MENTOR = "mentor", "mentor of"
        PROSECUTOR = "prosecutor", "prosecutor of"
        INTERCESSOR = "intercessor", "interceded for"
        INTERLOCUTOR = "interlocutor", "interlocutor of"
        CODEFENDANT = "codefendant", "co-defendant with"

    # How the relation reads from the other side; symmetric kinds read the same both ways.
    INVERSE = {
        "parent": "child of",
        "mentor": "protégé of",
        "prosecutor": "prosecuted by",
        "intercessor": "defended by",
    }

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relations")
    related = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="inverse_relations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    date = EDTFField("date")
    date_lower, date_upper = edtf_bounds(date)
    note = models.TextField(blank=True)
    source = models.ForeignKey(
        "archive.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    locator = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "related__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "related", "kind"],
                name="archive_personrelation_unique",
                violation_error_message="This relation is already recorded.",
            ),
            models.CheckConstraint(
                condition=~Q(person=F("related")),
                name="archive_personrelation_not_self",
                violation_error_message="A person cannot be related to themselves.",
            ),
            date_order_constraint("date"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} — {self.related}"

    @property
    def inverse_label(self) -> str:
        return self.INVERSE.get(self.kind, self.get_kind_display())
