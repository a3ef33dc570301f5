from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.lib.i18n import pick


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    METROPOLITAN = "metropolitan", _("Metropolitan government")
    DISTRICT = "district", _("District office")
    INSTITUTION = "institution", _("Public institution")


class Agency(models.Model):
    """A public body. Agencies form a tree: a district office sits under its city."""

    code = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=16, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    name_en = models.CharField(_("name in English"), max_length=200)
    name_ko = models.CharField(_("name in Korean"), max_length=200)
    name_id = models.CharField(_("name in Indonesian"), max_length=200)
    website = models.URLField(blank=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name_en"]
        constraints = [
            # An agency can never be its own parent (deeper cycles are refused by the action).
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="agency_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)


class Unit(models.Model):
    """A department or team inside an agency: the place where work is done."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="units")
    code = models.SlugField(max_length=40)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_ko = models.CharField(_("name in Korean"), max_length=200)
    name_id = models.CharField(_("name in Indonesian"), max_length=200)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency_id", "name_en"]
        constraints = [
            # Unit codes are unique within their agency, so "seoul/civil-affairs" names one unit.
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.agency.name} · {self.name}"

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)


class Officer(models.Model):
    """A civil servant's place in a unit, with the public title of their position."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer"
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officers")
    position_en = models.CharField(_("position in English"), max_length=120)
    position_ko = models.CharField(_("position in Korean"), max_length=120)
    position_id = models.CharField(_("position in Indonesian"), max_length=120)
    appointed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("officer")
        verbose_name_plural = _("officers")

    def __str__(self) -> str:
        return f"{self.position} ({self.unit})"

    @property
    def position(self) -> str:
        return pick(en=self.position_en, ko=self.position_ko, id=self.position_id)
