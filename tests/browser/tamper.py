"""A tampered client: the page's own websocket, routed through the test, so the next rerun
the page asks for can be rewritten in flight, a widget's value replaced by one no control
sends. The page stays in step with the server (its own message, its own fragment), as a
modified browser would."""

from __future__ import annotations

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg


class Tamper:
    """Watch the widget ids the server draws; rewrite the next rerun_script the page sends."""

    def __init__(self, page) -> None:
        self.widget_ids: set[str] = set()
        self._rewrite: dict[str, dict] = {}  # widget key -> WidgetState field and value
        page.route_web_socket("**/_stcore/stream", self._route)

    def next_rerun_sets(self, key: str, **value) -> None:
        """The next rerun the page sends carries `value` (e.g. string_value=...) for the
        widget keyed `key`, whatever the page put there."""
        self._rewrite = {key: value}

    def _route(self, ws) -> None:
        server = ws.connect_to_server()

        def from_page(message) -> None:
            if isinstance(message, bytes) and self._rewrite:
                back = BackMsg()
                back.ParseFromString(message)
                if back.WhichOneof("type") == "rerun_script":
                    self._apply(back)
                    message = back.SerializeToString()
            server.send(message)

        def from_server(message) -> None:
            if isinstance(message, bytes):
                self._watch(message)
            ws.send(message)

        ws.on_message(from_page)
        server.on_message(from_server)

    def _apply(self, back: BackMsg) -> None:
        (key, value), self._rewrite = next(iter(self._rewrite.items())), {}
        [widget_id] = [i for i in self.widget_ids if i.endswith(f"-{key}")]
        states = back.rerun_script.widget_states.widgets
        for state in [s for s in states if s.id == widget_id]:
            states.remove(state)
        state = states.add()
        state.id = widget_id
        for field, v in value.items():
            if field.endswith("_array_value"):  # a repeated field: filled, not set
                getattr(state, field).data.extend(v)
            else:
                setattr(state, field, v)

    def _watch(self, raw: bytes) -> None:
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        if forward.WhichOneof("type") != "delta":
            return
        delta = forward.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
        if isinstance(widget_id, str) and widget_id:
            self.widget_ids.add(widget_id)
