"""What every service client shares: lazy connection, tenant metadata, deadlines, retries of idempotent
calls on transient errors, and the None-or-raise failure policy."""

from __future__ import annotations

import logging
import random
import re
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Iterable, Iterator, TypeVar

import grpc
import tenacity
from google.protobuf.descriptor import MethodDescriptor
from google.protobuf.descriptor_pb2 import MethodOptions
from google.protobuf.message import Message

from ._catalog import ServiceEntry, default_host
from ._transport import Channel, ChannelSettings, FixedTransport, Transport
from .errors import IsaCloudError

T = TypeVar('T')

log = logging.getLogger('grpc_clients')

TRANSIENT_CODES = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED, grpc.StatusCode.ABORTED)
# Failures proving the request never reached a server: any call may be retried after them.
_NEVER_SENT = re.compile(r'failed to connect|connection refused|no healthy instance', re.IGNORECASE)
# Per-call keyword options every method accepts.
CALL_OPTIONS = frozenset({'timeout', 'raise_on_error', 'organization_id', 'metadata'})


@dataclass(frozen=True)
class RetryPolicy:
    """When and how often a failed idempotent call is tried again (the guide's: 3 attempts, 1-10 s)."""

    max_attempts: int = 3
    initial_backoff: float = 1.0
    max_backoff: float = 10.0
    retryable_codes: tuple[grpc.StatusCode, ...] = TRANSIENT_CODES

    def backoff(self, retry: int) -> float:
        """Exponential with jitter: the n-th retry waits between half and all of
        min(max, initial * 2^(n-1)), never less than the initial backoff."""
        ceiling = min(self.max_backoff, self.initial_backoff * 2 ** (retry - 1))
        return max(min(self.initial_backoff, self.max_backoff), ceiling / 2 + random.random() * ceiling / 2)


class Health(dict):
    """A health check's answer: a dict that is truthy only when the service is healthy, so the guide's
    ``"Healthy" if client.health_check() else "Unhealthy"`` tells the truth."""

    def __bool__(self) -> bool:
        return bool(self.get('healthy'))


def is_idempotent(method: MethodDescriptor) -> bool:
    return method.GetOptions().idempotency_level != MethodOptions.IDEMPOTENCY_UNKNOWN


