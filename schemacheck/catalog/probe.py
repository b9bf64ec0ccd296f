"""The probe's rules: what a live answer showed. The probe builds these findings through the
catalog (`make_finding`), so their severities and texts live here, not in probe/."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemacheck.catalog.registry import Rule, Texts, register
from schemacheck.findings import Severity

_LIVE = "live evidence: a probe rule judges an answer, which has no request/response mirror"


def _critical_on_read(context: Mapping[str, Any]) -> Severity | None:
    method = str(context.get("method", "")).upper()
    return Severity.critical if method in ("GET", "HEAD") else Severity.high


def _probe(**values: Any) -> Rule:
    values.setdefault("waiver", _LIVE)
    return register(Rule(direction="probe", **values))


_probe(id="probe-minimal-payload-rejected", severity=Severity.critical,
       summary="The backend rejects a payload holding exactly the documented required fields.",
       doc="The probe sent what the docs call the minimal valid request; each validation error "
           "is mapped to the documented field it names.",
       texts=Texts(marker="the backend rejects the documented minimal payload here",
                   impact="every request that follows the docs is rejected with 422",
                   complexity="Low (field optionality)", blocks=True),
       test="tests/test_catalog.py")
_probe(id="probe-server-error", severity=Severity.critical,
       summary="The backend answers a documented request with a 5xx error.",
       doc="Critical on a read (GET/HEAD), high otherwise. Pydantic validation text in the body "
           "is parsed into model, field and input.",
       policy=_critical_on_read, policy_doc="critical for a 5xx on a read (GET/HEAD), "
                                            "high otherwise",
       texts=Texts(marker="the backend's model fails on the stored value",
                   impact="the backend answers 5xx instead of data",
                   complexity="Low (model nullability)", blocks=True,
                   problem="The endpoint fails on the server instead of answering: {message}."),
       test="tests/test_catalog.py")
_probe(id="probe-response-violates-docs", severity=Severity.high,
       summary="A 2xx response body breaks the documented type.",
       doc="The live body was validated against the documented response type.",
       texts=Texts(marker="the live response breaks this",
                   impact="The live body was validated against the documented response type"),
       test="tests/probe/test_probe.py")
_probe(id="probe-response-violates-openapi", severity=Severity.medium,
       summary="A 2xx response body breaks the backend's own OpenAPI schema.",
       doc="The backend's document does not describe what it really sends.",
       texts=Texts(marker="the live response breaks the backend's own schema",
                   impact="The backend's document does not describe what it really sends"),
       test="tests/probe/test_auth_and_errors.py")
_probe(id="probe-unreachable", severity=Severity.high,
       summary="The backend could not be reached (connection refused, timeout, TLS error).",
       doc="Reported as a finding, never a crash.",
       texts=Texts(marker="the backend did not answer", impact="Nothing could be verified live"),
       test="tests/probe/test_probe.py")
_probe(id="probe-auth-rejected", severity=Severity.high,
       summary="The backend answered 401/403 to the configured credentials.",
       doc="The finding names which credential was used, never its value.",
       texts=Texts(marker="the configured credentials are rejected here",
                   impact="The configured credentials do not open this endpoint"),
       test="tests/probe/test_probe.py")
_probe(id="probe-left-behind", severity=Severity.high,
       summary="An object the probe created could not be deleted at the end of the run.",
       doc="Every object a create made is deleted through its collection's DELETE, also after "
           "errors and Ctrl-C; one that could not be (no id in the answer, the DELETE failed, "
           "the create got no answer) is listed with its id and why. One the DELETE finds "
           "already gone (404, 410) counts as deleted.",
       texts=Texts(marker="created by the probe and still there",
                   impact="An object the probe created is still in the backend"),
       test="tests/probe/test_safety.py")
_probe(id="probe-credentials-required", severity=Severity.medium,
       summary="Operations answered 401/403 and no credentials were configured.",
       doc="One finding for every such operation: pass --header or set `auth` to probe them.",
       texts=Texts(marker="needs credentials",
                   impact="Not verified live: the operation needs credentials"),
       test="tests/probe/test_precision.py")
_probe(id="probe-invalid-sample", severity=Severity.info,
       summary="The probe could not build a value the backend accepts for a field.",
       doc="A 422 blamed a value the probe chose (a format, pattern, length or range); the "
           "value was corrected from the error and sent once more, and was still refused. It is "
           "the probe's problem, never a docs finding.",
       texts=Texts(marker="no valid sample value", impact="Not verified live"),
       test="tests/probe/test_precision.py")
_probe(id="probe-timeout", severity=Severity.high,
       summary="No complete answer: the deadline passed or the server closed the connection.",
       doc="Reported for the operation with what happened and the exchange; the request was "
           "sent, so it is never called a refused connection.",
       texts=Texts(marker="no complete answer in time",
                   impact="Clients waiting for this endpoint hang or fail"),
       test="tests/probe/test_probe.py")
_probe(id="probe-unsatisfiable", severity=Severity.medium,
       summary="No value meets both the docs and the backend for a field.",
       doc="The documented type and the backend's constraints (length, range, pattern, format) "
           "exclude each other: a client following the docs can never send a valid value.",
       texts=Texts(marker="no value meets both the docs and the backend",
                   impact="A client following the docs can never send a valid value"),
       test="tests/probe/test_precision.py")
_probe(id="probe-promise-broken", severity=Severity.high,
       summary="The backend refuses something the docs promise it accepts.",
       doc="With --promises, each documented promise is sent once: every field, null for each "
           "nullable field, each enum value, each optional field left out. A 5xx, or a 422 "
           "blaming the promised field, breaks it.",
       texts=Texts(marker="the backend refuses what the docs promise here",
                   impact="A client relying on this documented promise is refused"),
       test="tests/probe/test_precision.py")
_probe(id="probe-workflow-step-failed", severity=Severity.high,
       summary="A step of a declared workflow did not get the answer it expects.",
       doc="Workflows (config `workflows:` or a ```schemacheck block in the docs) run step by "
           "step with values flowing from one answer into the next; the first failing step is "
           "reported with its exchange and stops its workflow.",
       texts=Texts(marker="a workflow step fails here",
                   impact="The documented sequence of calls breaks at this step"),
       test="tests/probe/test_safety.py")
_probe(id="traffic-request-violates-docs", severity=Severity.medium,
       summary="A recorded request body or query breaks the documented type.",
       doc="`schemacheck traffic`: what the frontend really sends is not what the docs "
           "describe (a field the docs lack, a wrong type, a missing documented field).",
       texts=Texts(marker="the recorded request differs here",
                   impact="The frontend sends something the docs do not describe"),
       test="tests/traffic/test_traffic.py")
_probe(id="traffic-request-violates-openapi", severity=Severity.high,
       summary="A recorded request body or query breaks the backend's own schema.",
       doc="`schemacheck traffic`: the backend rejects (or misreads) what the frontend really "
           "sends; the recorded answer is usually a 422.",
       texts=Texts(marker="the backend's schema refuses the recorded value",
                   impact="Real requests from the frontend are refused by the backend"),
       test="tests/traffic/test_traffic.py")
_probe(id="docs-example-stale", severity=Severity.medium,
       summary="A response example in the docs no longer looks like the live answer.",
       doc="When probing, each ```json response example under an endpoint heading is set "
           "beside the live 2xx answer: a field the example shows that the answer lacks, or "
           "carries as another JSON type, is reported at the example's file:line.",
       texts=Texts(marker="the docs' example differs from the live answer here",
                   impact="Code written from the example breaks on the real answer"),
       test="tests/test_examples_check.py")
