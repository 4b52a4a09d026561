"""Each client against the real services: results as the guide documents them, None on error, and a
second tenant seeing nothing of the first."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from decimal import Decimal
from typing import Any

import grpc
import pytest

from grpc_clients import Interval, IsaCloudError


# ---------------------------------------------------------------- MinIO

def test_minio_objects_tags_copy_and_multipart(connect: Any, user: str) -> None:
    minio = connect('minio', user_id=user)
    assert minio.create_bucket('docs', tags={'team': 'a'})['bucket'] == 'docs'
    assert minio.bucket_exists('docs') is True and minio.bucket_exists('nope') is False
    assert minio.get_bucket_tags('docs') == {'team': 'a'}
    up = minio.upload_object('docs', 'a/one.txt', 'hello', content_type='text/plain', metadata={'k': 'v'})
    assert (up['object_key'], up['size'], up['content_type']) == ('a/one.txt', 5, 'text/plain')
    assert minio.stat_object('docs', 'a/one.txt')['metadata'] == {'k': 'v'}
    assert minio.get_object('docs', 'a/one.txt', offset=1, length=3) == b'ell'
    assert minio.copy_object('docs', 'a/one.txt', 'docs', 'b/two.txt')['key'] == 'b/two.txt'
    page = minio.list_objects_page('docs', delimiter='/')
    assert page['common_prefixes'] == ['a/', 'b/'] and page['objects'] == []
    assert [o['key'] for o in minio.list_all_objects('docs')] == ['a/one.txt', 'b/two.txt']
    assert minio.set_object_tags('docs', 'a/one.txt', {'x': '1'}) is True
    assert minio.get_object_tags('docs', 'a/one.txt') == {'x': '1'}
    upload_id = minio.initiate_multipart_upload('docs', 'big.bin')
    part1 = minio.upload_part('docs', 'big.bin', upload_id, 1, b'a' * (5 * 1024 * 1024))
    part2 = minio.upload_part('docs', 'big.bin', upload_id, 2, b'b' * 10)
    assert [p['part_number'] for p in minio.list_parts('docs', 'big.bin', upload_id)] == [1, 2]
    done = minio.complete_multipart_upload('docs', 'big.bin', upload_id, [part1, part2])
    assert done['size'] == 5 * 1024 * 1024 + 10
    assert minio.delete_objects('docs', ['a/one.txt', 'b/two.txt'])['errors'] == []
    assert minio.set_bucket_policy('docs', 'public-read') is True
    assert minio.get_bucket_policy('docs')['policy_type'] == 'public_read'
    assert minio.get_presigned_put_url('docs', 'new.txt', expiry_seconds=60).startswith('http')
    assert minio.delete_bucket('docs', force=True) == 1
    assert minio.get_bucket_info('docs') is None


def test_minio_file_round_trip(connect: Any, user: str, tmp_path: Any) -> None:
    minio = connect('minio', user_id=user)
    minio.create_bucket('files')
    source = tmp_path / 'in.bin'
    source.write_bytes(bytes(range(256)) * 4000)
    assert minio.upload_file('files', 'in.bin', str(source))['size'] == 1_024_000
    assert minio.download_file('files', 'in.bin', str(tmp_path / 'out.bin')) == 1_024_000
    assert (tmp_path / 'out.bin').read_bytes() == source.read_bytes()
    assert minio.upload_file('files', 'x', str(tmp_path / 'missing')) is None


# ---------------------------------------------------------------- DuckDB

def test_duckdb_rows_are_native_python_values(connect: Any, user: str) -> None:
    duckdb = connect('duckdb', user_id=user)
    duckdb.create_database('types')
    [row] = duckdb.execute_query('types', """
        SELECT 42::INTEGER AS i, 9007199254740993::BIGINT AS big, 170141183460469231731687303715884105727::HUGEINT AS huge,
               18446744073709551615::UBIGINT AS ubig, 1.5::DOUBLE AS d, 12345.678::DECIMAL(18,3) AS dec,
               'héllo' AS s, '\\x00\\xff'::BLOB AS b, DATE '2025-10-15' AS day, TIME '10:00:01.5' AS t,
               TIMESTAMP '2025-10-15 10:00:00.123456' AS ts, TIMESTAMPTZ '2025-10-15 10:00:00+02' AS tstz,
               INTERVAL 1 MONTH + INTERVAL 2 DAY AS iv, [1, 2, NULL] AS l, {'a': 1, 'b': 'x'} AS st,
               MAP {'k': 1} AS m, 'f47ac10b-58cc-4372-a567-0e02b2c3d479'::UUID AS u, NULL::INTEGER AS n,
               true AS flag, 'infinity'::DATE AS forever
    """)
    assert row == {
        'i': 42, 'big': 9007199254740993, 'huge': 2**127 - 1, 'ubig': 2**64 - 1, 'd': 1.5,
        'dec': Decimal('12345.678'), 's': 'héllo', 'b': b'\x00\xff', 'day': dt.date(2025, 10, 15),
        't': dt.time(10, 0, 1, 500000), 'ts': dt.datetime(2025, 10, 15, 10, 0, 0, 123456),
        'tstz': dt.datetime(2025, 10, 15, 8, 0, tzinfo=dt.timezone.utc), 'iv': Interval(1, 2, 0),
        'l': [1, 2, None], 'st': {'a': 1, 'b': 'x'}, 'm': {'k': 1},
        'u': uuid.UUID('f47ac10b-58cc-4372-a567-0e02b2c3d479'), 'n': None, 'flag': True, 'forever': float('inf'),
    }


def test_duckdb_parameters_batches_prepared_and_streams(connect: Any, user: str) -> None:
    duckdb = connect('duckdb', user_id=user)
    duckdb.create_database('work')
    duckdb.create_table('work', 't', [{'name': 'id', 'type': 'INTEGER', 'nullable': False},
                                      {'name': 'at', 'type': 'TIMESTAMP'}, {'name': 'price', 'type': 'DECIMAL(10,2)'}])
    at = dt.datetime(2025, 1, 2, 3, 4, 5)
    assert duckdb.execute_statement('work', 'INSERT INTO t VALUES ($1, $2, $3)', params=[1, at, Decimal('9.99')]) == 1
    assert duckdb.execute_query('work', 'SELECT * FROM t WHERE id = $id', params={'id': 1}) == [
        {'id': 1, 'at': at, 'price': Decimal('9.99')}]
    batch = duckdb.execute_batch('work', ['INSERT INTO t (id) VALUES (2)', 'INSERT INTO t (id) VALUES (3)'])
    assert [r['affected_rows'] for r in batch['results']] == [1, 1]
    prepared = duckdb.prepare_statement('work', 'SELECT count(*) AS n FROM t WHERE id >= ?')
    assert duckdb.execute_prepared(prepared['statement_id'], params=[2])['rows'] == [{'n': 2}]
    assert duckdb.close_prepared_statement(prepared['statement_id']) is True
    batches = list(duckdb.execute_query_stream('work', 'SELECT * FROM range(5000) r(x)', chunk_rows=2048))
    assert [len(b) for b in batches] == [2048, 2048, 904] and batches[2][-1] == {'x': 4999}
    assert duckdb.import_data('work', 'csv_rows', 'a,b\n1,x\n2,y\n', 'csv')['rows_imported'] == 2
    assert duckdb.get_table_schema('work', 'csv_rows')['columns'][0]['name'] == 'a'
    assert set(duckdb.list_tables('work')) == {'t', 'csv_rows'}
    assert duckdb.create_view('work', 'v', 'SELECT id FROM t')['name'] == 'v'
    assert [v['name'] for v in duckdb.list_views('work')] == ['v']
    assert duckdb.create_function('work', 'twice', ['x'], 'x * 2')['name'] == 'twice'
    assert duckdb.execute_query('work', 'SELECT twice(21) AS y') == [{'y': 42}]
    stats = duckdb.get_table_stats('work', 't')
    assert stats['row_count'] == 3 and {c['name'] for c in stats['columns']} == {'id', 'at', 'price'}
    assert duckdb.execute_query('work', 'SELEC nonsense') is None
    with pytest.raises(IsaCloudError) as caught:
        duckdb.execute_query('work', 'SELECT * FROM no_such_table', raise_on_error=True)
    assert caught.value.code() in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND)


def test_duckdb_tenants_are_apart(connect: Any, user: str) -> None:
    connect('duckdb', user_id=user).create_database('private')
    other = connect('duckdb', user_id=user + '_other')
    assert other.list_databases() == []
    assert other.execute_query('private', 'SELECT 1') is None


# ---------------------------------------------------------------- Supabase

def test_supabase_rows_are_dicts_and_tenants_apart(connect: Any, user: str) -> None:
    alice = connect('supabase', user_id=user)
    rows = alice.insert('users', [{'name': 'Ann', 'email': 'a@x', 'age': 41}, {'name': 'Ben', 'age': 17}])
    assert [(r['name'], r['age'], r['user_id']) for r in rows] == [('Ann', 41, user), ('Ben', 17, user)]
    assert isinstance(rows[0]['id'], int)
    assert [u['name'] for u in alice.query('users', select='name', filter='age>25')] == ['Ann']
    assert alice.query_with_count('users', limit=1)['count'] == 2
    assert alice.count('users', filter='age=lt.18') == 1
    assert alice.update('users', {'age': 18}, filter='name=eq.Ben')[0]['age'] == 18
    assert alice.update('users', {'age': 1}) is None  # a filterless update is refused
    sales = alice.insert('monthly_sales', {'month': dt.date(2025, 1, 1), 'total_sales': Decimal('12345678901234.56'),
                                           'num_transactions': 2**62})
    assert sales[0]['month'] == '2025-01-01' and sales[0]['num_transactions'] == 2**62
    bob = connect('supabase', user_id=user + '_b')
    assert bob.query('users') == [] and bob.delete('users', filter='age=gt.0') == []
    assert len(alice.delete('users', filter='age=gt.0')) == 2
    assert alice.query('no_such_table') is None


def test_supabase_vectors(connect: Any, user: str) -> None:
    client = connect('supabase', user_id=user)
    base = [1.0] + [0.0] * 1535
    assert client.upsert_embedding('documents', 'near', base, metadata={'category': 'tech'}, content='machine learning') == 'near'
    far = [0.0, 1.0] + [0.0] * 1534
    assert client.batch_upsert_embeddings('documents', [{'id': 'far', 'embedding': far, 'metadata': {'category': 'life'}}]) == 1
    found = client.similarity_search('documents', base, limit=5)
    assert [r['id'] for r in found] == ['near', 'far'] and found[0]['similarity'] == pytest.approx(1.0)
    assert found[0]['metadata'] == {'category': 'tech'}
    assert [r['id'] for r in client.similarity_search('documents', base, filter='category=eq.life')] == ['far']
    assert client.similarity_search('documents', base, threshold=0.5)[0]['id'] == 'near'
    hybrid = client.hybrid_search('documents', 'machine learning', far, limit=2, text_weight=0.8, vector_weight=0.2)
    assert hybrid[0]['id'] == 'near' and hybrid[0]['text_score'] == pytest.approx(1.0)
    assert client.delete_embedding('documents', 'near') is True
    assert client.list_tables() is None  # schema operations need the admin token


# ---------------------------------------------------------------- MQTT

def test_mqtt_sessions_publish_subscribe_devices(connect: Any, user: str) -> None:
    mqtt = connect('mqtt', user_id=user, organization_id='org-a')
    session = mqtt.connect(client_id='dev-1')['session_id']
    stream = mqtt.subscribe(session, 'sensors/+/temp')
    assert stream.info['granted_qos'] == [1]
    assert mqtt.publish(session, 'sensors/kitchen/temp', b'21.5')['message_id']
    message = next(stream)
    assert (message['topic'], message['payload'], message['qos']) == ('sensors/kitchen/temp', b'21.5', 1)
    stream.close()
    assert list(stream) == []
    assert mqtt.publish_batch(None, [{'topic': 'a/b', 'payload': 'x'}, {'topic': 'a/c', 'payload': 'y'}])['published_count'] == 2
    assert mqtt.publish_json(None, 'a/json', {'v': 1})['message_id']
    assert mqtt.validate_topic('bad/#/topic')['valid'] is False
    assert mqtt.register_device('dev-1', 'Kitchen')['device_id'] == 'dev-1'
    assert mqtt.get_device_info('dev-1')['online'] is True
    assert mqtt.get_statistics()['total_devices'] == 1
    assert mqtt.get_connection_status(session)['client_id'] == 'dev-1'
    assert mqtt.disconnect(session) is True
    assert mqtt.get_connection_status(session) is None
    other = connect('mqtt', user_id=user + '_x', organization_id='org-a')
    assert other.list_devices()['devices'] == [] and other.get_device_info('dev-1') is None


def test_mqtt_callback_subscription_counts(connect: Any, user: str) -> None:
    mqtt = connect('mqtt', user_id=user)
    seen: list[bytes] = []
    timer = threading.Timer(0.5, lambda: [mqtt.publish(None, 'cb/topic', f'{i}') for i in range(3)])
    timer.start()
    assert mqtt.subscribe(None, 'cb/#', callback=lambda m: seen.append(m['payload']), max_messages=3,
                          timeout_seconds=10) == 3
    assert seen == [b'0', b'1', b'2']


# ---------------------------------------------------------------- NATS

def test_nats_core_jetstream_kv_objects(connect: Any, user: str) -> None:
    nats = connect('nats', user_id=user)
    stream = nats.subscribe('orders.*')
    assert nats.publish('orders.new', b'{"id": 1}', headers={'content-type': 'application/json'}) is True
    got = next(stream)
    assert (got['subject'], got['data'], got['headers']) == ('orders.new', b'{"id": 1}', {'content-type': 'application/json'})
    stream.close()
    assert nats.request('nobody.listens', b'x', timeout_seconds=1) is None
    assert nats.create_stream('orders', ['orders.>'], max_msgs=100)['name'] == 'orders'
    assert nats.publish_to_stream('orders', 'orders.paid', b'1', message_id='m1')['sequence'] == 1
    assert nats.publish_to_stream('orders', 'orders.paid', b'1', message_id='m1')['duplicate'] is True
    nats.create_consumer('orders', 'worker')
    [pulled] = nats.pull_messages('orders', 'worker', batch_size=5, max_wait_seconds=1)
    assert pulled['data'] == b'1' and nats.ack_message('orders', 'worker', pulled) is True
    assert nats.get_stream_info('orders')['messages'] == 1
    assert nats.kv_put('cfg', 'a.b', b'1')['revision'] == 1
    assert nats.kv_update('cfg', 'a.b', b'2', expected_revision=1)['revision'] == 2
    assert nats.kv_update('cfg', 'a.b', b'3', expected_revision=1) is None
    assert nats.kv_get('cfg', 'a.b')['value'] == b'2' and nats.kv_keys('cfg') == ['a.b']
    assert [e['operation'] for e in nats.kv_history('cfg', 'a.b')] == ['put']  # history 1 by default
    assert nats.kv_delete('cfg', 'a.b') is True and nats.kv_get('cfg', 'a.b') is None
    assert nats.object_put('files', 'x.bin', b'\x00' * 300_000)['size'] == 300_000
    assert nats.object_get('files', 'x.bin')['data'] == b'\x00' * 300_000
    other = connect('nats', user_id=user + '_x')
    assert other.list_streams() == [] and other.kv_get('cfg', 'a.b') is None and other.object_list('files') is None


# ---------------------------------------------------------------- Redis

def test_redis_structures_locks_sessions_batches(connect: Any, user: str) -> None:
    redis = connect('redis', user_id=user)
    assert redis.set('k', 'v', ttl_seconds=60) is True and redis.get('k') == 'v'
    assert redis.set('k', 'w', nx=True) is False and redis.get('missing') is None
    assert 0 < redis.ttl('k') <= 60
    assert redis.incr('n', 5) == 5 and redis.decr('n') == 4
    assert redis.mset({'a': '1', 'b': '2'}) is True and redis.mget(['a', 'b', 'c']) == {'a': '1', 'b': '2'}
    assert redis.hset('h', {'f1': 'x', 'f2': 'y'}) == 2 and redis.hgetall('h') == {'f1': 'x', 'f2': 'y'}
    assert redis.rpush('l', ['1', '2', '3']) == 3 and redis.lrange('l') == ['1', '2', '3']
    assert redis.blpop('l', 1) == {'key': 'l', 'value': '1'}
    assert redis.sadd('s', ['x', 'y']) == 2 and redis.smembers('s') == ['x', 'y']
    assert redis.zadd('z', {'a': 1, 'b': 2}) == 2 and redis.zrange('z', with_scores=True) == [
        {'member': 'a', 'score': 1.0}, {'member': 'b', 'score': 2.0}]
    lock = redis.acquire_lock('job', ttl_seconds=5)
    assert lock['acquired'] is True and redis.acquire_lock('job', ttl_seconds=5)['acquired'] is False
    assert redis.release_lock('job', 'not-the-owner') is None
    assert redis.release_lock('job', lock['lock_id']) is True
    session = redis.create_session({'role': 'admin'}, ttl_seconds=60)
    assert redis.get_session(session)['data'] == {'role': 'admin'}
    results = redis.execute_batch([{'set': {'key': 'bk', 'value': b'1'}}, {'get': {'key': 'bk'}}], transaction=True)
    assert results['results'][1]['get']['value'] == b'1'
    assert sorted(redis.list_keys('*')) == sorted(['k', 'n', 'a', 'b', 'h', 'l', 's', 'z', 'bk'])
    other = connect('redis', user_id=user + '_x')
    assert other.get('k') is None and other.list_keys('*') == []


def test_redis_pubsub(connect: Any, user: str) -> None:
    redis = connect('redis', user_id=user)
    with redis.subscribe('news') as stream:
        assert redis.publish('news', 'hello') == 1
        message = next(stream)
    assert (message['channel'], message['data']) == ('news', 'hello')
    assert connect('redis', user_id=user + '_x').publish('news', 'x') == 0


# ---------------------------------------------------------------- Loki

def test_loki_push_and_query(connect: Any, user: str) -> None:
    loki = connect('loki', user_id=user)
    now = dt.datetime.now(dt.timezone.utc)
    assert loki.push_log('started', labels={'app': 'api'}, timestamp=now - dt.timedelta(seconds=5))['stream_id']
    assert loki.push_simple_log('boom', 'api', level='ERROR')['stream_id']
    assert loki.push_log_batch([{'message': f'line {i}', 'labels': {'app': 'batch'}} for i in range(3)])['accepted_count'] == 3
    assert loki.push_log_stream(({'message': f's{i}', 'labels': {'app': 'stream'}} for i in range(10)),
                                batch_size=4)['accepted_count'] == 10
    lines = loki.query_logs('{app="api"}', start_time=now - dt.timedelta(minutes=5),
                            end_time=now + dt.timedelta(minutes=1))
    assert [e['line'] for e in lines] == ['started']
    assert 'app' in loki.get_labels() and set(loki.get_label_values('app')) >= {'api', 'batch', 'stream'}
    assert loki.push_simple_log('x', 'api', level='LOUD') is None
    assert loki.validate_labels({'bad label': 'x'})['valid'] is False
    other = connect('loki', user_id=user + '_x')
    assert other.query_logs('{app="api"}') == []
