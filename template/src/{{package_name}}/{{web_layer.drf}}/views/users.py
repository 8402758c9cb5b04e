"""User registration and the caller's own profile."""

from __future__ import annotations

from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from ...users import services as user_service
from ..permissions import RegistrationAllowed
from ..serializers.users import UserSerializer


class UserViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = UserSerializer
    permission_classes = [RegistrationAllowed]

    def perform_create(self, serializer: BaseSerializer) -> None:
        serializer.instance = user_service.create_user(**serializer.validated_data)

    @action(detail=False, permission_classes=[IsAuthenticated])
    def me(self, request: Request) -> Response:
        return Response(self.get_serializer(request.user).data)
