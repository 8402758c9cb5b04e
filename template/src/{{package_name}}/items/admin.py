from django.contrib import admin

from .models import Item


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "price", "owner", "updated_at"]
    list_select_related = ["owner"]
    search_fields = ["name"]
    raw_id_fields = ["owner"]
