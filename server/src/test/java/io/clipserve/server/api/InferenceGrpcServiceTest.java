package io.clipserve.server.api;

import static io.clipserve.server.api.ServingEndToEndTest.image;
import static io.clipserve.server.api.ServingEndToEndTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import io.clipserve.proto.oip.GRPCInferenceServiceGrpc;
import io.clipserve.proto.oip.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.clipserve.proto.oip.InferTensorContents;
import io.clipserve.proto.oip.ModelInferRequest;
import io.clipserve.proto.oip.ModelInferRequest.InferInputTensor;
import io.clipserve.proto.oip.ModelInferResponse;
import io.clipserve.proto.oip.ModelMetadataRequest;
import io.clipserve.proto.oip.ModelMetadataResponse;
import io.clipserve.proto.oip.ModelReadyRequest;
import io.clipserve.proto.oip.ServerLiveRequest;
import io.clipserve.proto.oip.ServerMetadataRequest;
import io.clipserve.proto.oip.ServerReadyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbeddingServiceGrpc;
import io.clipserve.proto.v1.Input;
import io.clipserve.server.testing.TestRepository;
import io.clipserve.server.testing.TestServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KServe v2 gRPC service over a real socket: metadata, inference, hostile requests. */
class InferenceGrpcServiceTest {
  private static final String MODEL = "cn-clip-tiny";
  private static final int MAX_INPUTS = 8;
  @TempDir
  static Path repository;
  static TestServer server;
  static GRPCInferenceServiceBlockingStub v2;

