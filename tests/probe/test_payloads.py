"""Minimal payloads: required fields only, documented values first."""

from __future__ import annotations

from pathlib import Path

from schemacheck.model import ref
from schemacheck.probe.payloads import sample
from schemacheck.sources.typescript import clear_cache, load_docs

DOCS = """
### POST /orders

```typescript
export interface Order {
  id: string;
  /** @example 3 */
  quantity: number;
  kind: "retail" | "wholesale";
  /** @format date-time */
  placedAt: string;
  /** @format email */
  contact: string;
  note?: string;
  tags: string[];
  address: { city: string; zip?: string };
  active: boolean;
  parent: Order | null;
}
```

```typescript
await api.orders.create({ id: 'ord-1', quantity: 'many', kind: 'wholesale', note: 'x',
  address: { city: 'Oslo', zip: '0150' }, ...defaults, fn: () => 1 });
```
"""


def test_minimal_payload_with_documented_example(tmp_path: Path) -> None:
    path = tmp_path / "orders.md"
    path.write_text(DOCS)
    clear_cache()
    docs = load_docs([str(path)])
    [documented] = docs.examples[("POST", "/orders")]
    assert documented.where.endswith("orders.md:23")
    assert documented.text.startswith("await api.orders.create({ id: 'ord-1'")
    example = documented.value
    assert example == {"id": "ord-1", "quantity": "many", "kind": "wholesale", "note": "x",
                       "address": {"city": "Oslo", "zip": "0150"}}
    payload = sample(ref("Order"), docs.schemas, example=example)
    assert payload == {
        "id": "ord-1",                      # from the example
        "quantity": 3,                      # the example's "many" is not a number: @example
        "kind": "wholesale",                # from the example, a member of the enum
        "placedAt": "2025-01-01T00:00:00Z",  # format-aware default
        "contact": "user@example.com",
        "tags": [],
        "address": {"city": "Oslo"},        # optional zip left out even though documented
        "active": True,
        "parent": None,                     # nullable self-reference: null, not recursion
    }


def test_backend_examples_fill_what_the_docs_leave_open(tmp_path: Path) -> None:
    from schemacheck.probe.payloads import declared_examples, merge_examples
    from schemacheck.sources.openapi import build_spec

    spec = build_spec({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
                       "components": {"schemas": {"Order": {"type": "object", "properties": {
                           "id": {"type": "string", "example": "backend-id"},
                           "kind": {"type": "string", "example": "bulk"},
                           "address": {"type": "object", "properties": {
                               "city": {"type": "string", "default": "Bergen"}}}}}}}},
                      "inline")
    backend = declared_examples(ref("Order"), spec.schemas)
    assert backend == {"id": "backend-id", "kind": "bulk", "address": {"city": "Bergen"}}
    path = tmp_path / "orders.md"
    path.write_text(DOCS)
    clear_cache()
    docs = load_docs([str(path)])
    example = merge_examples({"id": "ord-1"}, backend)
    payload = sample(ref("Order"), docs.schemas, example=example)
    assert payload["id"] == "ord-1"          # the docs' example wins
    assert payload["kind"] == "retail"       # "bulk" is not in the documented enum
    assert payload["address"] == {"city": "Bergen"}  # the backend's default fills the gap
