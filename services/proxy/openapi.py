"""The proxy's OpenAPI 3.1 document, generated from the catalogue: one path per endpoint.

Each operation carries WeChat's path, method, summary, group (as its tag), query
parameters, request body (JSON with the catalogue's example, or a multipart upload), the
deprecation with its replacement, and the answers: WeChat's own (JSON, or media bytes) and
the platform's refusals.
"""

from typing import Any

from shared.wechat.catalogue import Catalogue
from shared.wechat.endpoint import Answer, Body, Endpoint, Host

PREFIX = "/v1/apps/{app_id}/wechat/"
_ERROR = {"$ref": "#/components/schemas/Error"}
_BINARY = {"type": "string", "contentMediaType": "application/octet-stream"}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ERROR}}}


_RESPONSES: dict[str, dict[str, Any]] = {
    "BadRequest": _error("Malformed path, an access_token in the query, or a body of the wrong kind"),
    "Unauthorized": _error("No valid bearer INTERNAL_API_KEY"),
    "NotFound": _error("unknown_app or unknown_endpoint"),
    "MethodNotAllowed": _error("The endpoint is called with its other method"),
    "Gone": _error("deprecated_endpoint: WeChat has shut it down; the message names the replacement, if any"),
    "TooLarge": _error("The body is larger than the proxy forwards"),
    "QuotaExhausted": _error("quota_exhausted: the account is close to WeChat's daily limit (Retry-After)"),
    "UpstreamUnavailable": _error("upstream_unavailable: WeChat did not answer (after the retries a read gets)"),
    "TokenUnavailable": _error("token_unavailable: the token service has no access_token for the account"),
}

_SCHEMAS: dict[str, dict[str, Any]] = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
    },
    "WeChatAnswer": {
        "type": "object",
        "description": "WeChat's JSON answer as it is; errcode ≠ 0 is WeChat's error, still HTTP 200",
        "properties": {"errcode": {"type": "integer"}, "errmsg": {"type": "string"}},
        "additionalProperties": True,
    },
    "Endpoint": {
        "type": "object",
        "required": ["path", "method", "group", "changes", "deprecated", "replacement", "daily_limit"],
        "properties": {
            "path": {"type": "string"},
            "method": {"enum": ["GET", "POST"]},
            "group": {"type": "string"},
            "changes": {"type": "boolean"},
            "deprecated": {"type": "boolean"},
            "replacement": {"type": ["string", "null"]},
            "daily_limit": {"type": ["integer", "null"]},
        },
    },
    "Quota": {
        "type": "object",
        "required": ["app_id", "date", "endpoints"],
        "properties": {
            "app_id": {"type": "string"},
            "date": {"type": "string", "format": "date", "description": "The China day (UTC+8)"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["path", "calls", "daily_limit"],
                    "properties": {
                        "path": {"type": "string"},
                        "calls": {"type": "integer", "description": "Requests sent to WeChat, retries included"},
                        "daily_limit": {"type": ["integer", "null"]},
                    },
                },
            },
        },
    },
}

