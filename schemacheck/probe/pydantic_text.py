"""Pydantic's validation error text, as it leaks into 500 bodies:

    1 validation error for ImageAsset
    clientId
      Input should be a valid string [type=string_type, input_value=None, input_type=NoneType]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADER = re.compile(r"(\d+) validation errors? for ([A-Za-z_][\w.\[\], ]*)")
DETAIL = re.compile(r"^\s{2}(?P<msg>.+?) \[type=(?P<type>[\w.]+)(?:, input_value=(?P<input>.*?))?"
                    r"(?:, input_type=(?P<itype>\w+))?\]\s*$")


@dataclass(frozen=True)
class PydanticError:
    model: str
    field: str
    message: str
    type: str
    input: str | None

    def to_json(self) -> dict[str, str | None]:
        return {"model": self.model, "field": self.field, "message": self.message,
                "type": self.type, "input": self.input}


def parse(text: str) -> list[PydanticError]:
    errors: list[PydanticError] = []
    match = HEADER.search(text)
    if match is None:
        return errors
    model = match.group(2).strip()
    lines = text[match.end():].splitlines()
    field: str | None = None
    for line in lines:
        if not line.strip():
            continue
        detail = DETAIL.match(line)
        if detail and field is not None:
            errors.append(PydanticError(model, field, detail.group("msg"), detail.group("type"),
                                        detail.group("input")))
            field = None
        elif not line.startswith(" "):
            field = line.strip()
    return errors
