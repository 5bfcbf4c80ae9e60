package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Server reflection over a socket in both protocol versions, as grpcurl (v1) and older tools
 * (v1alpha only) ask: the services are listed and EmbeddingService's file descriptor is served.
 */
@ExtendWith(SharedServer.class)
class ReflectionAgainstServerTest {
  private static ManagedChannel channel;

  @BeforeAll
  static void connect(RealServer server) {
    channel = ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
  }

  @AfterAll
  static void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void v1ListsServicesAndServesDescriptors() throws Exception {
    List<ServerReflectionResponse> answers = v1(
        ServerReflectionRequest.newBuilder().setListServices("").build(),
        ServerReflectionRequest.newBuilder()
            .setFileContainingSymbol("clipserve.v1.EmbeddingService").build());
    assertThat(answers.get(0).getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName)
        .contains("clipserve.v1.EmbeddingService", "clipserve.v1.ModelService",
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
    assertThat(services(answers.get(1).getFileDescriptorResponse().getFileDescriptorProtoList()))
        .contains("EmbeddingService");
  }

  @Test
  void v1alphaListsServicesAndServesDescriptors() throws Exception {
    var v1alpha = io.grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel);
    var answers = new ArrayList<io.grpc.reflection.v1alpha.ServerReflectionResponse>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    var requests = v1alpha.withDeadlineAfter(30, TimeUnit.SECONDS)
        .serverReflectionInfo(collect(answers, done));
    requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
        .setListServices("").build());
    requests.onNext(io.grpc.reflection.v1alpha.ServerReflectionRequest.newBuilder()
        .setFileContainingSymbol("clipserve.v1.EmbeddingService").build());
    requests.onCompleted();
    done.get(30, TimeUnit.SECONDS);
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).getListServicesResponse().getServiceList())
        .extracting(io.grpc.reflection.v1alpha.ServiceResponse::getName)
        .contains("clipserve.v1.EmbeddingService", "clipserve.v1.ModelService",
            "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection");
    assertThat(services(answers.get(1).getFileDescriptorResponse().getFileDescriptorProtoList()))
        .contains("EmbeddingService");
  }

  private static List<ServerReflectionResponse> v1(ServerReflectionRequest... asked)
      throws Exception {
    List<ServerReflectionResponse> answers = new ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS).serverReflectionInfo(collect(answers, done));
    for (ServerReflectionRequest request : asked) {
      requests.onNext(request);
    }
    requests.onCompleted();
    done.get(30, TimeUnit.SECONDS);
    assertThat(answers).hasSize(asked.length);
    return answers;
  }

  private static <T> StreamObserver<T> collect(List<T> answers, CompletableFuture<Void> done) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T answer) {
        synchronized (answers) {
          answers.add(answer);
        }
      }

      @Override
      public void onError(Throwable e) {
        done.completeExceptionally(e);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    };
  }

  /** The service names the serialized file descriptors declare. */
  private static List<String> services(List<com.google.protobuf.ByteString> files)
      throws InvalidProtocolBufferException {
    List<String> names = new ArrayList<>();
    for (var file : files) {
      FileDescriptorProto.parseFrom(file).getServiceList().forEach(s -> names.add(s.getName()));
    }
    return names;
  }
}
