"""Values in what the probe sends that would reach past the object a write makes, made to reach
nobody (safety.reserved applies them with the e-mail addresses):

- a phone number, under any key (`to`, `recipients`, `phones`) or in a list: the fictional
  555-0100 (a reminder's `to` texted the number the docs' example gave);
- a URL the backend may call or connect to (a webhook's ping, an avatar fetched from
  `source_url`, an unfurled link in a text, a database's `postgres://` DSN): its host moved
  to `example.invalid` unless it is a reserved name (RFC 2606, 6761) already; localhost and
  IP literals are not reserved here, they reach the backend's own network (the cloud's
  metadata service at 169.254.169.254);
- a host or an IP address under a key naming one (`host`, `target_ip`, `[::1]:25`): a
  reserved one (a new database connection is tested at once, an uptime monitor pings its
  target);
- a moment under a key naming when an effect happens (`publish_at`, `send_at`): in 2099, as a
  moment gone by sets it going at once;
- a flag whose name says it reaches others, undoes something or makes the new object the one
  of its kind (`notify_followers`, `announce`, `revoke_others`, `overwrite`, `is_default`):
  off, or on when the name says it holds back (`dry_run`, `skip_email`, `silent`).

`safe_defaults` names the fields whose backend default would do the same (`notify: true`):
a body is sent with them set. `wide` says when a body still reaches everyone (`audience:
"everyone"`): such a body is not sent. `reaches` says when an enumerated value reaches
everyone, sets an effect going (a campaign made `sending`) or makes the one of its kind (a
member made `owner`): samples pick it last, --promises never.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from schemacheck.model import Schema, SchemaSet

WORD = re.compile(r"[-_.~:\s]+|(?<=[a-z0-9])(?=[A-Z])")
# Words of a key naming a phone number, and the fictional number (NANP 555-0100) sent
# instead. A key naming only whom a message goes to (`to`, `recipient`) may hold a date
# (`to_date`) or a count: there only an international number (E.164) is one.
PHONE_WORDS = {"phone", "mobile", "msisdn", "tel", "telephone", "cell", "cellphone", "sms",
               "phonenumber", "mobilenumber", "whatsapp", "fax"}
FICTIONAL_PHONE = "+12025550100"
# Other numbers set aside for fiction, each spelled the ways a pattern may ask (international,
# national, grouped): a field whose pattern the first breaks (`^\+44\d{10}$`) gets one that
# fits, still reaching nobody: US 555-0100, UK Ofcom's drama mobile 07700 900123, Australia's
# ACMA 0491 570 156. Only these (and 555-01xx) count as fictional already: a docs example in
# a range said to be fictional may still be someone's.
FICTIONAL_PHONES = (
    FICTIONAL_PHONE, "2025550100", "+1 202-555-0100", "+1 (202) 555-0100", "202-555-0100",
    "(202) 555-0100", "+1-202-555-0100", "+447700900123", "07700900123", "+44 7700 900123",
    "07700 900123", "+61491570156", "0491570156",
    "+61 491 570 156", "0491 570 156")
FICTIONAL = {"".join(c for c in n if c.isdigit()) for n in FICTIONAL_PHONES}
# An international number wherever it is (E.164, with the usual separators): `+` and 8 to 15
# digits; under a phone key a national one (7 digits or more) too.
E164 = re.compile(r"^\+\d[\d\s().-]{6,22}$")
NATIONAL = re.compile(r"^\(?\d[\d\s().-]{5,22}$")
# Any scheme: a database's, a cache's or a queue's DSN (`postgres://`, `redis://`,
# `mongodb+srv://`, `amqp://`) is a host the backend connects to as much as a webhook's URL.
URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)(?:[^\s/?#@]*@)?(\[[^\]\s]*\]|[^\s/?#:]+)"
                 r"(?::\d*)?")
SAFE_HOSTS = ("example.com", "example.net", "example.org")
SAFE_TLDS = ("example", "test", "invalid")
SAFE_HOST = "example.invalid"
# Words of a key naming when an effect happens, and the year a moment there is moved to.
WHEN_WORDS = {"send", "publish", "schedule", "scheduled", "deliver", "delivery", "notify",
              "remind", "reminder", "trigger", "fire", "run", "execute", "launch", "release",
              "post", "dispatch", "charge", "bill", "billing", "broadcast", "golive"}
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
FAR_YEAR = "2099"
FAR_LEAP_YEAR = "2096"  # 2099 has no 29 February: a leap day moved there is no date at all
# Words of a key naming a host a backend connects to (a database's, a monitor's target).
HOST_WORDS = {"host", "hostname", "server", "domain", "endpoint", "ip", "ipaddress", "ipv4",
              "ipv6", "fqdn", "smtp", "dns", "nameserver"}
HOSTNAME = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")
BRACKETED = re.compile(r"\[([^\]]*)\]:(\d+)")
# Networks for documentation (RFC 5737, 3849): nothing answers there.
DOC_NETS = tuple(ipaddress.ip_network(n) for n in (
    "192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"))
# Words of a flag's name saying it reaches people, other objects or the caller's own access,
# or undoes something; and words saying it holds back: a negation wins (`skip_notify`), a
# mode only alone (`test_mode`, `preview`): beside an effect it names what the effect sends
# (`send_test_email`, `publish_draft`, `send_preview`), and the flag goes out off.
EFFECT_FLAGS = {
    "notify", "notification", "announce", "announcement", "broadcast", "email", "mail",
    "sms", "message", "send", "invite", "invitation", "alert", "push", "ping", "publish",
    "share", "deliver", "webhook", "subscribe", "revoke", "rotate", "overwrite", "replace",
    "force", "cascade", "purge", "delete", "remove", "reset", "wipe", "logout", "signout",
    "expire", "invalidate", "propagate", "sync", "deploy", "charge", "bill", "capture",
    "confirm", "execute", "run", "trigger", "others", "all", "everyone", "everybody",
    "enforce", "lock", "lockout", "ban", "block", "suspend", "disconnect", "terminate"}
# Words of a flag that only confirms the write it sits in (`confirm: true`, `accept_terms`):
# one the schema fixes (Literal[True]) is sent as fixed, the write being what was allowed. A
# fixed flag of any other effect (`replace_current: Literal[True]`) reaches past the write.
CONSENT_FLAGS = {"confirm", "confirmed", "confirmation", "accept", "accepted", "agree",
                 "agreed", "acknowledge", "acknowledged", "consent", "sure", "yes"}
RESTRAINT_FLAGS = {"dry", "dryrun", "silent", "silently", "quiet", "skip", "suppress", "mute",
                   "muted", "no", "without", "noop", "simulate", "disable", "disabled"}
RESTRAINT_MODES = {"preview", "sandbox", "draft", "validate", "only", "test"}
# A value reaching everyone rather than one object or person, under a key naming whom or what
# a write reaches (a webhook's `events: ["*"]` reaches nobody).
EVERYONE = {"all", "everyone", "everybody", "everything", "*"}
AUDIENCE = {"audience", "recipient", "to", "target", "scope", "segment", "who", "notify",
            "send", "cc", "bcc", "broadcast", "user", "member", "subscriber", "follower",
            "contact", "customer", "channel", "group", "team", "apply", "applies"}


# Words of a state that sets an effect going when an object is made in it (a campaign made
# `sending` goes out, a post made `published` mails the subscribers, a payment `captured`
# moves money): a sample picks such a value last, --promises not at all.
STARTS = {"send", "sending", "sent", "publish", "published", "broadcast", "broadcasting",
          "deliver", "delivering", "delivered", "dispatch", "dispatched", "notify", "notified",
          "mail", "mailed", "charge", "charged", "capture", "captured", "paid", "execute",
          "executing", "trigger", "triggered", "launch", "launched"}
# Words of what there is one of (a team's owner, a customer's default address, the primary
# e-mail): a new object made so unmakes the one there was, which the run did not create.
SOLE = {"owner", "primary", "default", "preferred"}


def reaches(value: Any) -> bool:
    """Whether an enumerated value reaches everyone, sets an effect going or makes the new
    object the one of its kind (a role `owner`)."""
    if not isinstance(value, str):
        return False
    said = value.strip().lower()
    return said in EVERYONE or bool({w.lower() for w in WORD.split(said) if w} & (
        STARTS | SOLE - {"default"}))  # a `"default"` theme or plan unmakes nothing


def words(name: str) -> set[str]:
    """The words of a key, with a plural's singular (`phones` -> `phone`)."""
    found: set[str] = set()
    for word in (w.lower() for w in WORD.split(name) if w):
        found |= {word, word[:-1] if word.endswith("s") else word,
                  word[:-2] if word.endswith("es") else word,
                  word[:-3] + "y" if word.endswith("ies") else word}
    return found


