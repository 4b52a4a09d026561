"""Clients for Consul-registered services: calls spread over the healthy instances (round robin),
instances followed with blocking queries in a background thread (no Consul round trip per call), an
instance that answers UNAVAILABLE set aside for a while and the call retried on another — the same
choice as the TypeScript SDK's ServiceDiscovery."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

import grpc

from ._catalog import entry_for
from ._transport import Channel, ChannelSettings

log = logging.getLogger('grpc_clients')


@dataclass(frozen=True)
class ServiceInstance:
    id: str
    host: str
    port: int
    tags: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> str:
        return f'{self.host}:{self.port}'


def consul_url(consul_host: str | None, consul_port: int | None) -> str:
    """The agent's URL: the arguments, else CONSUL_HTTP_ADDR (as Consul's own clients read it), else
    localhost:8500 (the guide's)."""
    if consul_host is None and consul_port is None and os.environ.get('CONSUL_HTTP_ADDR'):
        addr = os.environ['CONSUL_HTTP_ADDR']
        return addr if '://' in addr else f'http://{addr}'
    return f'http://{consul_host or "localhost"}:{consul_port or 8500}'


class InstanceWatch:
    """Follows one service's passing instances with Consul blocking queries."""

    def __init__(self, base_url: str, consul_name: str, token: str | None, tags: tuple[str, ...],
                 wait_seconds: int = 30) -> None:
        self.base_url = base_url.rstrip('/')
        self.consul_name = consul_name
        self.token = token
        self.tags = tags
        self.wait_seconds = wait_seconds
        self.instances: list[ServiceInstance] = []
        # When every instance turns critical at once, calls keep going to the last known ones (a health
        # check hiccup should not fail every call: load balancers' "panic mode").
        self.last_known: list[ServiceInstance] = []
        self.error = ''
        self.resolved = threading.Event()
        self._stop = threading.Event()
        self._index = '0'
        self._thread = threading.Thread(target=self._loop, name=f'consul-watch-{consul_name}', daemon=True)
        self._thread.start()

    def _fetch(self) -> None:
        query = [('passing', 'true'), ('index', self._index), ('wait', f'{self.wait_seconds}s')]
        query += [('tag', t) for t in self.tags]
        url = f'{self.base_url}/v1/health/service/{urllib.parse.quote(self.consul_name)}?{urllib.parse.urlencode(query)}'
        request = urllib.request.Request(url, headers={'X-Consul-Token': self.token} if self.token else {})
        with urllib.request.urlopen(request, timeout=self.wait_seconds + 10) as response:
            index = response.headers.get('X-Consul-Index', '0')
            entries = json.loads(response.read())
        # An index that goes backwards (Consul restarted) resets the long poll, as Consul's docs advise.
        self._index = '0' if int(index) < int(self._index) else index
        self.instances = [ServiceInstance(
            id=e['Service']['ID'], host=e['Service'].get('Address') or e['Node']['Address'], port=e['Service']['Port'],
            tags=tuple(e['Service'].get('Tags') or ()), meta=dict(e['Service'].get('Meta') or {})) for e in entries]
        if self.instances:
            self.last_known = self.instances

    def _loop(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self._fetch()
                self.error = ''
                failures = 0
                self.resolved.set()
            except Exception as err:  # noqa: BLE001 - Consul unreachable: keep the last known instances
                self.error = str(err)
                failures += 1
                self._stop.wait(min(5.0, 0.1 * 2 ** failures))

    def usable(self) -> list[ServiceInstance]:
        return self.instances or self.last_known

    def close(self) -> None:
        self._stop.set()


class DiscoveryTransport:
    """Spreads calls over a watch's healthy instances and steps around ones that fail."""

    def __init__(self, watch: InstanceWatch, settings: ChannelSettings, ejection_seconds: float = 10.0,
                 resolve_timeout: float = 5.0, owns_watch: bool = False) -> None:
        self.watch = watch
        self.settings = settings
        self.ejection_seconds = ejection_seconds
        self.resolve_timeout = resolve_timeout
        self.owns_watch = owns_watch
        self._channels: dict[str, Channel] = {}
        self._ejected: dict[str, float] = {}
        self._next = 0
        self._lock = threading.Lock()

    def _candidates(self) -> list[ServiceInstance]:
        every = self.watch.usable()
        now = time.monotonic()
        self._ejected = {a: until for a, until in self._ejected.items() if until > now}
        usable = [i for i in every if i.address not in self._ejected]
        # When every instance is set aside, trying one beats failing outright.
        return usable or every

    def channel(self) -> Channel:
        if not self.watch.resolved.is_set():
            self.watch.resolved.wait(self.resolve_timeout)
        with self._lock:
            candidates = self._candidates()
            if not candidates:
                reason = f' (Consul: {self.watch.error})' if self.watch.error else ''
                raise _Unavailable(f'no healthy instance of {self.watch.consul_name} in Consul{reason}')
            live = {i.address for i in self.watch.instances}
            for address in [a for a in self._channels if live and a not in live]:
                self._channels.pop(address).close()
            instance = candidates[self._next % len(candidates)]
            self._next += 1
            found = self._channels.get(instance.address)
            if found is None:
                found = self._channels[instance.address] = Channel(instance.address, self.settings)
            return found

    def report_unavailable(self, channel: Channel, connect_failed: bool) -> bool:
        with self._lock:
            self._ejected[channel.address] = time.monotonic() + self.ejection_seconds
            return any(i.address != channel.address for i in self._candidates())

    def close(self) -> None:
        with self._lock:
            for ch in self._channels.values():
                ch.close()
            self._channels.clear()
        if self.owns_watch:
            self.watch.close()


class _Unavailable(grpc.RpcError):
    """Raised like a grpcio error, so the client's error handling treats it as UNAVAILABLE."""

    def __init__(self, details: str) -> None:
        super().__init__(details)
        self._details = details

    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.UNAVAILABLE

    def details(self) -> str:
        return self._details

    def trailing_metadata(self) -> tuple[()]:
        return ()


class ServiceDiscovery:
    """Clients for services registered in Consul (or the dev stack's embedded registry)::

        discovery = ServiceDiscovery(consul_host='localhost', consul_port=8500)
        with discovery.get_client('minio', user_id='user_123') as minio:
            minio.list_buckets()
    """

    def __init__(self, consul_host: str | None = None, consul_port: int | None = None, *, token: str | None = None,
                 tags: tuple[str, ...] = (), ejection_seconds: float = 10.0, resolve_timeout: float = 5.0) -> None:
        self.base_url = consul_url(consul_host, consul_port)
        self.token = token or os.environ.get('CONSUL_HTTP_TOKEN')
        self.tags = tuple(tags)
        self.ejection_seconds = ejection_seconds
        self.resolve_timeout = resolve_timeout
        self._watches: dict[str, InstanceWatch] = {}
        self._lock = threading.Lock()

    def _watch(self, consul_name: str) -> InstanceWatch:
        with self._lock:
            watch = self._watches.get(consul_name)
            if watch is None:
                watch = self._watches[consul_name] = InstanceWatch(self.base_url, consul_name, self.token, self.tags)
            return watch

    def instances(self, service: str) -> list[ServiceInstance]:
        """The service's healthy instances now (waits for Consul's first answer)."""
        watch = self._watch(entry_for(service).consul_name)
        watch.resolved.wait(self.resolve_timeout)
        return list(watch.instances)

    def get_service_address(self, service: str) -> tuple[str | None, int | None]:
        """One healthy instance's (host, port), or (None, None) — like the guide's helper."""
        found = self.instances(service)
        return (found[0].host, found[0].port) if found else (None, None)

    def get_client(self, service: str, user_id: str | None = None, **options: Any) -> Any:
        """A client whose calls go to the service's healthy instances."""
        from ._factory import client_class

        entry = entry_for(service)
        settings = ChannelSettings(
            enable_compression=options.get('enable_compression', True), tls=options.get('tls'),
            max_message_bytes=options.get('max_message_bytes', 64 * 1024 * 1024),
            channel_options=tuple(options.get('channel_options', ())))
        transport = DiscoveryTransport(self._watch(entry.consul_name), settings, self.ejection_seconds,
                                       self.resolve_timeout)
        return client_class(entry.name)(user_id=user_id, transport=transport, **options)

    def close(self) -> None:
        with self._lock:
            for watch in self._watches.values():
                watch.close()
            self._watches.clear()

    def __enter__(self) -> 'ServiceDiscovery':
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def discover(service: str, user_id: str | None = None, consul_host: str | None = None, consul_port: int | None = None,
             *, consul_token: str | None = None, tags: tuple[str, ...] = (), ejection_seconds: float = 10.0,
             resolve_timeout: float = 5.0, **options: Any) -> Any:
    """A client for `service` ("minio" or "minio-grpc-service") whose calls go to its healthy instances
    in Consul (round robin; an instance answering UNAVAILABLE is skipped for `ejection_seconds` and the
    call retried on another). Closing the client also stops following Consul."""
    discovery = ServiceDiscovery(consul_host, consul_port, token=consul_token, tags=tags,
                                 ejection_seconds=ejection_seconds, resolve_timeout=resolve_timeout)
    client = discovery.get_client(service, user_id=user_id, **options)
    client._transport.owns_watch = True
    return client
