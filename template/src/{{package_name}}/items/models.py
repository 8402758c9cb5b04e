from __future__ import annotations

from django.conf import settings
from django.db import models


class Item(models.Model):
    """The example resource behind /api/v1/items."""

    name = models.CharField(max_length=100)
    description = models.TextField(max_length=1000, null=True, blank=True)
    price = models.DecimalField(max_digits=9, decimal_places=2)
    # Set from the authenticated caller with users, empty otherwise.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
