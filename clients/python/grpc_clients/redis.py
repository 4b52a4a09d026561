"""In-memory cache on Redis, port 50055. Values are sent as bytes (str is UTF-8); the string-returning
methods decode UTF-8, the *_bytes ones return the raw bytes."""

from __future__ import annotations

from typing import Any, Callable

import grpc

from ._base import BaseClient, Health, LiveStream, as_bytes
from ._catalog import SERVICES
from ._convert import duration, enum_number, to_dict
from .errors import IsaCloudError
from .proto.isa.redis.v1 import redis_pb2 as pb


def _text(value: bytes) -> str:
    return value.decode('utf-8', 'replace')


def _list(values: Any) -> list[bytes]:
    return [as_bytes(v) for v in ([values] if isinstance(values, (str, bytes, bytearray, int, float)) else values)]


def _members(values: Any) -> list[bytes]:
    return [as_bytes(str(v) if isinstance(v, (int, float)) else v) for v in
            ([values] if isinstance(values, (str, bytes, bytearray, int, float)) else values)]


def _found(r: Any) -> str | None:
    return _text(r.value) if r.found else None


def _condition(nx: bool, xx: bool) -> int:
    if nx and xx:
        raise ValueError('nx and xx exclude each other')
    return pb.SET_CONDITION_IF_NOT_EXISTS if nx else pb.SET_CONDITION_IF_EXISTS if xx else pb.SET_CONDITION_UNSPECIFIED


def _message(m: Any) -> dict[str, Any]:
    out = to_dict(m)
    out['data'] = _text(m.message)
    return out


