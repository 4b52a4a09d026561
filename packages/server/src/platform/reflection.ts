import { type DescFile, type DescService, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import type { Server } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';

/**
 * Server reflection built from the protobuf-es descriptors compiled into the API package, so clients
 * such as grpcurl see the real .proto file names and every dependency.
 */
export function addReflection(server: Server, services: DescService[], extraServiceNames: string[]): void {
  const files = new Map<string, DescFile>();
  const visit = (file: DescFile) => {
    if (files.has(file.name)) return;
    files.set(file.name, file);
    for (const dep of file.dependencies) visit(dep);
  };
  for (const service of services) visit(service.file);
  const fileDescriptorProtos = [...files.values()].map((file) =>
    Buffer.from(toBinary(FileDescriptorProtoSchema, file.proto)),
  );
  // @grpc/reflection indexes whatever file descriptors the package definition carries.
  const packageDefinition = { files: { fileDescriptorProtos } };
  const reflection = new ReflectionService(packageDefinition as never, {
    services: [...services.map((s) => s.typeName), ...extraServiceNames],
  });
  reflection.addToServer(server);
}
