"""send_without_delay: the connections Streamlit's server accepts get TCP_NODELAY (see its docstring)."""
import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

from app_pages import common


def test_connections_to_a_socket_made_as_streamlit_makes_it_send_without_delay(monkeypatch):
    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", asyncio.base_events._set_nodelay)   # restored after
    monkeypatch.delattr(common.send_without_delay, "done", raising=False)

    async def accepted_sockets(before_first_connection):
        listener = socket.socket(socket.AF_INET)                # protocol number 0, as Streamlit's server makes it
        listener.bind(("127.0.0.1", 0))
        accepted = []
        server = await asyncio.start_server(lambda r, w: accepted.append(w.get_extra_info("socket")),
                                            sock=listener)
        port = listener.getsockname()[1]
        writers = []
        for k in range(2):
            if k == int(not before_first_connection):
                common.send_without_delay()                     # the first page run, before or after a connection
            _, w = await asyncio.open_connection("127.0.0.1", port)
            writers.append(w)
            await asyncio.sleep(0.05)
        options = [s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0 for s in accepted]
        for w in writers:
            w.close()
        server.close()
        return options

    listener = socket.socket(socket.AF_INET)
    assert listener.proto == 0 and listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
    listener.close()
    assert run_apart(accepted_sockets(before_first_connection=True)) == [True, True]
    monkeypatch.delattr(common.send_without_delay, "done")
    assert run_apart(accepted_sockets(before_first_connection=False)) == [True, True]


def run_apart(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps an event loop in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
