"""A real HTTP receiver on 127.0.0.1 in a thread: it records every request and answers as a test scripts it.

It also counts the connections made to it (`connections`, even one that never sends a request), and with `tls`
(an ssl.SSLContext for the server side) speaks https, recording the host name each client asked for (SNI).
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Received:
    def __init__(self, headers, body):
        self.headers = headers
        self.body = body


class Receiver:
    """`answers`: the status code of each request in turn (the last one repeats); `delay`: seconds to wait first."""

    def __init__(self, answers=(200,), delay=0, tls=None):
        self.answers = list(answers)
        self.delay = delay
        self.received = []
        self.connections = 0
        self.server_names = []
        receiver = self
        if tls is not None:
            tls.sni_callback = lambda _socket, name, _context: receiver.server_names.append(name)

        class Server(ThreadingHTTPServer):
            def get_request(self):
                connection, address = super().get_request()
                receiver.connections += 1
                if tls is not None:  # a failed handshake is an OSError, which the server drops
                    connection = tls.wrap_socket(connection, server_side=True)
                return connection, address

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.received.append(Received({k.lower(): v for k, v in self.headers.items()}, body))
                status = receiver.answers.pop(0) if len(receiver.answers) > 1 else receiver.answers[0]
                if receiver.delay:
                    time.sleep(receiver.delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                except OSError:  # the sender gave up waiting
                    pass

            def log_message(self, *args):
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def port(self):
        return self.server.server_port

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks/cbp"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
