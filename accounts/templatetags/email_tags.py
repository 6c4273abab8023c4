"""`{% email_goes_to_the_terminal as printed %}`: whether this copy of the site prints its emails instead of sending.

The sign-up pages then say where a newcomer's confirmation link is (templates/account/includes/email_in_terminal.html).
"""

from django import template
from django.conf import settings

from cop_site.env import email_goes_to_the_terminal as printed

register = template.Library()


@register.simple_tag
def email_goes_to_the_terminal():
    return printed(settings.EMAIL_BACKEND)
