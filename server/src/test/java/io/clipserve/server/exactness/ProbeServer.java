package io.clipserve.server.exactness;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedResponse;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import java.nio.file.Path;
import java.util.List;

/** A real server over the named fixture models, and raw Embed calls to it. Close it to stop. */
final class ProbeServer implements AutoCloseable {

  private final TestServer server;
  private final EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

  /** Serves each of {@code fixtures} (directories under the test fixtures) under its own name. */
  ProbeServer(Path repository, List<String> fixtures) {
    TestRepository models = new TestRepository(repository);
    fixtures.forEach(name -> models.add(TestRepository.FIXTURES.resolve(name), name, c -> c));
    server = TestServer.start(repository);
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
  }

  ProbeServer(TestRepository repository) {
    server = TestServer.start(repository.dir());
    embedding = EmbeddingServiceGrpc.newBlockingStub(server.channel());
  }

  EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding() {
    return embedding;
  }

  /** The encoder's raw outputs for {@code inputs}, all in one request. */
  EmbedResponse embedRaw(String model, List<Input> inputs) {
    return embedding.embed(
        EmbedRequest.newBuilder().setModel(model).setRaw(true).addAllInputs(inputs).build());
  }

  static Input text(String text) {
    return Input.newBuilder().setId(text).setText(text).build();
  }

  static Input image(String id, byte[] encoded) {
    return Input.newBuilder().setId(id).setImage(ByteString.copyFrom(encoded)).build();
  }

  @Override
  public void close() throws InterruptedException {
    server.close();
  }
}
