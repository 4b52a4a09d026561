import {
  type DescMessage,
  type DescMethod,
  type DescService,
  fromBinary,
  type MessageShape,
  toBinary,
} from '@bufbuild/protobuf';
import type { MethodDefinition, ServiceDefinition } from '@grpc/grpc-js';

/**
 * grpc-js method definitions built from protobuf-es descriptors: the one place where the wire format meets
 * grpc-js, shared by the servers and the SDK so both always agree on paths and encodings.
 */
export type AnyMessage = MessageShape<DescMessage>;

function encoder(schema: DescMessage): (message: AnyMessage) => Buffer {
  return (message) => {
    const bytes = toBinary(schema, message);
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

function decoder(schema: DescMessage): (bytes: Buffer) => AnyMessage {
  return (bytes) => fromBinary(schema, bytes);
}

export function methodPath(method: DescMethod): string {
  return `/${method.parent.typeName}/${method.name}`;
}

export function methodDefinition(method: DescMethod): MethodDefinition<AnyMessage, AnyMessage> {
  return {
    path: methodPath(method),
    requestStream: method.methodKind === 'client_streaming' || method.methodKind === 'bidi_streaming',
    responseStream: method.methodKind === 'server_streaming' || method.methodKind === 'bidi_streaming',
    requestSerialize: encoder(method.input),
    requestDeserialize: decoder(method.input),
    responseSerialize: encoder(method.output),
    responseDeserialize: decoder(method.output),
    originalName: method.localName,
  };
}

export function serviceDefinition(service: DescService): ServiceDefinition {
  const definition: Record<string, MethodDefinition<AnyMessage, AnyMessage>> = {};
  for (const method of service.methods) definition[method.name] = methodDefinition(method);
  return definition;
}
