"""peewee models of the notification tables (created by schema.py through the migrations)."""

from __future__ import annotations

import peewee

from isend_tui.store.models import BaseModel


class NotificationRule(BaseModel):
    id = peewee.AutoField()
    event = peewee.TextField()
    order_state_id = peewee.IntegerField(null=True)
    state_name = peewee.TextField(default="")
    sender = peewee.TextField(default="")
    text = peewee.TextField()
    enabled = peewee.BooleanField(default=True)
    created_at = peewee.TextField()
    updated_at = peewee.TextField()

    class Meta:
        table_name = "notification_rule"


class Notification(BaseModel):
    id = peewee.AutoField()
    created_at = peewee.TextField()
    rule_id = peewee.IntegerField(null=True)
    event = peewee.TextField()
    occurrence = peewee.TextField()
    idempotency_key = peewee.TextField(unique=True)
    recipient = peewee.TextField(default="")
    number = peewee.TextField(default="")
    message = peewee.TextField(default="")
    sender = peewee.TextField(default="")
    ucs2 = peewee.BooleanField(default=False)
    state = peewee.TextField()
    code = peewee.TextField(null=True)
    detail = peewee.TextField(default="")
    attempts = peewee.IntegerField(default=0)
    next_attempt_at = peewee.TextField(null=True)
    id_order = peewee.IntegerField(null=True)
    id_customer = peewee.IntegerField(null=True)
    sent_at = peewee.TextField(null=True)
    updated_at = peewee.TextField()
    reference_key = peewee.TextField(null=True)
    # automations (schema 11): the flow that queued it, the proof of the recipient's basis
    flow = peewee.TextField(null=True)
    proof_basis = peewee.TextField(null=True)
    proof_source = peewee.TextField(null=True)
    proof_date = peewee.TextField(null=True)
    proof_ref = peewee.TextField(null=True)
    # schema 16: the local hours group decided from the address (NULL: from the number)
    zone = peewee.TextField(null=True)

    class Meta:
        table_name = "notification"


class WatcherCursor(BaseModel):
    name = peewee.TextField(primary_key=True)
    value = peewee.IntegerField()
    gaps = peewee.TextField(default="[]")
    extra = peewee.TextField(default="{}")
    updated_at = peewee.TextField()

    class Meta:
        table_name = "watcher_cursor"


class WatcherSnapshot(BaseModel):
    kind = peewee.TextField()
    key = peewee.IntegerField()
    ref = peewee.IntegerField(default=0)
    value = peewee.TextField()
    seen_at = peewee.TextField()
    number = peewee.TextField(default="")  # tracking: the last non-empty number (schema 5)
    changes = peewee.IntegerField(default=0)  # tracking: times it changed to another one

    class Meta:
        table_name = "watcher_snapshot"
        primary_key = peewee.CompositeKey("kind", "key")
