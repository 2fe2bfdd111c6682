"""URL identity (one page, one key), link cleaning, host allowlists and private-address refusal."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that never change what a UNODC page serves: the default interface language
# and campaign tracking. Other `lng` values are kept because they can select another language.
_DROP_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "_ga"}
_DROP_VALUES = {("lng", "en")}
_SAFE_PATH = "/:@!$&'()*+,;=-._~"
_SAFE_QUERY = "/:@!$'()*+,;?-._~"
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _requote(segment: str) -> str:
    # Decoding then encoding gives one spelling for "%7E", "~" and "%7e"; "/" inside a segment stays encoded.
    return quote(unquote(segment), safe=_SAFE_PATH.replace("/", ""))


def _remove_dot_segments(path: str) -> str:
    out: list[str] = []
    for seg in path.split("/"):
        if seg == "..":
            if len(out) > 1:
                out.pop()
        elif seg != ".":
            out.append(seg)
    if path.endswith(("/.", "/..")):
        out.append("")
    return "/".join(out) or "/"


def host_key(host: str | None) -> str:
    """A host name for comparison: lowercase, without a trailing dot or a leading `www.`."""
    host = (host or "").strip().lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def normalize_url(url: str) -> str:
    """The identity key of a URL: https, no `www.`, no fragment, no `lng=en` or tracking, sorted query."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return url.strip()
    host = host_key(parts.hostname)
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _remove_dot_segments("/".join(_requote(s) for s in (parts.path or "/").split("/")))
    if not path.startswith("/"):
        path = "/" + path
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _DROP_PARAMS and not k.lower().startswith("utm_") and (k.lower(), v.lower()) not in _DROP_VALUES
    ]
    return urlunsplit(("https", netloc, path, urlencode(sorted(query), safe=_SAFE_QUERY), ""))


def clean_url(href: str, base: str | None = None) -> str | None:
    """An absolute http(s) URL to fetch from a link, without its fragment; None for other schemes."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href) if base else href
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    path = "/".join(_requote(s) for s in parts.path.split("/")) if parts.path else "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, parts.query, ""))


def url_host(url: str) -> str:
    """Host and port of a URL as written in a Host header, lowercase (the unit of politeness)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}" if port else host


def host_allowed(url: str, allowed_hosts: list[str] | tuple[str, ...]) -> bool:
    """Whether the URL's host is on the allowlist: same host or a subdomain; `host:port` entries pin the port."""
    parts = urlsplit(url)
    host = host_key(parts.hostname)
    try:
        port = parts.port
    except ValueError:
        return False
    for entry in allowed_hosts:
        entry = entry.strip().lower()
        want_port = None
        if entry.count(":") == 1:
            entry, _, p = entry.partition(":")
            want_port = int(p) if p.isdigit() else None
        entry = host_key(entry)
        if (host == entry or host.endswith("." + entry)) and (want_port is None or want_port == port):
            return True
    return False


def private_reason(address: str) -> str | None:
    """Why an IP address must not be fetched (loopback, private, link-local...), or None when public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for attr, label in (("is_loopback", "loopback"), ("is_link_local", "link-local"), ("is_private", "private"),
                        ("is_multicast", "multicast"), ("is_unspecified", "unspecified"), ("is_reserved", "reserved")):
        if getattr(ip, attr):
            return label
    return None


def check_public_host(host: str) -> str | None:
    """Resolve a host name and return a refusal if any of its addresses is not public, else None."""
    host = host.strip("[]")
    try:
        addresses = {host} if _is_ip(host) else {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError) as e:
        return f"cannot resolve {host}: {e}"
    for address in sorted(addresses):
        reason = private_reason(address)
        if reason:
            where = f"is a {reason} address" if address == host else f"resolves to {reason} address {address}"
            return f"refused: {host} {where} (allow with --allow-private-hosts)"
    return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
        return True
    except ValueError:
        return False
