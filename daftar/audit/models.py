"""The append-only, hash-chained audit log.

An entry belongs to a stream (the city, one office, the treasury...) and carries the
sequence number it has in that stream and the hash of the entry before it. The hash is
HMAC-SHA256 over the previous hash and the canonical JSON of the entry, with a key that
lives in the settings, never in the database. Database triggers refuse UPDATE and DELETE
on entries (see `triggers.py`); `AuditStream` keeps each stream's head so that appending
locks one small row per stream, not the whole table; heads only move forward.
`AuditCheckpoint` is a signed snapshot of every head, made daily and published outside the
database as a file (docs/adr/0010), so that a log shrunk by a database superuser is caught.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditStream(models.Model):
    name = models.CharField(_("stream"), max_length=100, unique=True)
    last_seq = models.BigIntegerField(_("last sequence number"), default=0)
    last_hash = models.CharField(_("last hash"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit stream")
        verbose_name_plural = _("audit streams")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_seq__gte=0), name="audit_stream_seq_gte_0"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AuditEntry(models.Model):
    stream = models.CharField(_("stream"), max_length=100)
    seq = models.BigIntegerField(_("sequence number"))
    created_at = models.DateTimeField(_("time (UTC)"))
    # Not foreign keys: an entry must outlive and never cascade from what it describes.
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True)
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=100)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    key_id = models.CharField(_("key id"), max_length=16)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["stream", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["stream", "seq"], name="audit_entry_stream_seq_unique"),
            models.CheckConstraint(condition=models.Q(seq__gte=1), name="audit_entry_seq_gte_1"),
        ]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_entry_object_idx"),
            models.Index(fields=["actor_id", "created_at"], name="audit_entry_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.stream}#{self.seq} {self.action}"


class AuditCheckpoint(models.Model):
    """A signed snapshot of every stream's head; append-only like the entries.

    `body` is the exact canonical JSON that was signed (see `daftar.audit.checkpoints`); the
    other columns repeat parts of it for queries and pages.
    """

    number = models.BigIntegerField(_("number"), unique=True)
    created_at = models.DateTimeField(_("time (UTC)"))
    key_id = models.CharField(_("signing key id"), max_length=16)
    previous_digest = models.CharField(_("digest of the previous checkpoint"), max_length=64)
    merkle_root = models.CharField(_("Merkle root of the stream heads"), max_length=64)
    stream_count = models.IntegerField(_("streams"))
    entry_count = models.BigIntegerField(_("entries"))
    body = models.TextField(_("signed body (canonical JSON)"))
    signature = models.CharField(_("Ed25519 signature (hex)"), max_length=128)

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="audit_checkpoint_number_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"checkpoint #{self.number}"
