"""Workflows as data (after eGov DIGIT): states with an SLA and flags, actions with the roles
allowed to take them. A service points to one workflow version; a file keeps the version it
started with, so changing a workflow never changes files already in it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daftar.core.i18n import localised as _localised


class Workflow(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)

    class Meta:
        verbose_name = _("workflow")
        verbose_name_plural = _("workflows")

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)


class WorkflowVersion(models.Model):
    workflow = models.ForeignKey(
        Workflow, on_delete=models.PROTECT, related_name="versions", verbose_name=_("workflow")
    )
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Empty while the version is a draft the catalogue team edits; once set the version is
    # immutable, services may point at it and files start in it (ADR 0025).
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("workflow version")
        verbose_name_plural = _("workflow versions")
        constraints = [
            models.UniqueConstraint(fields=["workflow", "version"], name="workflow_version_unique"),
            models.UniqueConstraint(
                fields=["workflow"],
                condition=Q(published_at__isnull=True),
                name="workflow_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workflow.code} v{self.version}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class WorkflowState(models.Model):
    version = models.ForeignKey(
        WorkflowVersion,
        on_delete=models.CASCADE,
        related_name="states",
        verbose_name=_("workflow version"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    sla_days = models.PositiveSmallIntegerField(
        _("SLA in this state (working days)"), null=True, blank=True
    )
    is_start = models.BooleanField(_("start state"), default=False)
    is_terminal = models.BooleanField(_("terminal state"), default=False)
    citizen_editable = models.BooleanField(
        _("citizen may edit"),
        default=False,
        help_text=_("The citizen may change form data and documents in this state."),
    )
    in_department = models.BooleanField(
        _("in the department's queue"),
        default=False,
        help_text=_("Files in this state wait for the deciding department."),
    )
    awaiting_payment = models.BooleanField(_("awaiting payment"), default=False)
    # The department that handles files in this state, by its code (a workflow sits below the
    # catalogue and names departments as data): empty = the service's own department. So a
    # file can pass urban planning, then fire safety (ADR 0025).
    department = models.SlugField(
        _("handled by department"),
        max_length=40,
        blank=True,
        help_text=_("Empty: the department of the service the file is for."),
    )
    # Departments that must each sign off a file in this state before it moves on (codes);
    # a refusal by any of them moves it at once (cases: FileSignOff, ADR 0025).
    parallel_departments = models.JSONField(
        _("sign-off by departments in parallel"), default=list, blank=True
    )

    class Meta:
        verbose_name = _("workflow state")
        verbose_name_plural = _("workflow states")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="workflow_state_unique"),
            models.UniqueConstraint(
                fields=["version"], condition=Q(is_start=True), name="workflow_one_start_state"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)


class WorkflowAction(models.Model):
    version = models.ForeignKey(
        WorkflowVersion,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("workflow version"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name_fa = models.CharField(_("name (Persian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    from_state = models.ForeignKey(
        WorkflowState,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("from state"),
    )
    to_state = models.ForeignKey(
        WorkflowState, on_delete=models.CASCADE, related_name="+", verbose_name=_("to state")
    )
    roles = models.JSONField(
        _("roles allowed"),
        default=list,
        help_text=_(
            'Role names, e.g. ["department_reviewer"]; "system" '
            "for actions only the platform takes (payment)."
        ),
    )
    requires_reason = models.BooleanField(_("a reason is required"), default=False)
    # What the timeline says once the action is taken ("the bill was issued"): `name` is the
    # button ("issue the bill"), this is the sentence.
    done_fa = models.CharField(_("once done (Persian)"), max_length=200, blank=True)
    done_en = models.CharField(_("once done (English)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("workflow action")
        verbose_name_plural = _("workflow actions")
        constraints = [
            models.UniqueConstraint(
                fields=["from_state", "code"], name="workflow_action_unique_per_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_state.code} --{self.code}--> {self.to_state.code}"

    @property
    def name(self) -> str:
        return _localised(self.name_fa, self.name_en)

    @property
    def done(self) -> str:
        """The timeline's sentence for this action once taken (its name if none is set)."""
        return _localised(self.done_fa, self.done_en) or self.name
