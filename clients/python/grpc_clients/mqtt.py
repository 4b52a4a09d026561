"""IoT messaging over MQTT, port 50053."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

import grpc
from google.protobuf import json_format
from google.protobuf.struct_pb2 import Struct

from ._base import BaseClient, Health, LiveStream, as_bytes
from ._convert import enum_number, timestamp, to_dict
from ._catalog import SERVICES
from .errors import IsaCloudError
from .proto.isa.mqtt.v1 import mqtt_pb2 as pb


def _outgoing(m: dict[str, Any]) -> pb.PublishMessage:
    return pb.PublishMessage(topic=m['topic'], payload=as_bytes(m.get('payload')), qos=m.get('qos', 1),
                             retained=m.get('retained', False))


class MQTTClient(BaseClient):
    """Broker sessions, publish/subscribe, retained messages, devices and statistics. Every topic is your
    own ("sensors/temperature"); the server places it under ``{user_id}/{organization_id}/``."""

    SERVICE = SERVICES['mqtt']

    def health_check(self, deep_check: bool = False, **call: Any) -> Health | None:
        """healthy, broker_status ("connected"/"disconnected"), active_connections, backend, ..."""
        return self._run('health_check', call, lambda: Health(to_dict(self._unary(
            'HealthCheck', pb.HealthCheckRequest(deep_check=deep_check), call))))

    # ---- sessions ----

    def connect(self, client_id: str | None = None, username: str = '', password: str = '',
                clean_session: bool = True, keep_alive_seconds: int = 0, will: dict[str, Any] | None = None,
                **call: Any) -> Any:
        """Opens a session, a real broker connection for `client_id`: {'session_id', 'session_present',
        'session'}. Without a client id it only connects the gRPC channel (True/False)."""
        if client_id is None:
            return self.wait_for_ready(call.get('timeout'))
        request = pb.ConnectRequest(client_id=client_id, username=username, password=password,
                                    clean_session=clean_session, keep_alive_seconds=keep_alive_seconds)
        if will:
            request.will.CopyFrom(pb.LastWill(topic=will['topic'], payload=as_bytes(will.get('payload')),
                                              qos=will.get('qos', 1), retain=will.get('retain', False)))
        return self._run('connect', call, lambda: to_dict(self._unary('Connect', request, call)))

    def disconnect(self, session_id: str, publish_will: bool = False, **call: Any) -> bool | None:
        """Ends a session; publish_will drops the connection so the broker publishes the last will."""
        return self._done('disconnect', 'Disconnect', pb.DisconnectRequest(
            session_id=session_id, publish_will=publish_will), call)

    def get_connection_status(self, session_id: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_connection_status', call, lambda: to_dict(self._unary(
            'GetConnectionStatus', pb.GetConnectionStatusRequest(session_id=session_id), call).session))

    def list_sessions(self, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_sessions', call, lambda: [to_dict(s) for s in self._unary(
            'ListSessions', pb.ListSessionsRequest(), call).sessions])

    # ---- publishing ----

    def publish(self, session_id: str | None, topic: str, payload: bytes | str, qos: int = 1,
                retained: bool = False, **call: Any) -> dict[str, Any] | None:
        """Publishes on the session's connection (None: the service's own); QoS 1/2 wait for the broker's
        acknowledgement. {'message_id', 'published_at'}."""
        return self._run('publish', call, lambda: to_dict(self._unary('Publish', pb.PublishRequest(
            session_id=session_id or '', topic=topic, payload=as_bytes(payload), qos=qos, retained=retained), call)))

    def publish_json(self, session_id: str | None, topic: str, data: dict[str, Any], qos: int = 1,
                     retained: bool = False, **call: Any) -> dict[str, Any] | None:
        def work() -> dict[str, Any]:
            struct = Struct()
            json_format.ParseDict(data, struct)
            return to_dict(self._unary('PublishJSON', pb.PublishJSONRequest(
                session_id=session_id or '', topic=topic, data=struct, qos=qos, retained=retained), call))
        return self._run('publish_json', call, work)

    def publish_batch(self, session_id: str | None, messages: list[dict[str, Any]], **call: Any) -> dict[str, Any] | None:
        """Messages: {'topic', 'payload', 'qos'?, 'retained'?}; all are checked before any is sent."""
        return self._run('publish_batch', call, lambda: to_dict(self._unary('PublishBatch', pb.PublishBatchRequest(
            session_id=session_id or '', messages=[_outgoing(m) for m in messages]), call)))

    def publish_stream(self, session_id: str | None, messages: Iterable[dict[str, Any]],
                       max_messages_per_request: int = 256, **call: Any) -> dict[str, Any] | None:
        """Publishes a (possibly endless) iterable of messages over one stream, the fastest way."""
        def requests() -> Iterator[pb.PublishStreamRequest]:
            batch: list[pb.PublishMessage] = []
            first = True
            for m in messages:
                batch.append(_outgoing(m))
                if len(batch) >= max_messages_per_request:
                    yield pb.PublishStreamRequest(session_id=(session_id or '') if first else '', messages=batch)
                    batch, first = [], False
            if batch or first:
                yield pb.PublishStreamRequest(session_id=(session_id or '') if first else '', messages=batch)
        return self._run('publish_stream', call, lambda: to_dict(self._client_stream(
            'PublishStream', requests(), call, compression=grpc.Compression.NoCompression)))

    # ---- subscribing ----

    def subscribe_multiple(self, session_id: str | None, subscriptions: list[dict[str, Any]],
                           overflow: str = 'close', **call: Any) -> LiveStream[dict[str, Any]] | None:
        """Subscribes to {'topic_filter', 'qos'} filters; returns once the broker granted them, a live
        stream of messages (dicts: topic, payload, qos, retained, received_at, sequence, ...).
        ``stream.info['granted_qos']`` has the granted QoS levels."""
        request = pb.SubscribeRequest(
            session_id=session_id or '',
            subscriptions=[pb.TopicSubscription(topic_filter=s['topic_filter'], qos=s.get('qos', 1))
                           for s in subscriptions],
            overflow=enum_number(pb.OverflowPolicy.DESCRIPTOR, overflow))
        return self._live('subscribe', 'Subscribe', request, call, 'started', 'message', to_dict,
                          granted_qos=lambda s: list(s.granted_qos))

    def subscribe(self, session_id: str | None, topic_filter: str, qos: int = 1, callback: Callable | None = None,
                  timeout_seconds: float | None = None, max_messages: int | None = None,
                  **call: Any) -> Any:
        """Without a callback: a live stream of the filter's messages. With one: calls
        ``callback(message)`` for each message until `timeout_seconds` pass or `max_messages` arrived,
        then returns how many it handled."""
        if callback is None:
            return self.subscribe_multiple(session_id, [{'topic_filter': topic_filter, 'qos': qos}], **call)
        return self._run('subscribe', call, lambda: self._consume(
            self.subscribe_multiple(session_id, [{'topic_filter': topic_filter, 'qos': qos}],
                                    **{**call, 'raise_on_error': True, 'timeout': timeout_seconds}),
            callback, max_messages))

    @staticmethod
    def _consume(stream: Any, callback: Callable, max_messages: int | None) -> int:
        count = 0
        with stream:
            try:
                for message in stream:
                    callback(message)
                    count += 1
                    if max_messages is not None and count >= max_messages:
                        break
            except IsaCloudError as err:
                if err.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
                    raise
        return count

    def unsubscribe(self, session_id: str, topic_filters: str | list[str], **call: Any) -> int | None:
        """Removes filters from a session; returns how many it had."""
        filters = [topic_filters] if isinstance(topic_filters, str) else list(topic_filters)
        return self._run('unsubscribe', call, lambda: self._unary('Unsubscribe', pb.UnsubscribeRequest(
            session_id=session_id, topic_filters=filters), call).unsubscribed_count)

    def list_subscriptions(self, session_id: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_subscriptions', call, lambda: [to_dict(s) for s in self._unary(
            'ListSubscriptions', pb.ListSubscriptionsRequest(session_id=session_id), call).subscriptions])

    # ---- retained messages ----

    def set_retained_message(self, topic: str, payload: bytes | str, qos: int = 1, **call: Any) -> bool | None:
        return self._done('set_retained_message', 'SetRetainedMessage', pb.SetRetainedMessageRequest(
            topic=topic, payload=as_bytes(payload), qos=qos), call)

    def get_retained_message(self, topic: str, **call: Any) -> dict[str, Any] | None:
        """{'found', 'topic', 'payload', 'qos', 'stored_at'}."""
        def work() -> dict[str, Any]:
            r = self._unary('GetRetainedMessage', pb.GetRetainedMessageRequest(topic=topic), call)
            message = to_dict(r.message) if r.HasField('message') else {'topic': topic, 'payload': b'', 'qos': 0,
                                                                         'stored_at': None}
            return {'found': r.found, **message}
        return self._run('get_retained_message', call, work)

    def delete_retained_message(self, topic: str, **call: Any) -> dict[str, Any] | None:
        """{'existed': bool}."""
        return self._run('delete_retained_message', call, lambda: to_dict(self._unary(
            'DeleteRetainedMessage', pb.DeleteRetainedMessageRequest(topic=topic), call)))

    def list_retained_messages(self, prefix: str = '', topic_filter: str = '', limit: int = 0,
                               include_payload: bool = False, **call: Any) -> dict[str, Any] | None:
        return self._run('list_retained_messages', call, lambda: to_dict(self._unary(
            'ListRetainedMessages', pb.ListRetainedMessagesRequest(
                prefix=prefix, topic_filter=topic_filter, limit=limit, include_payload=include_payload), call)))

    # ---- devices ----

    def register_device(self, device_id: str, device_name: str, device_type: str = 'sensor',
                        metadata: dict[str, str] | None = None, **call: Any) -> dict[str, Any] | None:
        return self._run('register_device', call, lambda: to_dict(self._unary('RegisterDevice', pb.RegisterDeviceRequest(
            device_id=device_id, device_name=device_name, device_type=device_type, metadata=metadata or {}),
            call).device))

    def unregister_device(self, device_id: str, **call: Any) -> bool | None:
        return self._done('unregister_device', 'UnregisterDevice', pb.UnregisterDeviceRequest(device_id=device_id), call)

    def list_devices(self, status: str | None = None, device_type: str = '', page: int = 1, page_size: int = 50,
                     **call: Any) -> dict[str, Any] | None:
        """{'devices', 'total_count', 'page', 'page_size'}; status: online, offline, sleeping, error."""
        return self._run('list_devices', call, lambda: to_dict(self._unary('ListDevices', pb.ListDevicesRequest(
            status=enum_number(pb.DeviceStatus.DESCRIPTOR, status), device_type=device_type, page=page,
            page_size=page_size), call)))

    def get_device_info(self, device_id: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_device_info', call, lambda: to_dict(self._unary(
            'GetDeviceInfo', pb.GetDeviceInfoRequest(device_id=device_id), call).device))

    def update_device_status(self, device_id: str, status: str, metadata: dict[str, str] | None = None,
                             **call: Any) -> dict[str, Any] | None:
        """Records what the device reports; metadata is merged (an empty value removes a key)."""
        return self._run('update_device_status', call, lambda: to_dict(self._unary(
            'UpdateDeviceStatus', pb.UpdateDeviceStatusRequest(
                device_id=device_id, status=enum_number(pb.DeviceStatus.DESCRIPTOR, status),
                metadata=metadata or {}), call).device))

    def get_device_metrics(self, device_id: str, start_time: Any = None, end_time: Any = None,
                           **call: Any) -> dict[str, Any] | None:
        """The device's traffic per hour (default the last 24 hours)."""
        return self._run('get_device_metrics', call, lambda: to_dict(self._unary(
            'GetDeviceMetrics', pb.GetDeviceMetricsRequest(
                device_id=device_id, start_time=timestamp(start_time), end_time=timestamp(end_time)), call)))

    # ---- topics and statistics ----

    def get_topic_info(self, topic: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_topic_info', call, lambda: to_dict(self._unary(
            'GetTopicInfo', pb.GetTopicInfoRequest(topic=topic), call).topic_info))

    def list_topics(self, prefix: str = '', page: int = 1, page_size: int = 50, **call: Any) -> dict[str, Any] | None:
        return self._run('list_topics', call, lambda: to_dict(self._unary('ListTopics', pb.ListTopicsRequest(
            prefix=prefix, page=page, page_size=page_size), call)))

    def validate_topic(self, topic: str, allow_wildcards: bool = False, **call: Any) -> dict[str, Any] | None:
        """{'valid', 'message', 'violations', 'broker_topic'}."""
        return self._run('validate_topic', call, lambda: to_dict(self._unary('ValidateTopic', pb.ValidateTopicRequest(
            topic=topic, allow_wildcards=allow_wildcards), call)))

    def get_statistics(self, **call: Any) -> dict[str, Any] | None:
        """total_devices, online_devices, total_topics, total_subscriptions, messages_sent_today, ..."""
        return self._run('get_statistics', call, lambda: to_dict(self._unary(
            'GetStatistics', pb.GetStatisticsRequest(), call)))
