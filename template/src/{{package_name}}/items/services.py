"""What the web layers do with items: every read and write of the resource goes through here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from ..errors import NotFoundError
from ..users.models import User
from .models import Item


def all_items() -> QuerySet[Item]:
    """Every item, by id: a fixed order, so pages neither repeat nor skip an item."""
    return Item.objects.order_by("id")


def create_item(
    name: str, price: Decimal, description: str | None = None, owner: User | None = None
) -> Item:
    return Item.objects.create(name=name, description=description, price=price, owner=owner)


def get_item(item_id: int) -> Item:
    try:
        return Item.objects.get(pk=item_id)
    except Item.DoesNotExist:
        raise NotFoundError(f"Item {item_id} does not exist.") from None


def may_modify(item: Item, user: User) -> bool:
    """Only the item's owner or an admin may change it."""
    return user.is_admin or item.owner_id == user.pk


def update_item(item: Item, changes: dict[str, Any]) -> Item:
    # One conditional UPDATE: an item deleted by a concurrent request since it was read
    # is not written back into existence, as `save()` would do.
    updated = Item.objects.filter(pk=item.pk).update(**changes, updated_at=timezone.now())
    if not updated:
        raise NotFoundError(f"Item {item.pk} does not exist.")
    return get_item(item.pk)


def delete_item(item: Item) -> None:
    # Of concurrent deletes of one item, only the one whose statement removed the row has
    # deleted it: the others answer as if it had never existed.
    deleted, _ = Item.objects.filter(pk=item.pk).delete()
    if not deleted:
        raise NotFoundError(f"Item {item.pk} does not exist.")