class RedisClient(BaseClient):
    """Keys, channels and lock names are your own ("user:42"); the server keeps them under your tenant's
    prefix and patterns only match inside it."""

    SERVICE = SERVICES['redis']

    def health_check(self, deep_check: bool = False, **call: Any) -> Health | None:
        return self._run('health_check', call, lambda: Health(to_dict(self._unary(
            'HealthCheck', pb.HealthCheckRequest(deep_check=deep_check), call))))

    # ---- strings ----

    def set(self, key: str, value: Any, ttl_seconds: float | None = None, nx: bool = False, xx: bool = False,
            keep_ttl: bool = False, **call: Any) -> bool | None:
        """SET; False when nx/xx prevented it."""
        return self._run('set', call, lambda: self._unary('Set', pb.SetRequest(
            key=key, value=as_bytes(value), ttl=duration(ttl_seconds) if ttl_seconds else None,
            condition=_condition(nx, xx), keep_ttl=keep_ttl), call).applied)

    def get(self, key: str, **call: Any) -> str | None:
        """The value as text; None when the key is missing (or on failure: see raise_on_error)."""
        return self._run('get', call, lambda: _found(self._unary('Get', pb.GetRequest(key=key), call)))

    def get_bytes(self, key: str, **call: Any) -> bytes | None:
        return self._run('get_bytes', call, lambda: (lambda r: bytes(r.value) if r.found else None)(
            self._unary('Get', pb.GetRequest(key=key), call)))

    def set_with_ttl(self, key: str, value: Any, ttl_seconds: float, **call: Any) -> bool | None:
        return self._done('set_with_ttl', 'SetWithExpiration', pb.SetWithExpirationRequest(
            key=key, value=as_bytes(value), expiration=duration(ttl_seconds)), call)

    def mset(self, values: dict[str, Any], nx: bool = False, **call: Any) -> bool | None:
        """All keys at once, atomically (nx: only if none exists)."""
        return self._run('mset', call, lambda: self._unary('SetMultiple', pb.SetMultipleRequest(
            values=[pb.KeyValue(key=k, value=as_bytes(v)) for k, v in values.items()], only_if_none_exist=nx),
            call).applied)

    def mget(self, keys: list[str], **call: Any) -> dict[str, str] | None:
        """The keys that exist, with their values."""
        return self._run('mget', call, lambda: {v.key: _text(v.value) for v in self._unary(
            'GetMultiple', pb.GetMultipleRequest(keys=keys), call).values if v.found})

    def incr(self, key: str, delta: int = 1, **call: Any) -> int | None:
        return self._run('incr', call, lambda: self._unary('Increment', pb.IncrementRequest(key=key, delta=delta), call).value)

    def decr(self, key: str, delta: int = 1, **call: Any) -> int | None:
        return self._run('decr', call, lambda: self._unary('Decrement', pb.DecrementRequest(key=key, delta=delta), call).value)

    def incr_by_float(self, key: str, delta: float, **call: Any) -> float | None:
        return self._run('incr_by_float', call, lambda: self._unary(
            'IncrementFloat', pb.IncrementFloatRequest(key=key, delta=delta), call).value)

    def append(self, key: str, value: Any, **call: Any) -> int | None:
        """Returns the new length."""
        return self._run('append', call, lambda: self._unary('Append', pb.AppendRequest(
            key=key, value=as_bytes(value)), call).length)

    # ---- keys ----

    def delete(self, key: str, **call: Any) -> bool | None:
        """True when the key existed."""
        return self._run('delete', call, lambda: self._unary('Delete', pb.DeleteRequest(key=key), call).deleted_count > 0)

    def delete_multiple(self, keys: list[str], **call: Any) -> int | None:
        return self._run('delete_multiple', call, lambda: self._unary(
            'DeleteMultiple', pb.DeleteMultipleRequest(keys=keys), call).deleted_count)

    def exists(self, key: str, **call: Any) -> bool | None:
        return self._run('exists', call, lambda: self._unary('Exists', pb.ExistsRequest(key=key), call).exists)

    def expire(self, key: str, seconds: float, **call: Any) -> bool | None:
        return self._run('expire', call, lambda: self._unary('Expire', pb.ExpireRequest(
            key=key, expiration=duration(seconds)), call).applied)

    def persist(self, key: str, **call: Any) -> bool | None:
        return self._run('persist', call, lambda: self._unary('Persist', pb.PersistRequest(key=key), call).applied)

    def ttl(self, key: str, **call: Any) -> int | None:
        """Seconds left; -1 without expiration, -2 when the key is missing."""
        return self._run('ttl', call, lambda: self._unary('GetTTL', pb.GetTTLRequest(key=key), call).ttl_seconds)

    def pttl(self, key: str, **call: Any) -> int | None:
        return self._run('pttl', call, lambda: self._unary('GetTTL', pb.GetTTLRequest(key=key), call).ttl_ms)

    def rename(self, old_key: str, new_key: str, nx: bool = False, **call: Any) -> bool | None:
        return self._done('rename', 'Rename', pb.RenameRequest(old_key=old_key, new_key=new_key,
                                                              only_if_new_missing=nx), call)

    def list_keys(self, pattern: str = '*', limit: int = 0, type: str | None = None, **call: Any) -> list[str] | None:
        """The first `limit` keys matching a pattern (SCAN underneath, never KEYS)."""
        return self._run('list_keys', call, lambda: list(self._unary('ListKeys', pb.ListKeysRequest(
            pattern=pattern, limit=limit, type=enum_number(pb.KeyType.DESCRIPTOR, type)), call).keys))

    def scan_keys(self, pattern: str = '*', cursor: str = '0', count: int = 0, type: str | None = None,
                  **call: Any) -> dict[str, Any] | None:
        """One SCAN page: {'keys', 'next_cursor'} (continue until next_cursor is "0")."""
        return self._run('scan_keys', call, lambda: to_dict(self._unary('ScanKeys', pb.ScanKeysRequest(
            pattern=pattern, cursor=cursor, count=count, type=enum_number(pb.KeyType.DESCRIPTOR, type)), call)))

    def get_key_info(self, key: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_key_info', call, lambda: to_dict(self._unary('GetKeyInfo', pb.GetKeyInfoRequest(key=key), call)))

    # ---- hashes ----

    def hset(self, key: str, field: str | dict[str, Any], value: Any = None, **call: Any) -> int | None:
        """hset(key, field, value) or hset(key, {field: value, ...}); returns how many fields were added."""
        fields = field if isinstance(field, dict) else {field: value}
        return self._run('hset', call, lambda: self._unary('HSet', pb.HSetRequest(
            key=key, fields=[pb.HashField(field=f, value=as_bytes(v)) for f, v in fields.items()]), call).added_count)

    def hget(self, key: str, field: str, **call: Any) -> str | None:
        return self._run('hget', call, lambda: _found(self._unary('HGet', pb.HGetRequest(key=key, field=field), call)))

    def hgetall(self, key: str, **call: Any) -> dict[str, str] | None:
        return self._run('hgetall', call, lambda: {f.field: _text(f.value) for f in self._unary(
            'HGetAll', pb.HGetAllRequest(key=key), call).fields})

    def hdelete(self, key: str, fields: str | list[str], **call: Any) -> int | None:
        names = [fields] if isinstance(fields, str) else list(fields)
        return self._run('hdelete', call, lambda: self._unary('HDelete', pb.HDeleteRequest(
            key=key, fields=names), call).deleted_count)

    def hexists(self, key: str, field: str, **call: Any) -> bool | None:
        return self._run('hexists', call, lambda: self._unary('HExists', pb.HExistsRequest(key=key, field=field), call).exists)

    def hkeys(self, key: str, **call: Any) -> list[str] | None:
        return self._run('hkeys', call, lambda: list(self._unary('HKeys', pb.HKeysRequest(key=key), call).fields))

    def hvalues(self, key: str, **call: Any) -> list[str] | None:
        return self._run('hvalues', call, lambda: [_text(v) for v in self._unary(
            'HValues', pb.HValuesRequest(key=key), call).values])

    def hincrement(self, key: str, field: str, delta: int = 1, **call: Any) -> int | None:
        return self._run('hincrement', call, lambda: self._unary('HIncrement', pb.HIncrementRequest(
            key=key, field=field, delta=delta), call).value)

    def hlen(self, key: str, **call: Any) -> int | None:
        return self._run('hlen', call, lambda: self._unary('HLen', pb.HLenRequest(key=key), call).length)

    # ---- lists ----

    def lpush(self, key: str, values: Any, **call: Any) -> int | None:
        return self._run('lpush', call, lambda: self._unary('LPush', pb.LPushRequest(key=key, values=_list(values)), call).length)

    def rpush(self, key: str, values: Any, **call: Any) -> int | None:
        return self._run('rpush', call, lambda: self._unary('RPush', pb.RPushRequest(key=key, values=_list(values)), call).length)

    def lpop(self, key: str, **call: Any) -> str | None:
        return self._run('lpop', call, lambda: _found(self._unary('LPop', pb.LPopRequest(key=key), call)))

    def rpop(self, key: str, **call: Any) -> str | None:
        return self._run('rpop', call, lambda: _found(self._unary('RPop', pb.RPopRequest(key=key), call)))

    def _bpop(self, operation: str, keys: str | list[str], timeout_seconds: float, side: int,
              call: dict[str, Any]) -> dict[str, str] | None:
        names = [keys] if isinstance(keys, str) else list(keys)
        call = {'timeout': timeout_seconds + 10, **call}

        def work() -> dict[str, str] | None:
            r = self._unary('BlockingPop', pb.BlockingPopRequest(keys=names, timeout=duration(timeout_seconds),
                                                                 side=side), call)
            return {'key': r.key, 'value': _text(r.value)} if r.found else None
        return self._run(operation, call, work)

    def blpop(self, keys: str | list[str], timeout_seconds: float, **call: Any) -> dict[str, str] | None:
        """Waits up to timeout_seconds for an element: {'key', 'value'}, or None when the time passed."""
        return self._bpop('blpop', keys, timeout_seconds, pb.LIST_SIDE_LEFT, call)

    def brpop(self, keys: str | list[str], timeout_seconds: float, **call: Any) -> dict[str, str] | None:
        return self._bpop('brpop', keys, timeout_seconds, pb.LIST_SIDE_RIGHT, call)

    def lrange(self, key: str, start: int = 0, stop: int = -1, **call: Any) -> list[str] | None:
        return self._run('lrange', call, lambda: [_text(v) for v in self._unary('LRange', pb.LRangeRequest(
            key=key, start=start, stop=stop), call).values])

    def llen(self, key: str, **call: Any) -> int | None:
        return self._run('llen', call, lambda: self._unary('LLen', pb.LLenRequest(key=key), call).length)

    def lindex(self, key: str, index: int, **call: Any) -> str | None:
        return self._run('lindex', call, lambda: _found(self._unary('LIndex', pb.LIndexRequest(key=key, index=index), call)))

    def ltrim(self, key: str, start: int, stop: int, **call: Any) -> bool | None:
        return self._done('ltrim', 'LTrim', pb.LTrimRequest(key=key, start=start, stop=stop), call)

    # ---- sets ----

    def sadd(self, key: str, members: Any, **call: Any) -> int | None:
        return self._run('sadd', call, lambda: self._unary('SAdd', pb.SAddRequest(key=key, members=_members(members)), call).added_count)

    def sremove(self, key: str, members: Any, **call: Any) -> int | None:
        return self._run('sremove', call, lambda: self._unary('SRemove', pb.SRemoveRequest(
            key=key, members=_members(members)), call).removed_count)

    def smembers(self, key: str, **call: Any) -> list[str] | None:
        return self._run('smembers', call, lambda: sorted(_text(m) for m in self._unary(
            'SMembers', pb.SMembersRequest(key=key), call).members))

    def sismember(self, key: str, member: Any, **call: Any) -> bool | None:
        return self._run('sismember', call, lambda: self._unary('SIsMember', pb.SIsMemberRequest(
            key=key, member=_members(member)[0]), call).is_member)

    def scard(self, key: str, **call: Any) -> int | None:
        return self._run('scard', call, lambda: self._unary('SCard', pb.SCardRequest(key=key), call).count)

    def sunion(self, keys: list[str], **call: Any) -> list[str] | None:
        return self._run('sunion', call, lambda: sorted(_text(m) for m in self._unary(
            'SUnion', pb.SUnionRequest(keys=keys), call).members))

    def sinter(self, keys: list[str], **call: Any) -> list[str] | None:
        return self._run('sinter', call, lambda: sorted(_text(m) for m in self._unary(
            'SInter', pb.SInterRequest(keys=keys), call).members))

    def sdiff(self, keys: list[str], **call: Any) -> list[str] | None:
        return self._run('sdiff', call, lambda: sorted(_text(m) for m in self._unary(
            'SDiff', pb.SDiffRequest(keys=keys), call).members))

    # ---- sorted sets ----

    def zadd(self, key: str, members: dict[str, float] | list[dict[str, Any]], nx: bool = False, xx: bool = False,
             **call: Any) -> int | None:
        """members: {member: score} or [{'member', 'score'}]; returns how many were added."""
        items = members.items() if isinstance(members, dict) else [(m['member'], m['score']) for m in members]
        return self._run('zadd', call, lambda: self._unary('ZAdd', pb.ZAddRequest(
            key=key, members=[pb.ZSetMember(member=as_bytes(m), score=s) for m, s in items],
            condition=_condition(nx, xx)), call).added_count)

    def zrem(self, key: str, members: Any, **call: Any) -> int | None:
        return self._run('zrem', call, lambda: self._unary('ZRemove', pb.ZRemoveRequest(
            key=key, members=_members(members)), call).removed_count)

    @staticmethod
    def _scored(members: Any) -> list[dict[str, Any]]:
        return [{'member': _text(m.member), 'score': m.score} for m in members]

    def zrange(self, key: str, start: int = 0, stop: int = -1, with_scores: bool = False, reverse: bool = False,
               **call: Any) -> list[Any] | None:
        """Members by rank; with_scores gives [{'member', 'score'}]."""
        def work() -> list[Any]:
            r = self._unary('ZRange', pb.ZRangeRequest(key=key, start=start, stop=stop, reverse=reverse), call)
            return self._scored(r.members) if with_scores else [_text(m.member) for m in r.members]
        return self._run('zrange', call, work)

    def zrange_by_score(self, key: str, min: float, max: float, offset: int = 0, count: int = 0, reverse: bool = False,
                        min_exclusive: bool = False, max_exclusive: bool = False, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('zrange_by_score', call, lambda: self._scored(self._unary('ZRangeByScore', pb.ZRangeByScoreRequest(
            key=key, min_score=min, max_score=max, offset=offset, count=count, reverse=reverse,
            min_exclusive=min_exclusive, max_exclusive=max_exclusive), call).members))

    def zremrangebyrank(self, key: str, start: int, stop: int, **call: Any) -> int | None:
        return self._run('zremrangebyrank', call, lambda: self._unary('ZRemoveRangeByRank', pb.ZRemoveRangeByRankRequest(
            key=key, start=start, stop=stop), call).removed_count)

    def zrank(self, key: str, member: Any, reverse: bool = False, **call: Any) -> int | None:
        """The member's rank; None when it is not in the set."""
        return self._run('zrank', call, lambda: (lambda r: r.rank if r.found else None)(self._unary(
            'ZRank', pb.ZRankRequest(key=key, member=_members(member)[0], reverse=reverse), call)))

    def zscore(self, key: str, member: Any, **call: Any) -> float | None:
        return self._run('zscore', call, lambda: (lambda r: r.score if r.found else None)(self._unary(
            'ZScore', pb.ZScoreRequest(key=key, member=_members(member)[0]), call)))

    def zcard(self, key: str, **call: Any) -> int | None:
        return self._run('zcard', call, lambda: self._unary('ZCard', pb.ZCardRequest(key=key), call).count)

    def zincrement(self, key: str, member: Any, delta: float = 1, **call: Any) -> float | None:
        return self._run('zincrement', call, lambda: self._unary('ZIncrement', pb.ZIncrementRequest(
            key=key, member=_members(member)[0], delta=delta), call).score)

    # ---- locks ----

    def acquire_lock(self, lock_key: str, ttl_seconds: float = 30, wait_timeout_seconds: float = 0,
                     **call: Any) -> dict[str, Any] | None:
        """{'acquired', 'lock_id', 'expires_at', 'fencing_token'}."""
        call = {'timeout': wait_timeout_seconds + 30, **call}
        return self._run('acquire_lock', call, lambda: to_dict(self._unary('AcquireLock', pb.AcquireLockRequest(
            lock_key=lock_key, ttl=duration(ttl_seconds), wait_timeout=duration(wait_timeout_seconds) if wait_timeout_seconds else None),
            call)))

    def release_lock(self, lock_key: str, lock_id: str, **call: Any) -> bool | None:
        """True when released; FAILED_PRECONDITION (None) when the lock is not yours."""
        return self._done('release_lock', 'ReleaseLock', pb.ReleaseLockRequest(lock_key=lock_key, lock_id=lock_id), call)

    def renew_lock(self, lock_key: str, lock_id: str, ttl_seconds: float = 30, **call: Any) -> dict[str, Any] | None:
        return self._run('renew_lock', call, lambda: to_dict(self._unary('RenewLock', pb.RenewLockRequest(
            lock_key=lock_key, lock_id=lock_id, ttl=duration(ttl_seconds)), call)))

    # ---- publish/subscribe ----

    def publish(self, channel: str, message: Any, **call: Any) -> int | None:
        """Returns how many subscribers received it."""
        return self._run('publish', call, lambda: self._unary('Publish', pb.PublishRequest(
            channel=channel, message=as_bytes(message)), call).subscriber_count)

    def subscribe(self, channels: str | list[str], patterns: list[str] | None = None, callback: Callable | None = None,
                  timeout_seconds: float | None = None, max_messages: int | None = None, **call: Any) -> Any:
        """Without a callback: a live stream of messages (dicts: channel, pattern, message (bytes), data
        (text), received_at, sequence). With one: calls it per message until timeout_seconds pass or
        max_messages arrived; returns how many it handled."""
        request = pb.SubscribeRequest(channels=[channels] if isinstance(channels, str) else list(channels),
                                      patterns=patterns or [])
        if callback is None:
            return self._live('subscribe', 'Subscribe', request, call, 'started', 'message', _message)

        def work() -> int:
            stream = self._live('subscribe', 'Subscribe', request,
                                {**call, 'raise_on_error': True, 'timeout': timeout_seconds}, 'started', 'message',
                                _message)
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

    def psubscribe(self, patterns: str | list[str], **call: Any) -> LiveStream[dict[str, Any]] | None:
        return self.subscribe([], patterns=[patterns] if isinstance(patterns, str) else list(patterns), **call)

    def unsubscribe(self, channels: str | list[str] = (), patterns: list[str] | None = None, subscription_id: str = '',
                    **call: Any) -> dict[str, Any] | None:
        """{'removed_count', 'ended_count'}."""
        names = [channels] if isinstance(channels, str) else list(channels)
        return self._run('unsubscribe', call, lambda: to_dict(self._unary('Unsubscribe', pb.UnsubscribeRequest(
            subscription_id=subscription_id, channels=names, patterns=patterns or []), call)))

    # ---- batches ----

    def execute_batch(self, commands: list[dict[str, dict[str, Any]]], transaction: bool = False,
                      independent: bool = False, **call: Any) -> dict[str, Any] | None:
        """Mixed commands, one result each: ``[{'set': {'key': 'a', 'value': b'1'}}, {'get': {'key': 'a'}}]``
        (command names and fields as in proto/isa/redis/v1/redis.proto's BatchCommand). With
        transaction=True they run as MULTI/EXEC. {'results': [{command: result} or {'error': ...}],
        'error_count'}."""
        def command(c: dict[str, dict[str, Any]]) -> pb.BatchCommand:
            (name, fields), = c.items()
            fields = {k: duration(v) if k in ('ttl', 'expiration') and not hasattr(v, 'seconds') else v
                      for k, v in fields.items()}
            return pb.BatchCommand(**{name: fields})
        return self._run('execute_batch', call, lambda: to_dict(self._unary('ExecuteBatch', pb.ExecuteBatchRequest(
            commands=[command(c) for c in commands], transaction=transaction, independent=independent), call)))

    # ---- sessions ----

    def create_session(self, data: dict[str, str], ttl_seconds: float | None = None, **call: Any) -> str | None:
        """Returns the session id."""
        return self._run('create_session', call, lambda: self._unary('CreateSession', pb.CreateSessionRequest(
            data=data, ttl=duration(ttl_seconds)), call).session_id)

    def get_session(self, session_id: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_session', call, lambda: to_dict(self._unary('GetSession', pb.GetSessionRequest(
            session_id=session_id), call).session))

    def update_session(self, session_id: str, data: dict[str, str], extend_ttl: bool = False,
                       remove_keys: list[str] | None = None, **call: Any) -> dict[str, Any] | None:
        return self._run('update_session', call, lambda: to_dict(self._unary('UpdateSession', pb.UpdateSessionRequest(
            session_id=session_id, data=data, extend_ttl=extend_ttl, remove_keys=remove_keys or []), call)))

    def delete_session(self, session_id: str, **call: Any) -> bool | None:
        return self._run('delete_session', call, lambda: self._unary('DeleteSession', pb.DeleteSessionRequest(
            session_id=session_id), call).deleted)

    def list_sessions(self, cursor: str = '', count: int = 0, **call: Any) -> dict[str, Any] | None:
        """{'sessions', 'next_cursor'}."""
        return self._run('list_sessions', call, lambda: to_dict(self._unary('ListSessions', pb.ListSessionsRequest(
            cursor=cursor, count=count), call)))

    def get_statistics(self, **call: Any) -> dict[str, Any] | None:
        return self._run('get_statistics', call, lambda: to_dict(self._unary(
            'GetStatistics', pb.GetStatisticsRequest(), call)))
