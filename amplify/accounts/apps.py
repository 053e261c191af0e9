from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "amplify.accounts"
    label = "accounts"
    verbose_name = "Accounts and access"
