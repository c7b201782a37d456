from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    ACTION = "action", _("Workflow action")
    NOTE = "note", _("Note")
    SLA_BREACH = "sla_breach", _("Deadline missed")
    OVERDUE = "overdue", _("Overall deadline missed")
    ESCALATION = "escalation", _("Escalated")
    PAYMENT = "payment", _("Payment")
    ATTACHMENT = "attachment", _("Document added")
    RATING = "rating", _("Rated")
    DEADLINE = "deadline", _("Deadline moved by the holiday calendar")


class CallbackStatus(models.TextChoices):
    OPEN = "open", _("To call back")
    DONE = "done", _("Called back")
