from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from accounts import signals  # noqa: F401  (connects the profile-creating signal)

        # Each app's member_data module adds its part to the data export and to account deletion
        # (accounts.data.exports, accounts.deletion.on_delete), so accounts imports none of them.
        autodiscover_modules("member_data")
