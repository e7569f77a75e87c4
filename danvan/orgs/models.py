from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.audit import register
from danvan.core.models import IndexedModel, SharedQuerySet
from danvan.core.numbering import PARTY, STATE
from danvan.geo.models import AdminUnit

DOCUMENT_STYLES = [(PARTY, _("Party format")), (STATE, _("State format (Decree 30/2020)"))]


def _valid_on(day: date) -> models.Q:
    return (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)) & (
        models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
    )


class OrganizationQuerySet(SharedQuerySet):
    def valid_on(self, day: date):
        return self.filter(_valid_on(day))


@register
class Organization(IndexedModel):
    PARTY_BOARD = "party_board"
    MILITARY = "military"
    FRONT = "front"
    SOCIO_POLITICAL = "socio_political"
    DEPARTMENT = "department"
    DISTRICT = "district"
    COMMUNE = "commune"
    OTHER = "other"
    KINDS = [
        (PARTY_BOARD, _("Party board")),
        (MILITARY, _("Military command")),
        (FRONT, _("Fatherland Front")),
        (SOCIO_POLITICAL, _("Socio-political organisation")),
        (DEPARTMENT, _("Department or sector")),
        (DISTRICT, _("District leadership")),
        (COMMUNE, _("Commune leadership")),
        (OTHER, _("Other")),
    ]

    SEARCH_FIELDS = ("name", "short_name", "symbol", "former_names")
    SORT_FIELD = "name"

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    symbol = models.CharField(
        _("document symbol"),
        max_length=30,
        blank=True,
        help_text=_("Abbreviation after the slash in document numbers, e.g. MTTQ in 12-KH/MTTQ."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent organisation"),
    )
    unit = models.ForeignKey(
        AdminUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("locality"),
    )
    document_style = models.CharField(
        _("document format"), max_length=10, choices=DOCUMENT_STYLES, default=PARTY
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("merged into"),
    )
    # Earlier names, joined, so that a search for an old name still finds the organisation.
    former_names = models.TextField(editable=False, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["sort_key"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:organization_detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def name_on(self, day: date) -> str:
        """The name the organisation had on `day` (names change: see OrganizationName)."""
        for record in self.names.all():
            if (record.valid_from is None or record.valid_from <= day) and (
                record.valid_to is None or record.valid_to >= day
            ):
                return record.name
        return self.name

    def is_valid_on(self, day: date | None = None) -> bool:
        day = day or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


@register
class OrganizationName(models.Model):
    """One name an organisation bore over a period; the current one has no end."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("name over time")

    def __str__(self) -> str:
        return self.name


@register
class Committee(IndexedModel):
    """The steering committee (Ban chỉ đạo) of a province."""

    SEARCH_FIELDS = ("name", "short_name")
    SORT_FIELD = "name"

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=80)
    symbol = models.CharField(_("document symbol"), max_length=30, default="BCĐ")
    unit = models.ForeignKey(
        AdminUnit, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("province")
    )
    host = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="hosted_committees",
        verbose_name=_("host organisation"),
        null=True,
        blank=True,
    )
    standing_office = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="standing_for",
        verbose_name=_("standing office"),
        null=True,
        blank=True,
    )
    parent_body = models.CharField(
        _("issuing body above"),
        max_length=200,
        blank=True,
        help_text=_(
            "Printed above the committee's name in document headers, e.g. TỈNH ỦY VĨNH PHÚC."
        ),
    )
    place_name = models.CharField(
        _("place on documents"),
        max_length=80,
        blank=True,
        help_text=_("As in “Vĩnh Yên, ngày … tháng … năm …”."),
    )
    document_style = models.CharField(
        _("document format"), max_length=10, choices=DOCUMENT_STYLES, default=PARTY
    )

    objects = SharedQuerySet.as_manager()

    class Meta:
        verbose_name = _("steering committee")
        verbose_name_plural = _("steering committees")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orgs:committee_detail", args=[self.pk])

    def current_term(self, day: date | None = None) -> Term | None:
        day = day or timezone.localdate()
        return (
            self.terms.filter(models.Q(end__isnull=True) | models.Q(end__gte=day), start__lte=day)
            .order_by("-start")
            .first()
        )


@register
class Term(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(_("term"), max_length=100)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    decision = models.CharField(_("founding decision"), max_length=200, blank=True)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("term")

    def __str__(self) -> str:
        return self.name


@register
class Position(IndexedModel):
    """A person's seat in a committee term, on behalf of an organisation."""

    HEAD, DEPUTY, STANDING, MEMBER = "head", "deputy", "standing", "member"
    ROLES = [
        (HEAD, _("Head")),
        (DEPUTY, _("Deputy head")),
        (STANDING, _("Standing member")),
        (MEMBER, _("Member")),
    ]
    SEARCH_FIELDS = ("person_name", "title", "organization__name")
    SORT_FIELD = "person_name"

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(_("position"), max_length=10, choices=ROLES)
    person_name = models.CharField(_("full name"), max_length=120)
    title = models.CharField(_("job title"), max_length=255, blank=True)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="positions",
        verbose_name=_("on behalf of"),
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    objects = SharedQuerySet.as_manager()

    class Meta:
        ordering = ["order", "sort_key"]
        verbose_name = _("position")

    def __str__(self) -> str:
        return f"{self.person_name} — {self.get_role_display()}"

    def get_absolute_url(self) -> str:
        return (
            reverse("orgs:committee_detail", args=[self.term.committee_id]) + f"#position-{self.pk}"
        )
