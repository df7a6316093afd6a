"""Controlled vocabularies: collections, subjects and rights statements.

These are labels that records point to; they carry no publication status of their own and are
always public (a label says nothing about an unpublished record).
"""

from django.conf.global_settings import LANGUAGES
from django.db import models
from simple_history.models import HistoricalRecords

LANGUAGE_CHOICES = sorted(LANGUAGES, key=lambda pair: pair[1])
LANGUAGE_NAMES = dict(LANGUAGES)


class Collection(models.Model):
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Subject(models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)
    broader = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="narrower"
    )
    authority_uri = models.URLField(
        blank=True, help_text="The same subject in an authority (LCSH, Wikidata…)."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RightsStatement(models.Model):
    title = models.CharField(max_length=255)
    slug = models.SlugField(max_length=200, unique=True)
    uri = models.URLField(
        unique=True, help_text="e.g. a rightsstatements.org or Creative Commons URI"
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
