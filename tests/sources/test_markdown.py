"""Markdown through CommonMark: fences anywhere, setext headings, exact lines, JSON examples."""

from __future__ import annotations

from pathlib import Path

from schemacheck.sources.markdown import endpoint_of, read_markdown
from schemacheck.sources.typescript import clear_cache, load_docs

DOC = """\
Jobs API
========

POST /api/v3/jobs
-----------------

- The body:

  ````ts
  interface JobCreate { prompt: string; }
  ````

> ~~~typescript
> interface JobOut { id: string; }
> ~~~

```ts
// a ``` inside a longer fence does not close it
```

### Clients

````typescript
interface Client {
  name: string;
}
````
"""


def test_fences_of_any_kind_and_setext_headings(tmp_path: Path) -> None:
    path = tmp_path / "API.md"
    path.write_text(DOC)
    clear_cache()
    docs = load_docs([str(path)])
    assert sorted(docs.types) == ["Client", "JobCreate", "JobOut"]
    where = {name: info.source.rsplit(":", 1)[1] for name, info in docs.types.items()}
    assert where == {"JobCreate": "10", "JobOut": "14", "Client": "24"}
    lines = DOC.splitlines()
    assert "interface JobCreate" in lines[9] and "interface JobOut" in lines[13]
    name_line = docs.schemas.schemas["Client"]["properties"]["name"]["x-source"]
    assert name_line.endswith(":25") and "name: string" in lines[24]
    for name in ("JobCreate", "JobOut"):
        assert endpoint_of(docs.types[name].heading) == ("POST", "/api/v3/jobs")
    assert docs.types["Client"].heading == "Clients"
    assert not docs.diagnostics


EXAMPLES = """\
## `POST /api/v3/jobs`

Send this:

```json
{"prompt": "a cat"}
```

The server answers with the new job.

```json
{"id": "j1"}
```

```json response
{"id": "j2"}
```

#### Errors

```json
{"detail": "bad"}
```

```json
{"broken": ...}
```

## Notes

```json
{"not": "an endpoint"}
```
"""


def test_json_blocks_under_endpoint_headings_are_examples(tmp_path: Path) -> None:
    path = tmp_path / "API.md"
    path.write_text(EXAMPLES)
    clear_cache()
    docs = load_docs([str(path)])
    found = [(e.method, e.path, e.role, e.value, e.where.rsplit(":", 1)[1])
             for e in docs.docs_examples]
    assert found == [
        ("POST", "/api/v3/jobs", "request", {"prompt": "a cat"}, "6"),
        ("POST", "/api/v3/jobs", "response", {"id": "j1"}, "12"),
        ("POST", "/api/v3/jobs", "response", {"id": "j2"}, "16"),
        ("POST", "/api/v3/jobs", None, {"detail": "bad"}, "22"),
    ]
    [warning] = [d for d in docs.diagnostics if "not valid JSON" in d.message]
    assert "not valid JSON" in warning.message and warning.where.endswith("API.md:26")


def test_role_from_label_sentence_or_heading() -> None:
    text = ("### GET /x\n\n#### Response\n\n```json\n{}\n```\n\n"
            "Example request body. More text here.\n\n```json\n[]\n```\n\n"
            "```json title=\"Request\"\n{}\n```\n")
    roles = [(b.role, b.line) for b in read_markdown(text).json]
    assert roles == [("response", 6), ("response", 12), ("request", 16)]


def test_heading_text_is_read_without_markup() -> None:
    text = ("### [`POST /api/v3/jobs`](#jobs) *create*\n\n```ts\ninterface A {}\n```\n\n"
            "## **GET** /items/{id}\n\n```ts\ninterface B {}\n```\n")
    headings = [b.heading for b in read_markdown(text).blocks]
    assert headings == ["POST /api/v3/jobs create", "GET /items/{id}"]
    assert [endpoint_of(h) for h in headings] == [("POST", "/api/v3/jobs"), ("GET", "/items/{id}")]
