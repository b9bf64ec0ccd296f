"""Sample values for shapes pydantic writes into specs: each fits what the backend checks,
not only the loose documented type."""

from __future__ import annotations

import ipaddress
import json
import re
import uuid

import pytest

from schemacheck.model import SchemaSet
from schemacheck.probe import media
from schemacheck.probe.fields import observe, variants
from schemacheck.probe.payloads import Problems, sample
from schemacheck.probe.retry import corrected, is_sample_error
from schemacheck.probe.values import format_ok, number_value, python_pattern, string_value

NONE = SchemaSet()


@pytest.mark.parametrize("version", [1, 3, 4, 5])
def test_uuid_versions_are_met(version: int) -> None:
    value = string_value({"format": f"uuid{version}"}, "ref")
    assert isinstance(value, str) and uuid.UUID(value).version == version
    assert not format_ok(str(uuid.UUID(int=1, version=4 if version != 4 else 1)),
                         f"uuid{version}")


@pytest.mark.parametrize("fmt", ["ipvanynetwork", "ipv4network", "ipv6network",
                                 "ipvanyinterface", "ipv4interface", "ipv6interface"])
def test_networks_and_interfaces(fmt: str) -> None:
    value = string_value({"format": fmt}, "net")
    assert isinstance(value, str)
    ipaddress.ip_interface(value)
    assert ("6" in fmt) == (":" in value)


@pytest.mark.parametrize(("pattern", "shape"), [
    (r"^[\p{L} .'-]+$", r"[A-Za-z .'-]+"),
    (r"^\p{Lu}{2}\d{3}$", r"[A-Z]{2}\d{3}"),
    (r"^\pL+-\p{N}+$", r"[A-Za-z]+-[0-9]+"),
])
def test_unicode_property_classes_are_read(pattern: str, shape: str) -> None:
    """Rust (pydantic-core) and ECMAScript read \\p{..}; Python's re does not: an ASCII
    subset of the class makes values that are in it."""
    value = string_value({"pattern": pattern, "maxLength": 9}, "x_1")
    assert isinstance(value, str) and re.fullmatch(shape, value), value
    assert re.fullmatch(python_pattern(pattern), value)


def test_an_unknown_property_class_is_kept() -> None:
    assert python_pattern(r"^\p{Greek}+$") == r"^\p{Greek}+$"


def test_readable_values_first_and_named_formats() -> None:
    assert string_value({"pattern": r"^\S.*\S$", "maxLength": 30}, "title") == "sample-title"
    email = r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$"
    assert string_value({"pattern": email}, "billingEmail") == "user@example.com"
    assert string_value({"pattern": r"^https://"}, "site_url") == "https://example.com/"


def test_a_union_takes_the_backends_member_the_docs_allow() -> None:
    """A Decimal is `number | string` in the spec, and only a decimal string is valid: the
    docs' `string | number` must not pick any string."""
    docs = {"anyOf": [{"type": "string"}, {"type": "number"}]}
    backend = {"anyOf": [{"type": "number", "minimum": 5, "multipleOf": 5}, {"type": "string"}]}
    assert sample(docs, NONE, "amount", backend=(backend, NONE)) == 5
    # a single documented type narrowed by the backend's matching member
    assert sample({"type": "integer"}, NONE, "n", backend=(backend, NONE)) == 5
    assert sample({"type": "string"}, NONE, "s", backend=(backend, NONE)) == "sample-s"


def test_json_inside_a_string_is_a_json_document() -> None:
    backend = {"type": "string", "contentMediaType": "application/json", "contentSchema": {
        "type": "object", "required": ["n"], "properties": {"n": {"type": "integer",
                                                                   "minimum": 3}}}}
    value = sample({"type": "string"}, NONE, "data", backend=(backend, NONE))
    assert json.loads(value) == {"n": 3}
    # ... and is a form field of a multipart body, not a file part
    assert not media.is_file(backend, NONE)
    assert media.is_file({"type": "string", "contentMediaType": "image/png"}, NONE)


def test_an_added_field_fits_the_backend_and_its_value_is_never_the_fields_fault() -> None:
    docs = {"type": "object", "properties": {"nick": {"type": "string"}}}
    backend = {"type": "object", "properties": {"nick": {"type": "string", "maxLength": 4}}}
    [added] = variants(docs, NONE, {}, (backend, NONE))
    assert len(added.payload["nick"]) <= 4
    seen = observe(set(), [(added, 422, {"body.nick": "string_too_long"})])
    assert seen.rejected_when_added == ()
    seen = observe(set(), [(added, 422, {"body.nick": "extra_forbidden"})])
    assert seen.rejected_when_added == ("body.nick",)


