"""peewee models of the local store. The tables themselves are created by migrations.py."""

from __future__ import annotations

import peewee

store_proxy = peewee.DatabaseProxy()


class BaseModel(peewee.Model):
    class Meta:
        database = store_proxy


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()
    updated_at = peewee.TextField()

    class Meta:
        table_name = "setting"


class SavedSegment(BaseModel):
    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    definition = peewee.TextField()
    updated_at = peewee.TextField()

    class Meta:
        table_name = "segment"


class Suppression(BaseModel):
    number = peewee.TextField(primary_key=True)
    source = peewee.TextField()  # gateway_code_11 | blacklist_import | manual
    note = peewee.TextField(default="")
    added_at = peewee.TextField()
    added_by = peewee.TextField(default="")

    class Meta:
        table_name = "suppression"


ALL_MODELS: list[type[peewee.Model]] = [Setting, SavedSegment, Suppression]
