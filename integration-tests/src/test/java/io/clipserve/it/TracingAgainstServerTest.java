package io.clipserve.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * OTLP tracing on: a server of its own exports to an OTLP/HTTP receiver on a loopback socket (the
 * JDK's HTTP server, taking what the exporter posts to {@code /v1/traces}). An Embed sent with a
 * W3C {@code traceparent} is exported, at the latest when the server stops, as a span of that
 * trace named {@code clipserve.v1.EmbeddingService/Embed}.
 */
class TracingAgainstServerTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Test
  void callsAreExportedAsSpansOfTheCallersTrace() throws Exception {
    List<byte[]> posts = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/v1/traces", exchange -> {
      posts.add(readAll(exchange.getRequestBody()));
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String endpoint =
          "http://127.0.0.1:" + receiver.getAddress().getPort() + "/v1/traces";
      try (RealServer server = new RealServer(
          Map.of("clipserve.tracing.otlp-endpoint", endpoint), UnaryOperator.identity())) {
        Metadata traceparent = new Metadata();
        traceparent.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
            "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
        ManagedChannel channel =
            ManagedChannelBuilder.forTarget(server.target()).usePlaintext().build();
        try {
          EmbeddingServiceGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(traceparent))
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .embed(EmbedRequest.newBuilder().setModel(RealServer.MODEL)
                  .addInputs(Input.newBuilder().setText("皮卡丘")).build());
        } finally {
          channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
      }
      // The server has stopped: its spans were flushed to the receiver.
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      posts.forEach(all::writeBytes);
      byte[] exported = all.toByteArray();
      assertThat(contains(exported, HexFormat.of().parseHex(TRACE_ID)))
          .as("the caller's trace id in an export").isTrue();
      assertThat(contains(exported, "clipserve.v1.EmbeddingService/Embed"
          .getBytes(StandardCharsets.UTF_8))).as("the span's name").isTrue();
      assertThat(contains(exported, RealServer.MODEL.getBytes(StandardCharsets.UTF_8)))
          .as("the model attribute").isTrue();
    } finally {
      receiver.stop(0);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