def test_a_decimal_string_is_corrected_and_bad_json_is_the_samples_fault() -> None:
    error = {"type": "decimal_parsing", "loc": ["body", "amount"], "msg": "x"}
    assert is_sample_error(error)
    assert corrected({"amount": "sample-amount"}, [(error["loc"], error)]) == {"amount": "1"}
    assert is_sample_error({"type": "json_invalid", "loc": ["body", "settings"]})


def test_base64_strings_decode() -> None:
    value = string_value({"format": "base64"}, "logo")
    assert value == "c2FtcGxl" and format_ok(value, "base64")
    assert not format_ok("sample-logo", "base64")
    assert is_sample_error({"type": "base64_decode", "loc": ["body", "logo"]})


def test_array_items_are_distinct() -> None:
    texts = sample({"type": "array", "items": {"type": "string"}, "minItems": 3}, NONE, "tag")
    assert len(set(texts)) == 3
    kinds = sample({"type": "array", "minItems": 2, "items": {"enum": ["a", "b", "c"]}},
                   NONE, "kind")
    assert kinds == ["a", "b"]


def test_a_list_is_never_corrected_into_a_string() -> None:
    """A set of two equal items is too short once deduplicated; a string is no fix."""
    error = {"type": "too_short", "loc": ["body", "labels"], "ctx": {"min_length": 2}}
    assert corrected({"labels": ["x", "x"]}, [(error["loc"], error)]) is None


@pytest.mark.parametrize(("loc", "kind", "own"), [
    (["query", "ids", 0], "int_parsing", True), (["header", "x-tenant"], "literal_error", True),
    (["path", "org_id"], "greater_than_equal", True), (["query", "q"], "missing", False),
    (["body", "count"], "int_parsing", False),
])
def test_values_outside_the_body_are_the_probes(loc: list[object], kind: str,
                                                own: bool) -> None:
    """The probe (or the user) chose every path, query, header and cookie value: an error
    about one is never the documented body's drift; a missing one may be the spec's."""
    assert is_sample_error({"type": kind, "loc": loc}) is own


def test_tuples_take_each_positions_type() -> None:
    docs = {"type": "array", "prefixItems": [{"type": "number"}, {"type": "string"}],
            "items": False, "minItems": 2}
    backend = {"type": "array", "minItems": 2, "maxItems": 2,
               "prefixItems": [{"type": "integer", "minimum": 7}, {"type": "string"}]}
    assert sample(docs, NONE, "pair", backend=(backend, NONE)) == [7, "sample-pair"]


def test_maps_with_min_properties_get_entries() -> None:
    docs = {"type": "object", "properties": {}, "additionalProperties": {"type": "number"}}
    backend = {"type": "object", "minProperties": 2,
               "additionalProperties": {"type": "integer", "minimum": 3}}
    assert sample(docs, NONE, "counts", backend=(backend, NONE)) == {"key1": 3, "key2": 3}
    assert sample({"type": "object", "additionalProperties": False, "minProperties": 1},
                  NONE, "x") == {}


@pytest.mark.parametrize(("kind", "old", "new"), [
    ("timezone_naive", "2025-01-01T00:00:00Z", "2025-01-01T00:00:00"),
    ("datetime_future", "2025-01-01T00:00:00Z", "2999-01-01T00:00:00Z"),
    ("date_future", "2025-01-01", "2999-01-01"), ("date_past", "2025-01-01", "2000-01-01"),
])
def test_moments_are_corrected_as_the_error_asks(kind: str, old: str, new: str) -> None:
    error = {"type": kind, "loc": ["body", "at"]}
    assert corrected({"at": old}, [(error["loc"], error)]) == {"at": new}


def test_the_end_of_a_range_comes_after_its_start() -> None:
    start = string_value({"format": "date"}, "start_date")
    for name in ("end_date", "validUntil", "expires_at", "to"):
        end = string_value({"format": "date"}, name)
        assert isinstance(end, str) and isinstance(start, str) and end > start, name
    assert string_value({"format": "date-time"}, "updated_at") == "2025-01-01T00:00:00Z"


