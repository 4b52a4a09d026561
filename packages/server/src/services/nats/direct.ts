/**
 * A plain NATS connection, for the tests and benchmarks that compare the service with NATS itself or
 * check what reached the server. The service never uses it.
 */

export { jetstream, jetstreamManager } from '@nats-io/jetstream';
export { Kvm } from '@nats-io/kv';
export { connect, type NatsConnection } from '@nats-io/transport-node';