def _fictional(number: str) -> str:
    digits = "".join(c for c in number if c.isdigit())
    if digits[-7:-2] == "55501" or digits in FICTIONAL:  # already a fictional one
        return number
    return FICTIONAL_PHONE if number.lstrip().startswith("+") else FICTIONAL_PHONE[2:]


def phone(key: str, value: str) -> str:
    """`value` as a fictional number when it is an international one anywhere, or a national
    one under a key naming a phone."""
    text = value.strip()
    digits = sum(c.isdigit() for c in text)
    if E164.match(text) and 8 <= digits <= 15:
        return _fictional(text)
    if words(key) & PHONE_WORDS and NATIONAL.match(text) and 7 <= digits <= 15:
        return _fictional(text)
    return value


def _safe_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return host.rpartition(".")[2] in SAFE_TLDS or any(
        host == d or host.endswith("." + d) for d in SAFE_HOSTS)


def _moved(match: re.Match[str]) -> str:
    return match.group(0) if _safe_host(match.group(2)) else match.group(1) + SAFE_HOST


def urls(value: str) -> str:
    """Every URL in `value` on a reserved host: the path stays, user, host and port go."""
    return URL.sub(_moved, value) if "://" in value else value


def host(key: str, value: str) -> str:
    """A host name or an IP address under a key naming one (`host`, `target_ip`, `smtp_server`),
    a reserved one: `example.invalid`, 192.0.2.1 or 2001:db8::1 (RFC 5737, 3849), a port kept."""
    if not words(key) & HOST_WORDS:
        return value
    text = value.strip()
    bracketed = BRACKETED.fullmatch(text)
    if bracketed:  # an IPv6 address with its port (`[::1]:5432`): no name, no plain address
        inside, port = bracketed.groups()
        try:
            if any(ipaddress.ip_address(inside) in net for net in DOC_NETS):
                return value
        except ValueError:
            pass  # not an address: moved all the same
        return f"[2001:db8::1]:{port}"
    try:
        found = ipaddress.ip_network(text, strict=False) if "/" in text else \
            ipaddress.ip_address(text.strip("[]"))
    except ValueError:
        name, _, port = text.rpartition(":") if text.count(":") == 1 else (text, "", "")
        if not HOSTNAME.fullmatch(name) or port and not port.isdigit() or _safe_host(name):
            return value
        return SAFE_HOST + (":" + port if port else "")
    first = found.network_address if isinstance(found, (ipaddress.IPv4Network,
                                                         ipaddress.IPv6Network)) else found
    last = found.broadcast_address if isinstance(found, (ipaddress.IPv4Network,
                                                         ipaddress.IPv6Network)) else found
    if any(first in net and last in net for net in DOC_NETS):
        return value
    safe = "192.0.2.1" if found.version == 4 else "2001:db8::1"
    return safe + ("/32" if found.version == 4 else "/128") if "/" in text else safe


