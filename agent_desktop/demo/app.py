"""The demo server's HTTP routes: Chatwoot's paths, bodies and status codes."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.types import Lifespan

from agent_desktop.demo import (
    blobs,
    conversation_tools,
    listing,
    mentions,
    scheduling,
    simulation,
)
from agent_desktop.demo.cable import CableHub
from agent_desktop.demo.canned import canned_responses, label_list
from agent_desktop.demo.contacts import destroy_custom_attributes, show_contact, update_contact
from agent_desktop.demo.dates import ClockDateMiddleware
from agent_desktop.demo.errors import ApiError
from agent_desktop.demo.faults import FaultMiddleware, Faults
from agent_desktop.demo.scheduling import NoSuchRoute
from agent_desktop.demo.serialize import account_json, inbox_json
from agent_desktop.demo.state import Caller, DemoState, Filters, Upload

Handler = Callable[[Request], Awaitable[Response]]
A = "/api/v1/accounts/{account_id:int}"
C = A + "/conversations/{conversation_id:int}"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


async def read_body(request: Request) -> tuple[dict[str, Any], list[Upload]]:
    """Fields and files of a JSON, form or multipart body."""
    kind = request.headers.get("content-type", "")
    if kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        fields: dict[str, Any] = {}
        uploads: list[Upload] = []
        async with request.form() as form:
            for key, value in form.multi_items():
                if isinstance(value, UploadFile):
                    data = await value.read()
                    uploads.append(
                        Upload(
                            value.filename or "file",
                            value.content_type or "application/octet-stream",
                            data,
                        )
                    )
                else:
                    fields[key] = value
        return fields, uploads
    raw = await request.body()
    if not raw:
        return {}, []
    try:
        body = json.loads(raw)
    except json.JSONDecodeError:
        raise ApiError(400, {"error": "The request body is not valid JSON"}) from None
    if not isinstance(body, dict):
        raise ApiError(400, {"error": "The request body must be a JSON object"})
    return body, []


def build_app(
    state: DemoState,
    faults: Faults,
    *,
    on_dispatch: Callable[[], None] = lambda: None,
    lifespan: Lifespan[Starlette] | None = None,
    cable: CableHub | None = None,
) -> Starlette:
    def authed(handler: Callable[[Request, Caller], Awaitable[Any]]) -> Handler:
        async def endpoint(request: Request) -> Response:
            state.metrics.api_request()
            token = access_token(request)
            account_id = request.path_params.get("account_id")
            try:
                caller = state.authenticate(token, account_id)
                result = await handler(request, caller)
            except ApiError as error:
                return JSONResponse(error.body, status_code=error.status)
            except NoSuchRoute:
                return HTMLResponse(
                    "<h1>The page you were looking for doesn't exist.</h1>", status_code=404
                )
            return result if isinstance(result, Response) else JSONResponse(result)

        return endpoint

    def access_token(request: Request) -> str | None:
        """Rails reads the documented `api_access_token` header and its hyphenated
        spelling; behind a default nginx the underscored name never arrives."""
        headers = request.headers
        token = headers.get("api-access-token")
        if not state.server.behind_nginx:
            token = headers.get("api_access_token") or token
        return token  # headers only: Rails never reads the token from the query

    def cid(request: Request) -> int:
        return int(request.path_params["conversation_id"])

    async def profile(request: Request, caller: Caller) -> Any:
        return state.profile(caller)

    async def account(request: Request, caller: Caller) -> Any:
        return account_json(state.account(caller))

    async def inboxes(request: Request, caller: Caller) -> Any:
        return {"payload": [inbox_json(inbox) for inbox in state.inboxes(caller)]}

    async def labels(request: Request, caller: Caller) -> Any:
        return {"payload": label_list()}

    async def canned(request: Request, caller: Caller) -> Any:
        return canned_responses(caller.account_id, request.query_params.get("search"))

    def filters(request: Request) -> Filters:
        q = request.query_params
        return Filters(
            status=q.get("status") or "open",
            assignee_type=q.get("assignee_type") or "all",
            inbox_id=_int(q.get("inbox_id")),
            labels=q.getlist("labels[]"),
            q=q.get("q") or None,
            sort_by=q.get("sort_by"),
            page=_int(q.get("page")) or 1,
        )

    async def conversations(request: Request, caller: Caller) -> Any:
        return listing.conversations(state, caller, filters(request))

    async def conversation_meta(request: Request, caller: Caller) -> Any:
        return {"meta": listing.conversation_counts(state, caller, filters(request))}

    async def contact_search(request: Request, caller: Caller) -> Any:
        q = request.query_params
        return listing.search_contacts(state, caller, q.get("q"), _int(q.get("page")) or 1)

    async def contact_conversations(request: Request, caller: Caller) -> Any:
        return listing.contact_conversations(state, caller, int(request.path_params["contact_id"]))

    async def contact(request: Request, caller: Caller) -> Any:
        return show_contact(state, caller, int(request.path_params["contact_id"]))

    async def change_contact(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        return update_contact(state, caller, int(request.path_params["contact_id"]), fields)

    async def drop_contact_attributes(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        contact_id = int(request.path_params["contact_id"])
        return destroy_custom_attributes(state, caller, contact_id, fields)

    async def conversation(request: Request, caller: Caller) -> Any:
        return state.conversation(caller, cid(request))

    async def toggle_status(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        return state.toggle_status(
            caller, cid(request), fields.get("status"), fields.get("snoozed_until")
        )

    async def toggle_typing(request: Request, caller: Caller) -> Any:
        """Chatwoot's typing indicator: told over the live channel, answered 200 empty."""
        fields, _ = await read_body(request)
        on = str(fields.get("typing_status") or "") == "on"
        private = str(fields.get("is_private") or "").lower() in ("true", "1")
        if cable is not None:
            cable.typing(caller, cid(request), on, private=private, contact=False)
        else:
            state.conversation(caller, cid(request))  # a conversation it cannot see: 404
        return Response(status_code=200)

    async def customer_typing(request: Request, caller: Caller) -> Any:
        """The demo's customer typing in the widget: {"on": true|false}."""
        fields, _ = await read_body(request)
        if cable is not None:
            cable.typing(caller, cid(request), bool(fields.get("on")), private=False, contact=True)
        return Response(status_code=204)

    async def unread(request: Request, caller: Caller) -> Any:
        state.mark_unread(caller, cid(request))
        return Response(status_code=204)

    async def assign(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        return conversation_tools.assign(state, caller, cid(request), fields)

    async def update_last_seen(request: Request, caller: Caller) -> Any:
        state.seen_asked.append(cid(request))  # asked for, even of one it then refuses
        state.mark_seen(caller, cid(request))
        return state.conversation(caller, cid(request))  # Rails renders the conversation

    async def messages(request: Request, caller: Caller) -> Any:
        q = request.query_params
        body = state.messages(caller, cid(request), _int(q.get("before")), _int(q.get("after")))
        if q.get("include_scheduled") in ("true", "1"):
            pending = scheduling.seed_pending(state, caller, cid(request))
            if pending is not None:
                body["scheduled_messages"] = pending
        return body

    async def create_message(request: Request, caller: Caller) -> Any:
        fields, uploads = await read_body(request)
        return state.create_message(caller, cid(request), fields, uploads)

    async def delete_message(request: Request, caller: Caller) -> Any:
        return state.delete_message(caller, cid(request), int(request.path_params["message_id"]))

    async def cancel_schedule(request: Request, caller: Caller) -> Any:
        return scheduling.seed_cancel(
            state, caller, cid(request), int(request.path_params["message_id"])
        )

    async def list_scheduled(request: Request, caller: Caller) -> Any:
        return scheduling.list_scheduled(state, caller, cid(request))

    async def create_scheduled(request: Request, caller: Caller) -> Any:
        fields, uploads = await read_body(request)
        return scheduling.create_scheduled(
            state, caller, cid(request), fields, uploads[0] if uploads else None
        )

    async def update_scheduled(request: Request, caller: Caller) -> Any:
        fields, uploads = await read_body(request)
        return scheduling.update_scheduled(
            state,
            caller,
            cid(request),
            int(request.path_params["scheduled_id"]),
            fields,
            uploads[0] if uploads else None,
        )

    async def delete_scheduled(request: Request, caller: Caller) -> Any:
        body = scheduling.delete_scheduled(
            state, caller, cid(request), int(request.path_params["scheduled_id"])
        )
        return Response(status_code=204) if body is None else body

    # -- the demo's own controls (token required) and monitoring ---------------------

    async def api_info(request: Request) -> Response:
        return JSONResponse(
            {
                "version": state.server.version,
                "timestamp": state.clock.now().strftime("%Y-%m-%d %H:%M:%S"),
                "queue_services": "ok",
                "data_services": "ok",
            }
        )

    async def get_faults(request: Request, caller: Caller) -> Any:
        return faults.to_json()

    async def put_faults(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        try:
            faults.update(fields)
        except ValueError as error:
            raise ApiError(422, {"error": str(error)}) from None
        return faults.to_json()

    async def inbox_member(request: Request, caller: Caller) -> Any:
        """PUT adds the agent to the inbox, DELETE removes them (as an admin would)."""
        state.set_inbox_member(
            caller,
            int(request.path_params["inbox_id"]),
            int(request.path_params["user_id"]),
            member=request.method == "PUT",
        )
        return Response(status_code=204)

    async def dispatch_now(request: Request, caller: Caller) -> Any:
        result = scheduling.dispatch_due(state)
        on_dispatch()
        return result

    async def customer_message(request: Request, caller: Caller) -> Any:
        fields, _ = await read_body(request)
        text = str(fields.get("content") or "").strip()
        if not text:
            raise ApiError(422, {"error": "content is required"})
        message_id = simulation.customer_says(state, caller, cid(request), text)
        return {"id": message_id}

    async def metrics(request: Request) -> Response:
        return PlainTextResponse(
            state.metrics.render(), media_type="text/plain; version=0.0.4; charset=utf-8"
        )

    async def health(request: Request) -> Response:
        return JSONResponse(scheduling.health(state))

    async def cable_switch(request: Request, caller: Caller) -> Any:
        """The live channel's fault switch: {"silent": true} freezes it (no pings, no
        events, the socket left open), {"drop": true} closes every socket."""
        fields, _ = await read_body(request)
        if cable is None:
            raise ApiError(404, {"error": "the live channel is off (--no-cable)"})
        if "silent" in fields:
            cable.silent = bool(fields["silent"])
        dropped = await cable.drop_all() if fields.get("drop") else 0
        return {"silent": cable.silent, "sockets": len(cable.sockets), "dropped": dropped}

    routes: list[BaseRoute] = [
        Route("/api", api_info),
        Route("/api/v1/profile", authed(profile)),
        Route(A, authed(account)),
        Route(A + "/inboxes", authed(inboxes)),
        Route(A + "/canned_responses", authed(canned)),
        Route(A + "/labels", authed(labels)),
        Route(A + "/conversations", authed(conversations)),
        Route(A + "/conversations/meta", authed(conversation_meta)),
        Route(A + "/contacts/search", authed(contact_search)),
        Route(A + "/contacts/{contact_id:int}", authed(contact), methods=["GET"]),
        Route(A + "/contacts/{contact_id:int}", authed(change_contact), methods=["PUT", "PATCH"]),
        Route(
            A + "/contacts/{contact_id:int}/destroy_custom_attributes",
            authed(drop_contact_attributes),
            methods=["POST"],
        ),
        Route(A + "/contacts/{contact_id:int}/conversations", authed(contact_conversations)),
        Route(C, authed(conversation)),
        Route(C + "/toggle_status", authed(toggle_status), methods=["POST"]),
        Route(C + "/update_last_seen", authed(update_last_seen), methods=["POST"]),
        Route(C + "/assignments", authed(assign), methods=["POST"]),
        Route(C + "/unread", authed(unread), methods=["POST"]),
        Route(C + "/toggle_typing_status", authed(toggle_typing), methods=["POST"]),
        Route(C + "/messages", authed(messages), methods=["GET"]),
        Route(C + "/messages", authed(create_message), methods=["POST"]),
        Route(C + "/messages/{message_id:int}", authed(delete_message), methods=["DELETE"]),
        Route(
            C + "/messages/{message_id:int}/schedule", authed(cancel_schedule), methods=["DELETE"]
        ),
        Route(C + "/scheduled_messages", authed(list_scheduled), methods=["GET"]),
        Route(C + "/scheduled_messages", authed(create_scheduled), methods=["POST"]),
        Route(
            C + "/scheduled_messages/{scheduled_id:int}",
            authed(update_scheduled),
            methods=["PATCH", "PUT"],
        ),
        Route(
            C + "/scheduled_messages/{scheduled_id:int}",
            authed(delete_scheduled),
            methods=["DELETE"],
        ),
        Route("/demo/faults", authed(get_faults), methods=["GET"]),
        Route("/demo/faults", authed(put_faults), methods=["PUT"]),
        Route("/demo/dispatch", authed(dispatch_now), methods=["POST"]),
        Route("/demo/cable", authed(cable_switch), methods=["PUT"]),
        Route(
            A.replace("/api/v1", "/demo") + "/inboxes/{inbox_id:int}/agents/{user_id:int}",
            authed(inbox_member),
            methods=["PUT", "DELETE"],
        ),
        Route(
            C.replace("/api/v1", "/demo") + "/customer_messages",
            authed(customer_message),
            methods=["POST"],
        ),
        Route(
            C.replace("/api/v1", "/demo") + "/customer_typing",
            authed(customer_typing),
            methods=["POST"],
        ),
        Route("/metrics", metrics),
        Route("/health/scheduled_messages", health),
        *blobs.routes(state),
    ]
    routes.extend(conversation_tools.routes(state, authed, read_body))
    routes.extend(mentions.routes(state, authed))
    if cable is not None:
        routes.append(WebSocketRoute("/cable", cable.serve))
    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(FaultMiddleware, faults=faults)
    app.add_middleware(ClockDateMiddleware, clock=state.clock)  # outermost: every answer
    return app
