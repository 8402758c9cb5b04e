from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from ..errors import NotFoundError, PermissionDeniedError
from ..models import Item
from ..models.items import MAX_ID, MIN_ID
from ..schemas.items import ItemCreate, ItemUpdate
from .principal import Principal


async def list_items(session: AsyncSession, limit: int, offset: int) -> tuple[list[Item], int]:
    total = await session.scalar(select(func.count()).select_from(Item))
    rows = await session.scalars(select(Item).order_by(Item.id).limit(limit).offset(offset))
    return list(rows), total or 0


async def create_item(session: AsyncSession, data: ItemCreate, principal: Principal) -> Item:
    item = Item(
        name=data.name,
        description=data.description,
        price=Decimal(str(data.price)),
        owner_id=principal.user_id,
    )
    session.add(item)
    await session.commit()
    return item


async def get_item(session: AsyncSession, item_id: int) -> Item:
    # An id the column cannot hold cannot exist; asking the database would be an error.
    item = await session.get(Item, item_id) if MIN_ID <= item_id <= MAX_ID else None
    if item is None:
        raise NotFoundError(f"Item {item_id} does not exist.")
    return item


async def update_item(
    session: AsyncSession, item_id: int, data: ItemUpdate, principal: Principal
) -> Item:
    item = await _get_modifiable(session, item_id, principal)
    for field, value in data.changes().items():
        setattr(item, field, Decimal(str(value)) if field == "price" else value)
    try:
        await session.commit()
    except StaleDataError:
        # Deleted by a concurrent request between our read and our write.
        await session.rollback()
        raise NotFoundError(f"Item {item_id} does not exist.") from None
    return item


async def delete_item(session: AsyncSession, item_id: int, principal: Principal) -> None:
    item = await _get_modifiable(session, item_id, principal)
    await session.delete(item)
    await session.commit()


async def _get_modifiable(session: AsyncSession, item_id: int, principal: Principal) -> Item:
    item = await get_item(session, item_id)
    if not principal.may_modify(item.owner_id):
        raise PermissionDeniedError("Only the item's owner or an admin may change it.")
    return item
