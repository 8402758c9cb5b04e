"""The example resource: items."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from ...schemas.items import ItemCreate, ItemPage, ItemRead, ItemUpdate
from ...services import items as item_service
from ..auth import CurrentPrincipal, current_principal
from ..dependencies import SessionDep

# OFFSET is a 64-bit integer in SQL; a larger one is a client error, not a database one.
LARGEST_OFFSET = 2**63 - 1

router = APIRouter(prefix="/items", tags=["items"], dependencies=[Depends(current_principal)])


@router.get("")
async def list_items(
    session: SessionDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=LARGEST_OFFSET)] = 0,
) -> ItemPage:
    items, total = await item_service.list_items(session, limit, offset)
    return ItemPage(
        items=[ItemRead.model_validate(item) for item in items],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_item(
    data: ItemCreate,
    session: SessionDep,
    principal: CurrentPrincipal,
    request: Request,
    response: Response,
) -> ItemRead:
    item = await item_service.create_item(session, data, principal)
    response.headers["Location"] = str(request.url_for("get_item", item_id=item.id))
    return ItemRead.model_validate(item)


@router.get("/{item_id}")
async def get_item(item_id: int, session: SessionDep) -> ItemRead:
    return ItemRead.model_validate(await item_service.get_item(session, item_id))


@router.patch("/{item_id}")
async def update_item(
    item_id: int, data: ItemUpdate, session: SessionDep, principal: CurrentPrincipal
) -> ItemRead:
    item = await item_service.update_item(session, item_id, data, principal)
    return ItemRead.model_validate(item)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_item(item_id: int, session: SessionDep, principal: CurrentPrincipal) -> Response:
    await item_service.delete_item(session, item_id, principal)
    # An empty Response: FastAPI would render None with its JSON class's Content-Type.
    return Response(status_code=status.HTTP_204_NO_CONTENT)