# Safe values in other spellings, for a field whose constraints the first safe value breaks
# (a hostname pattern without `.invalid`, an IPv4-only one): each is as reserved as the first.
SAFE_HOST_CHOICES = (SAFE_HOST, "example.com", "host.example.com", "example.org", "example.net",
                     "example.test", "host.example")
SAFE_IP_CHOICES = ("192.0.2.1", "198.51.100.1", "203.0.113.1", "2001:db8::1")


def choices(key: str, value: str, defused: str) -> list[str]:
    """Other safe values for a string `defuse` changed (`value` as it was, `defused` as the
    probe would send it), best first: fictional numbers, reserved hosts and addresses, a URL
    on another reserved host or over https. None for a moment moved to 2099: no nearer one
    is safe."""
    if defused == value:
        return []
    if phone(key, value) != value:
        return list(FICTIONAL_PHONES)
    if "://" in value:
        found: list[str] = []
        for name in SAFE_HOST_CHOICES:
            moved = defused.replace(SAFE_HOST, name)
            found += [moved, re.sub(r"(?i)^http://", "https://", moved)]
        return list(dict.fromkeys(found))
    if words(key) & HOST_WORDS:
        port = re.search(r":\d+$", defused) if defused.count(":") == 1 else None
        tail = port.group(0) if port else ""
        return [*(h + tail for h in SAFE_HOST_CHOICES), *SAFE_IP_CHOICES]
    return []