_APP_ID = {"name": "app_id", "in": "path", "required": True, "schema": {"type": "string"}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/responses/{name}"}


def _description(endpoint: Endpoint) -> str:
    lines = [
        f"WeChat's `{endpoint.method} /{endpoint.path}`"
        + (" on mp.weixin.qq.com (no token)." if endpoint.host is Host.MP else ", with the account's access_token."),
        "Changes something: never repeated after -1 or a network error."
        if endpoint.changes
        else "Changes nothing: retried with backoff after -1, a network error or HTTP 5xx.",
    ]
    if endpoint.daily_limit is not None:
        lines.append(f"WeChat's documented daily limit: {endpoint.daily_limit} calls per account.")
    if endpoint.deprecated:
        lines.append(f"Shut down by WeChat: {endpoint.gone}.")
    return "\n\n".join(lines)


def _answer(endpoint: Endpoint) -> dict[str, Any]:
    json = {"application/json": {"schema": {"$ref": "#/components/schemas/WeChatAnswer"}}}
    if endpoint.answer is Answer.JSON:
        return {"description": "WeChat's JSON answer", "content": json}
    return {"description": "The media bytes with WeChat's content type, or WeChat's JSON", "content": {
        "*/*": {"schema": _BINARY}, **json}}  # fmt: skip


def _request_body(endpoint: Endpoint) -> dict[str, Any] | None:
    if endpoint.body is Body.JSON:
        content: dict[str, Any] = {"schema": {"type": "object"}}
        if endpoint.example is not None:
            content["example"] = endpoint.example
        return {"required": True, "content": {"application/json": content}}
    if endpoint.body is Body.MULTIPART:
        field = endpoint.upload_field or "media"
        schema = {
            "type": "object",
            "required": [field],
            "properties": {field: _BINARY},
            "additionalProperties": {"type": "string", "description": "further form fields, forwarded"},
        }
        return {"required": True, "content": {"multipart/form-data": {"schema": schema}}}
    return None


def operation(endpoint: Endpoint) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "400": _ref("BadRequest"), "401": _ref("Unauthorized"), "404": _ref("NotFound"),
        "405": _ref("MethodNotAllowed"),
    }  # fmt: skip
    if endpoint.deprecated:
        responses["410"] = _ref("Gone")
    else:
        responses |= {"200": _answer(endpoint), "502": _ref("UpstreamUnavailable")}
        if endpoint.needs_token:
            responses["503"] = _ref("TokenUnavailable")
        if endpoint.daily_limit is not None:
            responses["429"] = _ref("QuotaExhausted")
        if endpoint.body is not Body.NONE:
            responses["413"] = _ref("TooLarge")
    found: dict[str, Any] = {
        "operationId": endpoint.path.replace("/", "_").replace("-", "_"),
        "summary": endpoint.summary,
        "description": _description(endpoint),
        "tags": [endpoint.group],
        "parameters": [
            {"$ref": "#/components/parameters/app_id"},
            *({"name": name, "in": "query", "schema": {"type": "string"}} for name in endpoint.query),
        ],
        "responses": dict(sorted(responses.items())),
    }
    if endpoint.deprecated:
        found["deprecated"] = True
    body = _request_body(endpoint)
    if body is not None:
        found["requestBody"] = body
    return found


def _platform_paths() -> dict[str, Any]:
    def ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    endpoints = {"type": "object", "required": ["endpoints"], "properties": {
        "endpoints": {"type": "array", "items": {"$ref": "#/components/schemas/Endpoint"}}}}  # fmt: skip
    return {
        "/v1/endpoints": {"get": {
            "operationId": "endpoints", "summary": "The catalogue: every endpoint the proxy serves", "tags": ["proxy"],
            "responses": {"200": ok("The catalogue", endpoints), "401": _ref("Unauthorized")},
        }},
        "/v1/apps/{app_id}/quota": {"get": {
            "operationId": "quota", "summary": "Today's calls per endpoint (China day), retries included",
            "tags": ["proxy"], "parameters": [{"$ref": "#/components/parameters/app_id"}],
            "responses": {
                "200": ok("The counts", {"$ref": "#/components/schemas/Quota"}), "401": _ref("Unauthorized"),
                "404": _ref("NotFound"), "503": _error("The counts are unavailable (Redis)"),
            },
        }},
        "/openapi.json": {"get": {
            "operationId": "openapi", "summary": "This document", "tags": ["proxy"], "security": [],
            "responses": {"200": ok("OpenAPI 3.1", {"type": "object"})},
        }},
    }  # fmt: skip


def document(catalogue: Catalogue, *, version: str = "1") -> dict[str, Any]:
    paths = {PREFIX + endpoint.path: {endpoint.method.lower(): operation(endpoint)} for endpoint in catalogue}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "wxmp-platform API proxy",
            "version": version,
            "description": "WeChat Official Account API for internal callers: the platform adds the account's "
            "access_token, refreshes it when WeChat rejects it, retries reads, and passes WeChat's answer back.",
        },
        "security": [{"bearer": []}],
        "tags": [{"name": group} for group in catalogue.groups()] + [{"name": "proxy"}],
        "paths": paths | _platform_paths(),
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "INTERNAL_API_KEY"}},
            "parameters": {"app_id": _APP_ID},
            "schemas": _SCHEMAS,
            "responses": _RESPONSES,
        },
    }
