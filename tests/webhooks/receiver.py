"""A real HTTP receiver on 127.0.0.1 in a thread: it records every request and answers as a test scripts it."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Received:
    def __init__(self, headers, body):
        self.headers = headers
        self.body = body


class Receiver:
    """`answers`: the status code of each request in turn (the last one repeats); `delay`: seconds to wait first."""

    def __init__(self, answers=(200,), delay=0):
        self.answers = list(answers)
        self.delay = delay
        self.received = []
        receiver = self

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

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/hooks/cbp"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
