"""Where calls go: one gRPC channel to one address (or, with discovery, one per healthy instance)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

import grpc

COMPRESS = grpc.Compression.Gzip


@dataclass(frozen=True)
class ChannelSettings:
    enable_compression: bool = True
    tls: bool | dict[str, Any] | None = None
    max_message_bytes: int = 64 * 1024 * 1024
    channel_options: tuple[tuple[str, Any], ...] = ()


def _credentials(tls: bool | dict[str, Any]) -> grpc.ChannelCredentials:
    if tls is True:
        return grpc.ssl_channel_credentials()
    assert isinstance(tls, dict)

    def read(key: str) -> bytes | None:
        value = tls.get(key)
        return value.encode() if isinstance(value, str) else value

    return grpc.ssl_channel_credentials(
        root_certificates=read('root_certificates'),
        private_key=read('private_key'),
        certificate_chain=read('certificate_chain'),
    )


class Channel:
    """One gRPC channel to one address, with the call objects of every method it has used."""

    def __init__(self, address: str, settings: ChannelSettings) -> None:
        self.address = address
        self.outstanding = 0
        options: list[tuple[str, Any]] = [
            ('grpc.max_receive_message_length', settings.max_message_bytes),
            ('grpc.max_send_message_length', settings.max_message_bytes),
            # One ping a minute keeps idle streams alive without tripping servers that refuse frequent pings.
            ('grpc.keepalive_time_ms', 60_000),
            ('grpc.keepalive_timeout_ms', 20_000),
            ('grpc.keepalive_permit_without_calls', 0),
        ]
        if isinstance(settings.tls, dict) and settings.tls.get('server_name'):
            options.append(('grpc.ssl_target_name_override', settings.tls['server_name']))
        options.extend(settings.channel_options)
        compression = COMPRESS if settings.enable_compression else None
        if settings.tls:
            self.grpc = grpc.secure_channel(address, _credentials(settings.tls), options, compression)
        else:
            self.grpc = grpc.insecure_channel(address, options, compression)
        self._callables: dict[tuple[str, str], Any] = {}
        self._ready: list[grpc.Future] = []
        self._lock = threading.Lock()

    def callable(self, kind: str, path: str, serializer: Callable, deserializer: Callable) -> Any:
        key = (kind, path)
        with self._lock:
            found = self._callables.get(key)
            if found is None:
                factory = getattr(self.grpc, kind)
                found = factory(path, request_serializer=serializer, response_deserializer=deserializer)
                self._callables[key] = found
            return found

    def start_connecting(self) -> grpc.Future:
        """Dials now instead of at the first call (the future resolves once the channel is ready)."""
        future = grpc.channel_ready_future(self.grpc)
        self._ready.append(future)
        return future

    def wait_ready(self, timeout: float | None) -> bool:
        try:
            self.start_connecting().result(timeout=timeout)
            return True
        except grpc.FutureTimeoutError:
            return False

    def close(self) -> None:
        # A pending readiness watch polls the channel from a thread of its own: stop it first.
        for future in self._ready:
            future.cancel()
        self._ready.clear()
        self.grpc.close()


class Transport(Protocol):
    def channel(self) -> Channel: ...

    def report_unavailable(self, channel: Channel, connect_failed: bool) -> bool:
        """A call on `channel` failed as UNAVAILABLE (`connect_failed`: it never reached a server); True
        when another instance can take the retry right away."""
        ...

    def close(self) -> None: ...


@dataclass
class FixedTransport:
    """A transport bound to one address; the channel is opened at first use and again after close()."""

    address: str
    settings: ChannelSettings
    _channel: Channel | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def channel(self) -> Channel:
        with self._lock:
            if self._channel is None:
                self._channel = Channel(self.address, self.settings)
            return self._channel

    def report_unavailable(self, channel: Channel, connect_failed: bool) -> bool:
        """A channel that failed to connect stays in grpcio's reconnect backoff, failing every call at
        once until it ends; the next attempt gets a fresh channel that dials right away."""
        if connect_failed:
            with self._lock:
                if self._channel is channel:
                    self._channel = None
                    channel.close()
        return False

    def close(self) -> None:
        with self._lock:
            if self._channel is not None:
                self._channel.close()
                self._channel = None
