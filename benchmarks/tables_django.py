"""The tables the Django bare apps read (bare_drf.py, bare_django_ninja.py), as unmanaged
models of the generated service's tables; the bare apps never create or alter them.
Imported once Django is set up."""

from __future__ import annotations

from django.db import models

# The generated service reads the token's user on every authenticated request; a bare app
# reads the same row, the service's admin (the first user it created), without a token.
BENCH_USER_ID = 1


class Item(models.Model):
    name = models.CharField(max_length=100)
    description = models.TextField(null=True)
    price = models.DecimalField(max_digits=9, decimal_places=2)
    owner_id = models.BigIntegerField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        app_label = "bare"
        db_table = "items_item"
        managed = False


class User(models.Model):
    # Django's AbstractUser columns, in the generated service's users app.
    password = models.CharField(max_length=128)
    last_login = models.DateTimeField(null=True)
    is_superuser = models.BooleanField()
    username = models.CharField(max_length=150)
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    email = models.CharField(max_length=254)
    is_staff = models.BooleanField()
    is_active = models.BooleanField()
    date_joined = models.DateTimeField()

    class Meta:
        app_label = "bare"
        db_table = "users_user"
        managed = False
