"""How django-allauth counts failed sign-ins here: per account *and* network.

allauth counts failures per account ("5/5m/key", the key being the login name), so anyone who knows
a member's username could lock them out for five minutes by failing five times. Here the key is the
login name with the client's address: a guesser is stopped after five failures, from their own
address, and the member can still sign in from theirs. Each address is also limited across
accounts ("10/m/ip" failures, "30/m/ip" attempts: settings ACCOUNT_RATE_LIMITS).
"""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials):
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"
