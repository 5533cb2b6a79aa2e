"""Where a webhook may point (SSRF): HTTPS to a host whose every address is public. With
`WEBHOOKS_ALLOW_LOOPBACK` (DEBUG, tests) plain HTTP and loopback addresses (127.0.0.1, ::1) are
allowed too, so that a local receiver can be tried; private networks never are.

The address is checked when the webhook is registered and again at each delivery, which then
connects to the very address it checked (`pinned`): a name that resolves to a public address at
the check and to a private one a moment later (DNS rebinding) gets nothing.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

HTTPS_ONLY = "L'adresse doit commencer par https:// (le contenu envoyé est signé, pas chiffré)."
PRIVATE = (
    "Cette adresse mène à un réseau privé ou réservé ({address}) : les webhooks ne sont envoyés "
    "qu'à des adresses publiques."
)
UNKNOWN_HOST = "Le nom de domaine « {host} » est introuvable : vérifiez l'adresse."
WITH_CREDENTIALS = "L'adresse ne doit pas contenir d'identifiant ni de mot de passe."


class RefusedAddress(Exception):
    """Why a webhook's URL may not be called, in French."""


def loopback_allowed():
    return getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK", False)


def resolve(host, port):
    """Every address `host` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise RefusedAddress(UNKNOWN_HOST.format(host=host)) from error
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address.version == 6 and address.ipv4_mapped:
            address = address.ipv4_mapped
        if address not in addresses:
            addresses.append(address)
    return addresses


def check_address(address):
    if address.is_loopback and loopback_allowed():
        return
    if not address.is_global or address.is_multicast:
        raise RefusedAddress(PRIVATE.format(address=address))


def checked_target(url):
    """(parts of the URL, the first allowed address) or RefusedAddress."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RefusedAddress(HTTPS_ONLY)
    if parts.username or parts.password:
        raise RefusedAddress(WITH_CREDENTIALS)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(parts.hostname, port)
    for address in addresses:
        check_address(address)
    if parts.scheme == "http" and not (
        loopback_allowed() and all(address.is_loopback for address in addresses)
    ):
        raise RefusedAddress(HTTPS_ONLY)
    return parts, addresses[0]


def check_url(url):
    """Raise RefusedAddress if a webhook may not point at `url`."""
    checked_target(url)


def pinned(url):
    """(URL to connect to, Host header, TLS server name) for `url`, its host replaced by the
    address just checked: the connection goes where the check looked."""
    parts, address = checked_target(url)
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{literal}:{parts.port}" if parts.port else literal
    target = parts._replace(netloc=netloc).geturl()
    host = parts.netloc.rsplit("@", 1)[-1]
    return target, host, parts.hostname
