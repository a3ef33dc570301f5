from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egov.lib import calendar
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


class ClosureQuerySet(models.QuerySet["Closure"]):
    def in_force(self) -> ClosureQuerySet:
        return self.filter(withdrawn_at__isnull=True)

    def for_office(self, agency_id: int | None) -> ClosureQuerySet:
        """The closures that stop an office's clock: nationwide ones and its own."""
        scope = models.Q(agency__isnull=True)
        if agency_id is not None:
            scope |= models.Q(agency_id=agency_id)
        return self.in_force().filter(scope)


class Closure(models.Model):
    """A day offices are shut that the holidays package does not know, kept as data.

    Without an agency it is a temporary public holiday (임시공휴일) that the
    government declared at short notice, and no office's clock counts it; with
    one it is that office's own closure. A platform administrator declares and
    withdraws them (agencies.actions), and open cases' deadlines follow.
    A withdrawn closure stays, so that the deadlines it once moved can be explained.
    """

    day = models.DateField(_("day"))
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="closures"
    )
    name_en = models.CharField(_("name in English"), max_length=120)
    name_ko = models.CharField(_("name in Korean"), max_length=120)
    name_id = models.CharField(_("name in Indonesian"), max_length=120)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    declared_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["day", "id"]
        constraints = [
            # One nationwide closure a day, so a deadline never depends on which one is read.
            models.UniqueConstraint(
                fields=["day"],
                condition=models.Q(agency__isnull=True, withdrawn_at__isnull=True),
                name="closure_one_nationwide_a_day",
            ),
            # Likewise one closure a day per office (NULLs never collide in a plain unique).
            models.UniqueConstraint(
                fields=["day", "agency"],
                condition=models.Q(agency__isnull=False, withdrawn_at__isnull=True),
                name="closure_one_per_office_a_day",
            ),
            # A withdrawal always names who withdrew it and when.
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | models.Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="closure_withdrawal_complete",
            ),
        ]
        indexes = [
            # Every deadline reads the closures in force for one office.
            models.Index(
                fields=["day"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="closure_in_force_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name_en}"

    @property
    def name(self) -> str:
        return pick(en=self.name_en, ko=self.name_ko, id=self.name_id)

    @property
    def nationwide(self) -> bool:
        return self.agency_id is None

    def for_clock(self) -> calendar.Closure:
        return calendar.Closure(
            day=self.day,
            name_en=self.name_en,
            name_ko=self.name_ko,
            name_id=self.name_id,
            nationwide=self.nationwide,
        )
