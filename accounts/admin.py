from django.contrib import admin

from accounts.models import Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "organisation", "sector", "level", "last_seen"]
    list_filter = ["sector", "level"]
    search_fields = ["user__username", "display_name", "organisation"]
    raw_id_fields = ["user"]
    filter_horizontal = ["themes_of_interest"]