def later(key: str, value: str) -> str:
    """A date or a moment under a key naming when an effect happens (`publish_at`,
    `send_at`, `scheduled_for`), in the far future: a moment gone by (the sample's 2025, a
    docs example's) sets the effect going at once."""
    if not words(key) & WHEN_WORDS or not ISO_DAY.match(value) or value[:4] >= FAR_YEAR:
        return value
    year = FAR_LEAP_YEAR if value[4:10] == "-02-29" else FAR_YEAR
    return value if value[:4] == year else year + value[4:]


def flag(key: str, value: bool) -> bool:
    """A flag named for an effect, off; named for holding back, on; else as it was."""
    said = words(key)
    if said & RESTRAINT_FLAGS:
        return True
    if said & (EFFECT_FLAGS | SOLE):
        return False
    return True if said & RESTRAINT_MODES else value


def wide(value: Any, key: str = "", depth: int = 0) -> str | None:
    """Where a body's value reaches everyone (`audience: "everyone"`, `scope: "*"`), as
    `key: value`, or None."""
    if depth > 32:
        return None
    if isinstance(value, str):
        said = value.strip().lower()
        return f"{key}: {value}" if said in EVERYONE and words(key) & AUDIENCE else None
    if isinstance(value, dict):
        return next(filter(None, (wide(v, str(k), depth + 1) for k, v in value.items())), None)
    if isinstance(value, list):
        return next(filter(None, (wide(v, key, depth + 1) for v in value)), None)
    return None


def safe_defaults(schema: Schema, schemas: SchemaSet) -> dict[str, Any]:
    """The backend's defaults for a body's fields that would reach past the write, as the
    value to send instead (`notify_attendees` defaulting to true: `false`; an `audience`
    defaulting to `"everyone"`: another of its values): a body leaving such a field out gets
    the effect, so the probe names it."""
    core, _ = schemas.core(schema)
    props = core.get("properties") if isinstance(core.get("properties"), dict) else {}
    out: dict[str, Any] = {}
    for key, sub in (props or {}).items():
        field, _ = schemas.core(sub) if isinstance(sub, dict) else ({}, False)
        if "default" not in field:
            continue
        default = field["default"]
        if isinstance(default, bool) and flag(str(key), default) != default:
            out[str(key)] = flag(str(key), default)
        elif reaches(default):
            others = [v for v in field.get("enum") or [] if v is not None and not reaches(v)]
            if others:
                out[str(key)] = others[0]
    return out