  @BeforeAll
  static void start() throws Exception {
    new TestRepository(repository).addTiny(MODEL, c -> c)
        .addTiny("image-only", c -> c.replaceAll("(?s)text_encoder \\{.*?\\n\\}\\n", ""));
    server = TestServer.start(repository, Map.of("clipserve.limits.max-inputs", MAX_INPUTS));
    v2 = GRPCInferenceServiceGrpc.newBlockingStub(server.channel());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @AfterEach
  void serverStaysReady() {
    assertThat(v2.serverReady(ServerReadyRequest.getDefaultInstance()).getReady()).isTrue();
  }

  @Test
  void serverAndModelMetadata() {
    assertThat(v2.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    assertThat(v2.serverMetadata(ServerMetadataRequest.getDefaultInstance()).getName())
        .isEqualTo("clipserve");
    for (String kind : List.of(".image", ".text")) {
      ModelMetadataResponse metadata = v2.modelMetadata(
          ModelMetadataRequest.newBuilder().setName(MODEL + kind).build());
      assertThat(metadata.getName()).isEqualTo(MODEL + kind);
      assertThat(metadata.getVersionsList()).containsExactly("1");
      assertThat(metadata.getInputs(0).getName()).isEqualTo("INPUT");
      assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("BYTES");
      assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L);
      assertThat(metadata.getOutputs(0).getName()).isEqualTo("EMBEDDING");
      assertThat(metadata.getOutputs(0).getDatatype()).isEqualTo("FP32");
      assertThat(metadata.getOutputs(0).getShapeList()).containsExactly(-1L, (long) dim());
      assertThat(v2.modelReady(ModelReadyRequest.newBuilder().setName(MODEL + kind).build())
          .getReady()).isTrue();
    }
    assertThat(v2.modelReady(ModelReadyRequest.newBuilder().setName(MODEL + ".text")
        .setVersion("2").build()).getReady()).isFalse();
  }

  @Test
  void inferEqualsEmbedWithBytesContentsAndRawContents() {
    List<String> texts = List.of("皮卡丘", "a dog");
    List<float[]> expected = embed(texts.stream().map(ServingEndToEndTest::text).toList());
    ModelInferResponse fromContents = v2.modelInfer(request(MODEL + ".text",
        bytesTensor(2).setContents(contents(texts.stream().map(ByteString::copyFromUtf8).toList())))
        .setId("req-7").build());
    assertThat(fromContents.getId()).isEqualTo("req-7");
    assertThat(fromContents.getModelName()).isEqualTo(MODEL + ".text");
    assertThat(fromContents.getModelVersion()).isEqualTo("1");
    assertThat(fromContents.getOutputs(0).getShapeList()).containsExactly(2L, (long) dim());
    assertSame(floats(fromContents), expected);
    ModelInferResponse fromRaw = v2.modelInfer(request(MODEL + ".text", bytesTensor(2))
        .addRawInputContents(lengthPrefixed(texts.stream()
            .map(t -> t.getBytes(StandardCharsets.UTF_8)).toList())).build());
    assertSame(floats(fromRaw), expected);

    Input pokemon = image("pokemon.jpeg");
    List<float[]> expectedImage = embed(List.of(pokemon));
    ModelInferResponse images = v2.modelInfer(request(MODEL + ".image", bytesTensor(1).addShape(1))
        .addRawInputContents(lengthPrefixed(List.of(pokemon.getImage().toByteArray()))).build());
    assertSame(floats(images), expectedImage);
  }

  @Test
  void hostileRequestsAreRefusedNamingTheProblem() {
    ByteString pikachu = ByteString.copyFromUtf8("皮卡丘");
    assertStatus(() -> v2.modelInfer(request("no-such.text", bytesTensor(1)
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.NOT_FOUND,
        "model 'no-such' is not in the repository");
    assertStatus(() -> v2.modelInfer(request(MODEL, bytesTensor(1)
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.NOT_FOUND,
        "v2 model 'cn-clip-tiny' does not exist; v2 models are named <model>.image and"
            + " <model>.text");
    assertStatus(() -> v2.modelMetadata(ModelMetadataRequest.newBuilder()
        .setName("image-only.text").build()), Status.Code.NOT_FOUND,
        "v2 model 'image-only.text' does not exist: model 'image-only' has no text encoder");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1).setDatatype("FP32")
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.INVALID_ARGUMENT,
        "INPUT has datatype 'FP32'; it must be BYTES");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(2)
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.INVALID_ARGUMENT,
        "INPUT has shape [2] (2 elements) but 1 elements were sent");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1).addShape(3)
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.INVALID_ARGUMENT,
        "INPUT has shape [1, 3]; it must be [N] or [N, 1]");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1).setName("TEXT")
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.INVALID_ARGUMENT,
        "input 'TEXT' is not an input of this model; its one input is INPUT");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(MAX_INPUTS + 1))
        .build()), Status.Code.INVALID_ARGUMENT,
        "INPUT has 9 entries; limit clipserve.limits.max-inputs = 8");
    // A length prefix that claims more than is there, one cut short, one element too many.
    byte[] claimsTooMuch = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0x7f, 'a'};
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1))
        .addRawInputContents(ByteString.copyFrom(claimsTooMuch)).build()),
        Status.Code.INVALID_ARGUMENT,
        "INPUT: element 0 of raw_input_contents claims 2147483647 bytes but 1 remain");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1))
        .addRawInputContents(ByteString.copyFrom(new byte[] {1, 0})).build()),
        Status.Code.INVALID_ARGUMENT,
        "INPUT: raw_input_contents ends inside the 4-byte length of element 0 (at byte 0)");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1))
        .addRawInputContents(lengthPrefixed(List.of(new byte[] {'a'}, new byte[] {'b'}))).build()),
        Status.Code.INVALID_ARGUMENT,
        "INPUT: raw_input_contents holds more than the 1 elements of its shape (5 bytes left over)");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1)
        .setContents(contents(List.of(pikachu))))
        .addRawInputContents(lengthPrefixed(List.of(new byte[] {'a'}))).build()),
        Status.Code.INVALID_ARGUMENT,
        "INPUT has both contents and a raw_input_contents entry; send one of them");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1)
        .setContents(contents(List.of(ByteString.copyFrom(new byte[] {(byte) 0xc3, 0x28})))))
        .build()), Status.Code.INVALID_ARGUMENT,
        "INPUT[0] is not valid UTF-8; texts are sent as their UTF-8 bytes");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".image", bytesTensor(1)
        .setContents(contents(List.of(pikachu)))).build()), Status.Code.INVALID_ARGUMENT,
        "inputs[0]: ");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1)
        .setContents(contents(List.of(pikachu))))
        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("LOGITS"))
        .build()), Status.Code.INVALID_ARGUMENT,
        "output 'LOGITS' is not an output of v2 model 'cn-clip-tiny.text'; its one output is"
            + " EMBEDDING");
    assertStatus(() -> v2.modelInfer(request(MODEL + ".text", bytesTensor(1)
        .setContents(contents(List.of(pikachu)))).setModelVersion("x1").build()),
        Status.Code.INVALID_ARGUMENT, "v2 model 'cn-clip-tiny.text': version 'x1' is not a"
            + " positive integer (or empty for the version policy's choice)");
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
      assertThat(e.getStatus().getCode()).isEqualTo(code);
      assertThat(e.getStatus().getDescription()).startsWith(message);
    });
  }

  private static int dim() {
    return embed(List.of(text("x"))).get(0).length;
  }

  private static List<float[]> embed(List<Input> inputs) {
    return EmbeddingServiceGrpc.newBlockingStub(server.channel())
        .embed(EmbedRequest.newBuilder().setModel(MODEL).addAllInputs(inputs).build())
        .getEmbeddingsList().stream().map(e -> {
          float[] v = new float[e.getValuesCount()];
          for (int i = 0; i < v.length; i++) {
            v[i] = e.getValues(i);
          }
          return v;
        }).toList();
  }

  private static ModelInferRequest.Builder request(String model, InferInputTensor.Builder input) {
    return ModelInferRequest.newBuilder().setModelName(model).addInputs(input);
  }

  private static InferInputTensor.Builder bytesTensor(long n) {
    return InferInputTensor.newBuilder().setName("INPUT").setDatatype("BYTES").addShape(n);
  }

  private static InferTensorContents contents(List<ByteString> elements) {
    return InferTensorContents.newBuilder().addAllBytesContents(elements).build();
  }

  static ByteString lengthPrefixed(List<byte[]> elements) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] element : elements) {
      out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
          .putInt(element.length).array());
      out.writeBytes(element);
    }
    return ByteString.copyFrom(out.toByteArray());
  }

  private static float[][] floats(ModelInferResponse response) {
    long n = response.getOutputs(0).getShape(0);
    int dim = (int) response.getOutputs(0).getShape(1);
    ByteBuffer raw = response.getRawOutputContents(0).asReadOnlyByteBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(raw.remaining()).isEqualTo(n * dim * Float.BYTES);
    float[][] rows = new float[(int) n][dim];
    for (float[] row : rows) {
      raw.asFloatBuffer().get(row);
      raw.position(raw.position() + dim * Float.BYTES);
    }
    return rows;
  }

  private static void assertSame(float[][] actual, List<float[]> expected) {
    assertThat(actual.length).isEqualTo(expected.size());
    for (int i = 0; i < actual.length; i++) {
      assertThat(actual[i]).containsExactly(expected.get(i), within(1e-6f));
    }
  }
}
