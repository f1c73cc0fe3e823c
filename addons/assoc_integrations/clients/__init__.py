"""Small HTTP clients, one per provider, built on `requests`.

They know nothing of Odoo: they take credentials and a base URL, and raise
ProviderError subclasses that the connector turns into translated messages."""

from .base import AuthenticationError, BaseClient, ProviderError, ProviderUnavailable
from .brevo import BrevoClient
from .helloasso import HelloAssoClient
from .mailchimp import MailchimpClient
from .mailjet import MailjetClient

__all__ = [
    "AuthenticationError",
    "BaseClient",
    "BrevoClient",
    "HelloAssoClient",
    "MailchimpClient",
    "MailjetClient",
    "ProviderError",
    "ProviderUnavailable",
]
