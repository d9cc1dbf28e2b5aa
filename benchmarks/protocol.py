"""The little of Streamlit's websocket protocol the benchmarks speak (streamlit.proto).

A browser (or benchmarks.load's client) sends BackMsgs on /_stcore/stream; the server answers
with ForwardMsgs, one per frame, and ends each script run with `script_finished`. Timing a
rerun means waiting for that message, as the frontend does before it clears the page's stale
elements.
"""

from __future__ import annotations

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM_PATH = "/_stcore/stream"
# The frontend's Sec-WebSocket-Protocol: the protocol, then an XSRF token (only read when
# XSRF protection is on, to trust an auth cookie: this app has none), then a session to resume.
SUBPROTOCOLS = ["streamlit", "PLACEHOLDER_AUTH_TOKEN"]


def parse(data: bytes | str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.ParseFromString(data if isinstance(data, bytes) else data.encode())
    return msg


def run_finished(msg: ForwardMsg) -> bool:
    """The end of a script run that drew the page (not one cut short by another rerun)."""
    return (
        msg.WhichOneof("type") == "script_finished"
        and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
    )


def rerun_request(
    page_name: str = "",
    page_script_hash: str = "",
    query_string: str = "",
    widgets: dict[str, str] | None = None,
    triggers: list[str] | None = None,
) -> bytes:
    """A BackMsg asking for a script run, as the frontend sends it.

    The first run names the page by its url_path (page_name, "" for the default page); later
    ones by the page_script_hash of the server's `navigation` message, with the query string
    the app last wrote, as the frontend does. `widgets` holds string widget values (text
    inputs) by widget id; widgets left out keep their values on the server. `triggers` are
    the ids of buttons clicked for this run.
    """
    msg = BackMsg()
    msg.rerun_script.page_name = page_name
    msg.rerun_script.page_script_hash = page_script_hash
    msg.rerun_script.query_string = query_string
    for widget_id, value in (widgets or {}).items():
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.string_value = value
    for widget_id in triggers or []:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.trigger_value = True
    return msg.SerializeToString()
