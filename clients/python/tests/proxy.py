"""A TCP proxy in front of one service, for the tests that need to see or break the wire: it counts the
bytes each way and can refuse connections (reset them as soon as they are accepted)."""

from __future__ import annotations

import socket
import threading


class Proxy:
    def __init__(self, target_port: int, host: str = '127.0.0.1', listen_port: int = 0) -> None:
        self.target = (host, target_port)
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((host, listen_port))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.up = 0
        self.down = 0
        self.accepted = 0
        self.refuse = False
        # Drop every connection once this many bytes went down (a connection that breaks mid-download).
        self.drop_after_down: int | None = None
        self._closed = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def reset_counts(self) -> None:
        with self._lock:
            self.up = self.down = 0

    def _accept(self) -> None:
        while not self._closed:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.accepted += 1
            if self.refuse:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
                conn.close()
                continue
            upstream = socket.create_connection(self.target)
            self._sockets += [conn, upstream]
            threading.Thread(target=self._pipe, args=(conn, upstream, 'up'), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, conn, 'down'), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, direction: str) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                with self._lock:
                    setattr(self, direction, getattr(self, direction) + len(data))
                    drop = (direction == 'down' and self.drop_after_down is not None
                            and self.down >= self.drop_after_down)
                    if drop:
                        self.drop_after_down = None
                if drop:
                    self.drop_connections()
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def drop_connections(self) -> None:
        for s in self._sockets:
            try:
                s.close()
            except OSError:
                pass
        self._sockets.clear()

    def close(self) -> None:
        self._closed = True
        self.listener.close()
        self.drop_connections()