def test_form_lists_repeat_their_key_and_file_arrays_send_each_file() -> None:
    backend = {"type": "object", "properties": {
        "tags": {"type": "array", "items": {"type": "string"}},
        "photos": {"type": "array", "items": {"type": "string", "format": "binary"}},
        "meta": {"type": "object"}}}
    form = media.encode(media.FORM, {"tags": ["a", "b"], "n": 2, "ok": False}, backend, NONE)
    assert isinstance(form, media.Encoded)
    assert form.form == {"tags": ["a", "b"], "n": "2", "ok": "false"}
    parts = media.encode(media.MULTIPART, {"tags": ["a", "b"], "photos": ["", "", ""],
                                           "meta": {"k": 1}}, backend, NONE)
    assert isinstance(parts, media.Encoded) and parts.files is not None
    assert [name for name, _, _ in parts.files["photos"]] == [  # type: ignore[union-attr]
        "photos.txt", "photos2.txt", "photos3.txt"]
    assert parts.form == {"tags": ["a", "b"], "meta": '{"k":1}'}


def test_objects_of_a_urlencoded_body_are_bracketed_and_multipart_ones_json() -> None:
    backend = {"type": "object", "properties": {
        "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
        "items": {"type": "array", "items": {"type": "object"}},
        "settings": {"type": "string", "contentMediaType": "application/json"}}}
    body = {"metadata": {"a": "1", "deep": {"b": True}}, "items": [{"price": 3}]}
    form = media.encode(media.FORM, body, backend, NONE)
    assert isinstance(form, media.Encoded)
    assert form.form == {"metadata[a]": "1", "metadata[deep][b]": "true",
                         "items[0][price]": "3"}
    parts = media.encode(media.MULTIPART, body, backend, NONE)
    assert isinstance(parts, media.Encoded) and parts.form is not None
    assert parts.form["metadata"] == '{"a":"1","deep":{"b":true}}'


@pytest.mark.parametrize(("limits", "expected"), [
    ({"exclusiveMinimum": 0.1, "exclusiveMaximum": 0.2}, 0.15),
    ({"exclusiveMinimum": 0.25, "exclusiveMaximum": 0.35, "multipleOf": 0.1}, 0.3),
    ({"exclusiveMinimum": 0, "exclusiveMaximum": 1e-9}, 5e-10),
])
def test_numbers_are_the_shortest_decimal_that_fits(limits: dict[str, float],
                                                    expected: float) -> None:
    """A Decimal's decimal_places is in no schema: 0.15000000000000002 breaks it."""
    assert number_value(limits, False) == expected


def test_union_variants_pair_by_what_fits_not_by_order() -> None:
    """The docs list `Hourly | Fixed`, the backend `Fixed | Hourly`: the docs' Hourly must
    not be sampled against the backend's Fixed, whose tag refuses it."""
    def variant(tag: str, extra: str) -> dict[str, object]:
        return {"type": "object", "required": ["kind", extra],
                "properties": {"kind": {"enum": [tag]}, extra: {"type": "integer"}}}
    docs = SchemaSet({"Hourly": variant("hourly", "hours"), "Fixed": variant("fixed", "amount")})
    backend = SchemaSet({"Fixed": {**variant("fixed", "amount"), "additionalProperties": False},
                         "Hourly": variant("hourly", "hours")})
    union = {"anyOf": [{"$ref": "#/$defs/Hourly"}, {"$ref": "#/$defs/Fixed"}]}
    theirs = {"oneOf": [{"$ref": "#/$defs/Fixed"}, {"$ref": "#/$defs/Hourly"}]}
    problems = Problems()
    made = sample(union, docs, "budget", backend=(theirs, backend), problems=problems)
    assert made in ({"kind": "fixed", "amount": 1}, {"kind": "hourly", "hours": 1})
    assert problems.found == []


@pytest.mark.parametrize("pattern", [r"^x\d{2}+$", r"^(?:ab)*+c$", r"^a++$"])
def test_a_pattern_rstr_cannot_make_is_no_crash(pattern: str) -> None:
    """Possessive repeats (Python 3.11+ reads them, rstr does not): a value that fits, or
    Unsatisfiable, never an exception out of the probe."""
    value = string_value({"pattern": pattern}, "code")
    assert not isinstance(value, str) or re.search(pattern, value)


def test_a_set_of_numbers_is_made_of_distinct_numbers() -> None:
    docs = {"type": "array", "items": {"type": "integer"}}
    backend = {"type": "array", "uniqueItems": True, "minItems": 3,
               "items": {"type": "integer", "minimum": 10, "maximum": 30, "multipleOf": 5}}
    assert sample(docs, NONE, "ids", backend=(backend, NONE)) == [10, 15, 20]
    capped = {**backend, "items": {"type": "integer", "minimum": 0, "maximum": 2}}
    assert sorted(sample(docs, NONE, "ids", backend=(capped, NONE))) == [0, 1, 2]
