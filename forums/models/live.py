"""The live event log shared by comment threads, forum threads and rooms.

Every change a viewer should see live is stored here first, inside the transaction that made it,
and broadcast only after commit. The row's id is the event id: it only grows, so a client that
remembers the last id it saw can ask for everything after it when it reconnects.
"""

from django.db import models


class LiveEvent(models.Model):
    stream = models.CharField(max_length=64, db_index=True)  # "thread:12", "room:3"
    type = models.CharField(max_length=32)
    payload = models.JSONField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["stream", "id"])]

    def __str__(self):
        return f"{self.stream} #{self.pk} {self.type}"

    def as_frame(self):
        return {"type": self.type, "event_id": self.pk, **self.payload}