class LiveStream(Iterator[T]):
    """A live server stream (subscription, consumer, watch): iterate it; it ends when you close() it,
    leave its ``with`` block, the call's timeout passes, or the server ends it. Failures while iterating
    raise IsaCloudError; a close() from another thread ends the iteration quietly."""

    def __init__(self, stream_id: str, call: Any, items: Iterator[T], **info: Any) -> None:
        self.id = stream_id
        self.info = info
        self._call = call
        self._items = items
        self._closed = False

    def __iter__(self) -> 'LiveStream[T]':
        return self

    def __next__(self) -> T:
        try:
            return next(self._items)
        except IsaCloudError as err:
            if self._closed or err.code() == grpc.StatusCode.CANCELLED:
                raise StopIteration from None
            raise

    def close(self) -> None:
        self._closed = True
        self._call.cancel()

    def __enter__(self) -> 'LiveStream[T]':
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class BaseClient:
    """Base of every client. Use it as a context manager (or call close()) to release the connection;
    a closed client reconnects at its next call."""

    SERVICE: ClassVar[ServiceEntry]

    def __init__(
        self,
        host: str | None = None,
        port: int | None = None,
        user_id: str | None = None,
        organization_id: str | None = None,
        *,
        lazy_connect: bool = True,
        enable_compression: bool = True,
        enable_retry: bool = True,
        raise_on_error: bool = False,
        token: str | Callable[[], str] | None = None,
        timeout: float | None = 30.0,
        retry_policy: RetryPolicy | None = None,
        tls: bool | dict[str, Any] | None = None,
        max_message_bytes: int = 64 * 1024 * 1024,
        channel_options: Iterable[tuple[str, Any]] = (),
        logger: logging.Logger | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.host = host if host is not None else default_host()
        self.port = port if port is not None else self.SERVICE.port_from_env()
        self.user_id = user_id
        self.organization_id = organization_id
        self.enable_retry = enable_retry
        self.raise_on_error = raise_on_error
        self.timeout = timeout
        self.retry_policy = retry_policy or RetryPolicy()
        self._token = token
        self._logger = logger or log
        self._settings = ChannelSettings(
            enable_compression=enable_compression,
            tls=tls,
            max_message_bytes=max_message_bytes,
            channel_options=tuple(channel_options),
        )
        self._transport: Transport = transport or FixedTransport(f'{self.host}:{self.port}', self._settings)
        self._pb2 = self.SERVICE.pb2
        self._service = self._pb2.DESCRIPTOR.services_by_name[self.SERVICE.service_name]
        if not lazy_connect:
            self._transport.channel().start_connecting()

    # ---- lifecycle ----

    @property
    def service_name(self) -> str:
        """The guide's display name of the service, e.g. "MinIO"."""
        return self.SERVICE.display_name

    def wait_for_ready(self, timeout: float | None = None) -> bool:
        """Connects now and waits until the channel is up (or `timeout` passes): True or False."""
        return self._transport.channel().wait_ready(timeout if timeout is not None else self.timeout)

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> 'BaseClient':
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f'{type(self).__name__}(host={self.host!r}, port={self.port!r}, user_id={self.user_id!r})'

    # ---- calls ----

    def _method(self, name: str) -> MethodDescriptor:
        return self._service.methods_by_name[name]

    def _metadata(self, call: dict[str, Any]) -> list[tuple[str, str]]:
        metadata: list[tuple[str, str]] = []
        if self.user_id:
            metadata.append(('x-user-id', str(self.user_id)))
        org = call.get('organization_id') or self.organization_id
        if org:
            metadata.append(('x-organization-id', str(org)))
        token = self._token() if callable(self._token) else self._token
        if token:
            metadata.append(('authorization', f'Bearer {token}'))
        metadata.extend(call.get('metadata') or ())
        return metadata

    def _callable(self, channel: Channel, method: MethodDescriptor) -> Any:
        kind = {
            (False, False): 'unary_unary',
            (False, True): 'unary_stream',
            (True, False): 'stream_unary',
            (True, True): 'stream_stream',
        }[(method.client_streaming, method.server_streaming)]
        request = getattr(self._pb2, method.input_type.name)
        response = getattr(self._pb2, method.output_type.name)
        return channel.callable(
            kind, f'/{self._service.full_name}/{method.name}', request.SerializeToString, response.FromString
        )

    def _failure(self, raw: BaseException, method: MethodDescriptor, cancelled_by_us: bool = False) -> IsaCloudError:
        err = IsaCloudError.of(raw, self.service_name, method.name)
        if err.code() == grpc.StatusCode.CANCELLED and not cancelled_by_us:
            # A call reset by the server or the connection (not by us) is an outage like any other.
            return IsaCloudError(
                err.service,
                err.operation,
                grpc.StatusCode.UNAVAILABLE,
                f'the call was reset by the server or the connection ({err.details()})',
                err.field,
                err.request_id,
            )
        return err

    def _retrying(self, method: MethodDescriptor) -> tenacity.Retrying:
        policy = self.retry_policy
        idempotent = is_idempotent(method)

        def retryable(err: BaseException) -> bool:
            return (
                isinstance(err, IsaCloudError)
                and err.code() in policy.retryable_codes
                and (idempotent or bool(_NEVER_SENT.search(err.details())))
            )

        def wait(state: tenacity.RetryCallState) -> float:
            outcome = state.outcome
            err = outcome.exception() if outcome is not None else None
            if getattr(err, '_failover', False):
                return 0.0
            return policy.backoff(state.attempt_number)

        def before_sleep(state: tenacity.RetryCallState) -> None:
            err = state.outcome.exception() if state.outcome else None
            self._logger.debug('[%s] %s attempt %d failed (%s); retrying', self.service_name, method.name,
                               state.attempt_number, getattr(err, 'status_code', err))

        return tenacity.Retrying(
            stop=tenacity.stop_after_attempt(policy.max_attempts if self.enable_retry else 1),
            wait=wait,
            retry=tenacity.retry_if_exception(retryable),
            before_sleep=before_sleep,
            reraise=True,
        )

    def _attempt(self, method: MethodDescriptor, send: Callable[[Any, Channel], T]) -> T:
        channel = self._transport.channel()
        multi = self._callable(channel, method)
        channel.outstanding += 1
        try:
            return send(multi, channel)
        except grpc.RpcError as raw:
            err = self._failure(raw, method)
            if err.code() == grpc.StatusCode.UNAVAILABLE and self._transport.report_unavailable(
                    channel, bool(_NEVER_SENT.search(err.details()))):
                err._failover = True  # type: ignore[attr-defined]
            raise err from None
        finally:
            channel.outstanding -= 1

    def _unary(self, name: str, request: Message, call: dict[str, Any]) -> Any:
        """One unary call, retried per the retry policy when the RPC is declared idempotent."""
        method = self._method(name)
        timeout = call.get('timeout', self.timeout)
        metadata = self._metadata(call)
        return self._retrying(method)(
            self._attempt, method, lambda multi, _: multi(request, timeout=timeout, metadata=metadata)
        )

    def _client_stream(self, name: str, requests: Iterator[Message], call: dict[str, Any],
                       compression: grpc.Compression | None = None) -> Any:
        """A client stream: every message of `requests` is sent in order, then the response awaited.
        `compression` overrides the channel's (NoCompression for incompressible payloads)."""
        method = self._method(name)
        timeout = call.get('timeout')
        metadata = self._metadata(call)
        extra = {'compression': compression} if compression is not None and self._settings.enable_compression else {}
        return self._attempt(method, lambda multi, _: multi(requests, timeout=timeout, metadata=metadata, **extra))

    def _done(self, operation: str, rpc: str, request: Message, call: dict[str, Any]) -> bool | None:
        """A call whose success carries no data: True."""
        return self._run(operation, call, lambda: self._unary(rpc, request, call) is not None)

    def _server_stream(self, name: str, request: Message, call: dict[str, Any]) -> tuple[Any, Iterator[Any]]:
        """A server stream: the grpc call (to cancel it) and an iterator of its messages that raises
        IsaCloudError on failure. Idempotent streams are retried when they fail before the first message."""
        method = self._method(name)
        timeout = call.get('timeout')
        metadata = self._metadata(call)
        holder: dict[str, Any] = {}

        def start(multi: Any, channel: Channel) -> Any:
            stream = multi(request, timeout=timeout, metadata=metadata)
            holder['call'] = stream
            try:
                first = next(stream)
            except StopIteration:
                return (stream, None)
            return (stream, first)

        stream, first = self._retrying(method)(self._attempt, method, start)

        def messages() -> Iterator[Any]:
            if first is None:
                return
            yield first
            try:
                yield from stream
            except grpc.RpcError as raw:
                raise self._failure(raw, method, cancelled_by_us=stream.code() == grpc.StatusCode.CANCELLED
                                    and holder.get('cancelled', False)) from None

        class Cancel:
            def cancel(self) -> None:
                holder['cancelled'] = True
                stream.cancel()

        return Cancel(), messages()

    # ---- the failure policy ----

    def _run(self, operation: str, call: dict[str, Any], work: Callable[[], T]) -> T | None:
        """The result on success; on failure the IsaCloudError is raised (raise_on_error) or logged once
        and None returned."""
        unknown = set(call) - CALL_OPTIONS
        if unknown:
            raise TypeError(f'{operation}() got unexpected keyword argument(s): {", ".join(sorted(unknown))}')
        try:
            return work()
        except Exception as raw:  # noqa: BLE001 - the guide's contract: None (and one log line) on any failure
            err = IsaCloudError.of(raw, self.service_name, operation)
            if err.operation != operation:
                err = IsaCloudError(err.service, operation, err.code(), err.details(), err.field, err.request_id)
            raise_it = call.get('raise_on_error')
            if raise_it if raise_it is not None else self.raise_on_error:
                raise err from None
            self._logger.error('%s', err.message)
            return None

    def _live(
        self, operation: str, name: str, request: Message, call: dict[str, Any], started: str, item: str,
        convert: Callable[[Any], Any], **info: Callable[[Any], Any],
    ) -> LiveStream[Any] | None:
        """Opens a server stream whose first message (`started`) confirms it is live; the rest are items."""

        def open_stream() -> LiveStream[Any]:
            cancel, messages = self._server_stream(name, request, call)
            first = next(messages, None)
            if first is None or first.WhichOneof('event') != started:
                cancel.cancel()
                raise IsaCloudError(self.service_name, operation, grpc.StatusCode.UNKNOWN,
                                    'the server did not confirm the stream')
            head = getattr(first, started)

            def items() -> Iterator[Any]:
                for message in messages:
                    if message.WhichOneof('event') == item:
                        yield convert(getattr(message, item))

            extra = {key: fn(head) for key, fn in info.items()}
            return LiveStream(head.subscription_id, cancel, items(), **extra)

        return self._run(operation, call, open_stream)


def chunks_of(data: Any, size: int) -> Iterator[bytes]:
    """Bytes to send: bytes, str (UTF-8), a binary file object, or an iterable of byte chunks."""
    if isinstance(data, str):
        data = data.encode('utf-8')
    if isinstance(data, (bytes, bytearray, memoryview)):
        view = memoryview(data)
        for start in range(0, len(view), size):
            yield bytes(view[start : start + size])
        return
    read = getattr(data, 'read', None)
    if callable(read):
        while True:
            chunk = read(size)
            if not chunk:
                return
            yield chunk.encode('utf-8') if isinstance(chunk, str) else bytes(chunk)
    for chunk in data:
        yield chunk.encode('utf-8') if isinstance(chunk, str) else bytes(chunk)


def as_bytes(value: Any) -> bytes:
    if value is None:
        return b''
    if isinstance(value, str):
        return value.encode('utf-8')
    return bytes(value)


