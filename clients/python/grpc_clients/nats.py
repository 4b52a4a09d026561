"""Cloud-native messaging on NATS (core, JetStream, key-value and object stores), port 50056."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

import grpc

from ._base import BaseClient, Health, LiveStream, as_bytes, chunks_of
from ._catalog import SERVICES
from ._convert import duration, enum_number, timestamp, to_dict
from .errors import IsaCloudError
from .proto.isa.nats.v1 import nats_pb2 as pb

CHUNK = 128 * 1024


def _out(m: dict[str, Any]) -> pb.OutgoingMessage:
    return pb.OutgoingMessage(subject=m['subject'], data=as_bytes(m.get('data')), headers=m.get('headers') or {},
                              reply_to=m.get('reply_to', ''))


def _stream_config(name: str, subjects: list[str], o: dict[str, Any]) -> pb.StreamConfig:
    return pb.StreamConfig(
        name=name, subjects=subjects,
        retention=enum_number(pb.RetentionPolicy.DESCRIPTOR, o.get('retention')),
        storage=enum_number(pb.StorageType.DESCRIPTOR, o.get('storage')),
        max_msgs=o.get('max_msgs', 0), max_bytes=o.get('max_bytes', 0), max_age=duration(o.get('max_age')),
        max_msg_size=o.get('max_msg_size', 0), max_msgs_per_subject=o.get('max_msgs_per_subject', 0),
        max_consumers=o.get('max_consumers', 0), replicas=o.get('replicas', 0),
        discard=enum_number(pb.DiscardPolicy.DESCRIPTOR, o.get('discard')),
        discard_new_per_subject=o.get('discard_new_per_subject', False),
        duplicate_window=duration(o.get('duplicate_window')), description=o.get('description', ''))


_STREAM_OPTIONS = frozenset({'retention', 'storage', 'max_msgs', 'max_bytes', 'max_age', 'max_msg_size',
                             'max_msgs_per_subject', 'max_consumers', 'replicas', 'discard',
                             'discard_new_per_subject', 'duplicate_window', 'description'})
_CONSUMER_OPTIONS = frozenset({'durable', 'filter_subjects', 'deliver_policy', 'ack_policy', 'ack_wait',
                               'max_deliver', 'replay_policy', 'opt_start_seq', 'opt_start_time', 'max_ack_pending',
                               'inactive_threshold', 'description'})


def _split(options: dict[str, Any], names: frozenset[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({k: v for k, v in options.items() if k in names}, {k: v for k, v in options.items() if k not in names})


def _ref(message: Any) -> dict[str, Any]:
    """A pulled message (its dict), an ack token (str) or a stream sequence (int)."""
    if isinstance(message, dict):
        return {'ack_token': message.get('ack_token', ''), 'sequence': message.get('sequence', 0)}
    if isinstance(message, str):
        return {'ack_token': message}
    return {'sequence': int(message)}


class NATSClient(BaseClient):
    """Subjects, streams and buckets are your own names; the server places them in your tenant's
    namespace and wildcards only match inside it."""

    SERVICE = SERVICES['nats']

    def health_check(self, deep_check: bool = False, **call: Any) -> Health | None:
        """healthy, nats_status, jetstream_enabled, connections, server_version, rtt_ms, ..."""
        return self._run('health_check', call, lambda: Health(to_dict(self._unary(
            'HealthCheck', pb.HealthCheckRequest(deep_check=deep_check), call))))

    def get_statistics(self, **call: Any) -> dict[str, Any] | None:
        """total_streams, total_consumers, total_messages, total_bytes, kv_buckets, ..."""
        return self._run('get_statistics', call, lambda: to_dict(self._unary(
            'GetStatistics', pb.GetStatisticsRequest(), call)))

    # ---- core NATS ----

    def publish(self, subject: str, data: bytes | str, headers: dict[str, str] | None = None, reply_to: str = '',
                **call: Any) -> bool | None:
        """Publishes once the NATS server has the message (at most once)."""
        return self._done('publish', 'Publish', pb.PublishRequest(
            subject=subject, data=as_bytes(data), headers=headers or {}, reply_to=reply_to), call)

    def publish_batch(self, messages: list[dict[str, Any]], **call: Any) -> dict[str, Any] | None:
        """Messages: {'subject', 'data', 'headers'?, 'reply_to'?}; {'published_count'}."""
        return self._run('publish_batch', call, lambda: to_dict(self._unary('PublishBatch', pb.PublishBatchRequest(
            messages=[_out(m) for m in messages]), call)))

    def publish_stream(self, messages: Iterable[dict[str, Any]], max_messages_per_request: int = 256,
                       **call: Any) -> dict[str, Any] | None:
        def requests() -> Iterator[pb.PublishStreamRequest]:
            batch: list[pb.OutgoingMessage] = []
            for m in messages:
                batch.append(_out(m))
                if len(batch) >= max_messages_per_request:
                    yield pb.PublishStreamRequest(messages=batch)
                    batch = []
            yield pb.PublishStreamRequest(messages=batch)
        return self._run('publish_stream', call, lambda: to_dict(self._client_stream(
            'PublishStream', requests(), call, compression=grpc.Compression.NoCompression)))

    def subscribe(self, subject: str, callback: Callable | None = None, queue_group: str = '',
                  timeout_seconds: float | None = None, max_messages: int | None = None, **call: Any) -> Any:
        """Without a callback: a live stream of messages (dicts: subject, data, headers, reply_to,
        received_at, sequence). With one: calls ``callback(message)`` for each until `timeout_seconds`
        pass or `max_messages` arrived, and returns how many it handled."""
        request = pb.SubscribeRequest(subject=subject, queue_group=queue_group)
        if callback is None:
            return self._live('subscribe', 'Subscribe', request, call, 'started', 'message', to_dict)

        def work() -> int:
            stream = self._live('subscribe', 'Subscribe', request,
                                {**call, 'raise_on_error': True, 'timeout': timeout_seconds},
                                'started', 'message', to_dict)
            count = 0
            with stream:  # type: ignore[union-attr]
                try:
                    for message in stream:  # type: ignore[union-attr]
                        callback(message)
                        count += 1
                        if max_messages is not None and count >= max_messages:
                            break
                except IsaCloudError as err:
                    if err.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
                        raise
            return count
        return self._run('subscribe', call, work)

    def queue_subscribe(self, subject: str, queue_group: str, **call: Any) -> LiveStream[dict[str, Any]] | None:
        """Each message goes to one member of the queue group."""
        return self._live('queue_subscribe', 'QueueSubscribe', pb.QueueSubscribeRequest(
            subject=subject, queue_group=queue_group), call, 'started', 'message', to_dict)

    def unsubscribe(self, subject: str = '', subscription_id: str = '', **call: Any) -> int | None:
        """Ends your subscriptions on `subject` (or one by id) served by this instance; returns how many."""
        return self._run('unsubscribe', call, lambda: self._unary('Unsubscribe', pb.UnsubscribeRequest(
            subject=subject, subscription_id=subscription_id), call).ended)

    def request(self, subject: str, data: bytes | str, timeout_seconds: float = 5, headers: dict[str, str] | None = None,
                **call: Any) -> dict[str, Any] | None:
        """Request-reply: the first reply, {'data', 'headers', 'subject'}. No responders is NOT_FOUND."""
        call = {'timeout': timeout_seconds + 5, **call}
        return self._run('request', call, lambda: to_dict(self._unary('Request', pb.RequestRequest(
            subject=subject, data=as_bytes(data), headers=headers or {}, timeout=duration(timeout_seconds)), call)))

    # ---- JetStream streams ----

    def create_stream(self, name: str, subjects: list[str], **options: Any) -> dict[str, Any] | None:
        """Options: retention (limits, interest, work_queue), storage (file, memory), max_msgs, max_bytes,
        max_age (seconds), max_msg_size, max_msgs_per_subject, max_consumers, replicas, discard (old,
        new), duplicate_window (seconds), description."""
        config, call = _split(options, _STREAM_OPTIONS)
        return self._run('create_stream', call, lambda: to_dict(self._unary('CreateStream', pb.CreateStreamRequest(
            config=_stream_config(name, subjects, config)), call).stream))

    def update_stream(self, name: str, subjects: list[str], **options: Any) -> dict[str, Any] | None:
        config, call = _split(options, _STREAM_OPTIONS)
        return self._run('update_stream', call, lambda: to_dict(self._unary('UpdateStream', pb.UpdateStreamRequest(
            config=_stream_config(name, subjects, config)), call).stream))

    def get_stream_info(self, stream_name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_stream_info', call, lambda: self._stream(self._unary(
            'GetStreamInfo', pb.GetStreamInfoRequest(stream_name=stream_name), call).stream))

    @staticmethod
    def _stream(s: Any) -> dict[str, Any]:
        out = to_dict(s)
        state = out.get('state') or {}
        # The guide's flat keys.
        out['messages'] = state.get('messages', 0)
        out['bytes'] = state.get('bytes', 0)
        return out

    def list_streams(self, **call: Any) -> list[dict[str, Any]] | None:
        """Your streams: dicts with name, subjects, messages, bytes, config, state, created."""
        return self._run('list_streams', call, lambda: [self._stream(s) for s in self._unary(
            'ListStreams', pb.ListStreamsRequest(), call).streams])

    def purge_stream(self, stream_name: str, subject: str = '', keep: int = 0, up_to_sequence: int = 0,
                     **call: Any) -> int | None:
        return self._run('purge_stream', call, lambda: self._unary('PurgeStream', pb.PurgeStreamRequest(
            stream_name=stream_name, subject=subject, keep=keep, up_to_sequence=up_to_sequence), call).purged)

    def delete_stream(self, stream_name: str, **call: Any) -> bool | None:
        return self._done('delete_stream', 'DeleteStream', pb.DeleteStreamRequest(stream_name=stream_name), call)

    def get_stream_stats(self, stream_name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_stream_stats', call, lambda: to_dict(self._unary(
            'GetStreamStats', pb.GetStreamStatsRequest(stream_name=stream_name), call)))

    def publish_to_stream(self, stream_name: str, subject: str, data: bytes | str, headers: dict[str, str] | None = None,
                          message_id: str = '', expected_last_sequence: int = 0, **call: Any) -> dict[str, Any] | None:
        """Publishes with the stream's acknowledgement: {'stream_name', 'sequence', 'duplicate'}."""
        return self._run('publish_to_stream', call, lambda: to_dict(self._unary('PublishToStream', pb.PublishToStreamRequest(
            stream_name=stream_name, subject=subject, data=as_bytes(data), headers=headers or {},
            message_id=message_id, expected_last_sequence=expected_last_sequence), call)))

    # ---- consumers ----

    def create_consumer(self, stream_name: str, consumer_name: str, **options: Any) -> dict[str, Any] | None:
        """A pull consumer. Options: durable (default True when named), filter_subjects, deliver_policy
        (all, last, new, by_start_sequence, by_start_time, last_per_subject), ack_policy (explicit, all,
        none), ack_wait (seconds), max_deliver, replay_policy, opt_start_seq, opt_start_time,
        max_ack_pending, inactive_threshold (seconds), description."""
        o, call = _split(options, _CONSUMER_OPTIONS)
        config = pb.ConsumerConfig(
            name=consumer_name, durable=o.get('durable', bool(consumer_name)), filter_subjects=o.get('filter_subjects', []),
            deliver_policy=enum_number(pb.DeliverPolicy.DESCRIPTOR, o.get('deliver_policy')),
            ack_policy=enum_number(pb.AckPolicy.DESCRIPTOR, o.get('ack_policy')), ack_wait=duration(o.get('ack_wait')),
            max_deliver=o.get('max_deliver', 0), replay_policy=enum_number(pb.ReplayPolicy.DESCRIPTOR, o.get('replay_policy')),
            opt_start_seq=o.get('opt_start_seq', 0), opt_start_time=timestamp(o.get('opt_start_time')),
            max_ack_pending=o.get('max_ack_pending', 0), inactive_threshold=duration(o.get('inactive_threshold')),
            description=o.get('description', ''))
        return self._run('create_consumer', call, lambda: to_dict(self._unary('CreateConsumer', pb.CreateConsumerRequest(
            stream_name=stream_name, config=config), call).consumer))

    def get_consumer_info(self, stream_name: str, consumer_name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_consumer_info', call, lambda: to_dict(self._unary('GetConsumerInfo', pb.GetConsumerInfoRequest(
            stream_name=stream_name, consumer_name=consumer_name), call).consumer))

    def list_consumers(self, stream_name: str, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_consumers', call, lambda: [to_dict(c) for c in self._unary(
            'ListConsumers', pb.ListConsumersRequest(stream_name=stream_name), call).consumers])

    def delete_consumer(self, stream_name: str, consumer_name: str, **call: Any) -> bool | None:
        return self._done('delete_consumer', 'DeleteConsumer', pb.DeleteConsumerRequest(
            stream_name=stream_name, consumer_name=consumer_name), call)

    def pull_messages(self, stream_name: str, consumer_name: str, batch_size: int = 10, max_wait_seconds: float = 1.0,
                      **call: Any) -> list[dict[str, Any]] | None:
        """Up to batch_size messages (dicts with subject, data, sequence, ack_token, ...)."""
        call = {'timeout': max_wait_seconds + 10, **call}
        return self._run('pull_messages', call, lambda: [to_dict(m) for m in self._unary('PullMessages', pb.PullMessagesRequest(
            stream_name=stream_name, consumer_name=consumer_name, batch_size=batch_size,
            max_wait=duration(max_wait_seconds)), call).messages])

    def consume_messages(self, stream_name: str, consumer_name: str, max_messages: int = 0,
                         **call: Any) -> LiveStream[dict[str, Any]] | None:
        """Continuous delivery from a pull consumer, as a live stream."""
        return self._live('consume_messages', 'ConsumeMessages', pb.ConsumeMessagesRequest(
            stream_name=stream_name, consumer_name=consumer_name, max_messages=max_messages),
            call, 'started', 'message', to_dict)

    def ack_message(self, stream_name: str, consumer_name: str, message: Any, **call: Any) -> bool | None:
        """`message`: a pulled message dict, its ack_token, or its stream sequence."""
        return self._done('ack_message', 'AckMessage', pb.AckMessageRequest(
            stream_name=stream_name, consumer_name=consumer_name, **_ref(message)), call)

    def nak_message(self, stream_name: str, consumer_name: str, message: Any, delay_seconds: float | None = None,
                    **call: Any) -> bool | None:
        return self._done('nak_message', 'NakMessage', pb.NakMessageRequest(
            stream_name=stream_name, consumer_name=consumer_name, delay=duration(delay_seconds), **_ref(message)), call)

    def term_message(self, stream_name: str, consumer_name: str, message: Any, **call: Any) -> bool | None:
        return self._done('term_message', 'TermMessage', pb.TermMessageRequest(
            stream_name=stream_name, consumer_name=consumer_name, **_ref(message)), call)

    # ---- key-value ----

    def kv_create_bucket(self, bucket: str, history: int = 0, ttl_seconds: float | None = None, max_bytes: int = 0,
                         max_value_size: int = 0, storage: str | None = None, description: str = '', replicas: int = 0,
                         **call: Any) -> dict[str, Any] | None:
        return self._run('kv_create_bucket', call, lambda: to_dict(self._unary('KVCreateBucket', pb.KVCreateBucketRequest(
            bucket=bucket, history=history, ttl=duration(ttl_seconds), max_bytes=max_bytes,
            max_value_size=max_value_size, storage=enum_number(pb.StorageType.DESCRIPTOR, storage),
            description=description, replicas=replicas), call).bucket))

    def kv_get_bucket_info(self, bucket: str, **call: Any) -> dict[str, Any] | None:
        return self._run('kv_get_bucket_info', call, lambda: to_dict(self._unary(
            'KVGetBucketInfo', pb.KVGetBucketInfoRequest(bucket=bucket), call).bucket))

    def kv_list_buckets(self, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('kv_list_buckets', call, lambda: [to_dict(b) for b in self._unary(
            'KVListBuckets', pb.KVListBucketsRequest(), call).buckets])

    def kv_delete_bucket(self, bucket: str, **call: Any) -> bool | None:
        return self._done('kv_delete_bucket', 'KVDeleteBucket', pb.KVDeleteBucketRequest(bucket=bucket), call)

    def kv_put(self, bucket: str, key: str, value: bytes | str, **call: Any) -> dict[str, Any] | None:
        """Stores a value (the bucket is created when missing): {'revision'}."""
        return self._run('kv_put', call, lambda: to_dict(self._unary('KVPut', pb.KVPutRequest(
            bucket=bucket, key=key, value=as_bytes(value)), call)))

    def kv_get(self, bucket: str, key: str, revision: int = 0, **call: Any) -> dict[str, Any] | None:
        """{'value' (bytes), 'revision', 'created'}; None when the key has no value."""
        return self._run('kv_get', call, lambda: to_dict(self._unary('KVGet', pb.KVGetRequest(
            bucket=bucket, key=key, revision=revision), call)))

    def kv_create(self, bucket: str, key: str, value: bytes | str, **call: Any) -> dict[str, Any] | None:
        """Only if absent (ALREADY_EXISTS otherwise)."""
        return self._run('kv_create', call, lambda: to_dict(self._unary('KVCreate', pb.KVCreateRequest(
            bucket=bucket, key=key, value=as_bytes(value)), call)))

    def kv_update(self, bucket: str, key: str, value: bytes | str, expected_revision: int, **call: Any) -> dict[str, Any] | None:
        """Compare-and-swap (ABORTED when the key is at another revision)."""
        return self._run('kv_update', call, lambda: to_dict(self._unary('KVUpdate', pb.KVUpdateRequest(
            bucket=bucket, key=key, value=as_bytes(value), expected_revision=expected_revision), call)))

    def kv_delete(self, bucket: str, key: str, expected_revision: int = 0, **call: Any) -> bool | None:
        return self._done('kv_delete', 'KVDelete', pb.KVDeleteRequest(
            bucket=bucket, key=key, expected_revision=expected_revision), call)

    def kv_purge(self, bucket: str, key: str, **call: Any) -> bool | None:
        return self._done('kv_purge', 'KVPurge', pb.KVPurgeRequest(bucket=bucket, key=key), call)

    def kv_keys(self, bucket: str, filter: str = '', **call: Any) -> list[str] | None:
        return self._run('kv_keys', call, lambda: list(self._unary('KVKeys', pb.KVKeysRequest(
            bucket=bucket, filter=filter), call).keys))

    def kv_history(self, bucket: str, key: str, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('kv_history', call, lambda: [to_dict(e) for e in self._unary('KVHistory', pb.KVHistoryRequest(
            bucket=bucket, key=key), call).entries])

    def kv_watch(self, bucket: str, key: str = '', include_history: bool = False, updates_only: bool = False,
                 ignore_deletes: bool = False, **call: Any) -> LiveStream[dict[str, Any]] | None:
        """Current values (unless updates_only) and every change, as a live stream of entries."""
        return self._live('kv_watch', 'KVWatch', pb.KVWatchRequest(
            bucket=bucket, key=key, include_history=include_history, updates_only=updates_only,
            ignore_deletes=ignore_deletes), call, 'started', 'entry', to_dict)

    # ---- object stores ----

    def object_create_bucket(self, bucket: str, description: str = '', ttl_seconds: float | None = None,
                             storage: str | None = None, max_bytes: int = 0, replicas: int = 0,
                             **call: Any) -> dict[str, Any] | None:
        return self._run('object_create_bucket', call, lambda: to_dict(self._unary(
            'ObjectCreateBucket', pb.ObjectCreateBucketRequest(
                bucket=bucket, description=description, ttl=duration(ttl_seconds),
                storage=enum_number(pb.StorageType.DESCRIPTOR, storage), max_bytes=max_bytes, replicas=replicas),
            call).bucket))

    def object_list_buckets(self, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('object_list_buckets', call, lambda: [to_dict(b) for b in self._unary(
            'ObjectListBuckets', pb.ObjectListBucketsRequest(), call).buckets])

    def object_delete_bucket(self, bucket: str, **call: Any) -> bool | None:
        return self._done('object_delete_bucket', 'ObjectDeleteBucket', pb.ObjectDeleteBucketRequest(bucket=bucket), call)

    def object_put(self, bucket: str, name: str, data: Any, description: str = '', metadata: dict[str, str] | None = None,
                   chunk_size: int = CHUNK, **call: Any) -> dict[str, Any] | None:
        def requests() -> Iterator[pb.ObjectPutRequest]:
            yield pb.ObjectPutRequest(header=pb.ObjectPutHeader(
                bucket=bucket, name=name, description=description, metadata=metadata or {}))
            for chunk in chunks_of(data, chunk_size):
                yield pb.ObjectPutRequest(chunk=chunk)
        return self._run('object_put', call, lambda: to_dict(self._client_stream('ObjectPut', requests(), call).object))

    def object_get(self, bucket: str, name: str, **call: Any) -> dict[str, Any] | None:
        """The object's info with its bytes under 'data'."""
        def work() -> dict[str, Any]:
            _, messages = self._server_stream('ObjectGet', pb.ObjectGetRequest(bucket=bucket, name=name), call)
            info: dict[str, Any] = {}
            parts: list[bytes] = []
            for m in messages:
                if m.WhichOneof('part') == 'info':
                    info = to_dict(m.info)
                elif m.WhichOneof('part') == 'chunk':
                    parts.append(m.chunk)
            return {**info, 'data': b''.join(parts)}
        return self._run('object_get', call, work)

    def object_get_info(self, bucket: str, name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('object_get_info', call, lambda: to_dict(self._unary('ObjectGetInfo', pb.ObjectGetInfoRequest(
            bucket=bucket, name=name), call).object))

    def object_list(self, bucket: str, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('object_list', call, lambda: [to_dict(o) for o in self._unary(
            'ObjectList', pb.ObjectListRequest(bucket=bucket), call).objects])

    def object_delete(self, bucket: str, name: str, **call: Any) -> bool | None:
        return self._done('object_delete', 'ObjectDelete', pb.ObjectDeleteRequest(bucket=bucket, name=name), call)
