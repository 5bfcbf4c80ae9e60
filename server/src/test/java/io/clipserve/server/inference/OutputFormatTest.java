package io.clipserve.server.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.EmbedRequest.ElementType;
import io.clipserve.proto.v1.Embedding;
import io.clipserve.server.ServingException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputFormatTest {

  @Test
  void float16EncodesKnownValuesLittleEndian() {
    assertThat(OutputFormat.toHalf(1f)).isEqualTo((short) 0x3c00);
    assertThat(OutputFormat.toHalf(-2f)).isEqualTo((short) 0xc000);
    assertThat(OutputFormat.toHalf(0.1f)).isEqualTo((short) 0x2e66);
    assertThat(OutputFormat.toHalf(65504f)).isEqualTo((short) 0x7bff);
    assertThat(OutputFormat.toHalf(65520f)).as("rounds up to infinity").isEqualTo((short) 0x7c00);
    assertThat(OutputFormat.toHalf(0x1p-24f)).as("smallest subnormal").isEqualTo((short) 1);
    assertThat(OutputFormat.toHalf(0x1p-25f)).as("tie to even: zero").isEqualTo((short) 0);
    assertThat(OutputFormat.toHalf(-0f)).isEqualTo((short) 0x8000);
    assertThat(OutputFormat.toHalf(Float.NaN) & 0x7fff).isGreaterThan(0x7c00);
    // 1 + 2^-11 is halfway between 1 and the next half; ties to even (1).
    assertThat(OutputFormat.toHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
    assertThat(OutputFormat.toHalf(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
    assertThat(OutputFormat.float16(new float[] {1f, -2f}))
        .containsExactly(0x00, 0x3c, 0x00, (byte) 0xc0);
  }

  @Test
  void float16RoundTripsWithinHalfAnUlp() {
    Random random = new Random(7);
    for (int i = 0; i < 100_000; i++) {
      float value = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(36) - 26));
      float back = fromHalf(OutputFormat.toHalf(value));
      // binary16 keeps 10 of binary32's 23 mantissa bits; subnormals are spaced 2^-24.
      float halfUlp = Math.max(Math.ulp(value) * 0x1p13f, 0x1p-24f);
      assertThat(Math.abs(back - value)).as("%s -> %s", value, back)
          .isLessThanOrEqualTo(halfUlp / 2);
    }
  }

  @Test
  void int8ScalesByTheLargestMagnitude() {
    byte[] packed = OutputFormat.int8(new float[] {0.5f, -0.25f, 0f, -0.5f, 0.1f});
    assertThat(packed).containsExactly(127, -64, 0, -127, 25);
    assertThat(OutputFormat.int8(new float[] {0f, 0f})).containsExactly(0, 0);
    float[] vector = randomUnit(512, 3);
    byte[] q = OutputFormat.int8(vector);
    float[] back = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      back[i] = q[i];
    }
    assertThat(Vectors.dot(vector, Vectors.normalize(back))).isGreaterThan(0.999f);
  }

  @Test
  void ubinaryPacksSignBitsMostSignificantFirst() {
    float[] values = {1f, -1f, 0f, 2f, -0f, 0.5f, -3f, 0.1f, 9f, -1f};
    assertThat(OutputFormat.ubinary(values)).containsExactly(0b1001_0101, 0b1000_0000);
    assertThat(OutputFormat.ubinary(new float[8])).containsExactly(0);
  }

  @Test
  void dimensionsTruncateThenRenormaliseUnlessRaw() {
    float[] vector = {3f, 4f, 12f};
    EmbedRequest request = EmbedRequest.newBuilder().setDimensions(2).build();
    Embedding.Builder embedding = Embedding.newBuilder();
    OutputFormat.of(request, 3).write(vector.clone(), embedding);
    assertThat(embedding.getValuesList()).containsExactly(0.6f, 0.8f);
    embedding = Embedding.newBuilder();
    OutputFormat.of(request.toBuilder().setRaw(true).build(), 3).write(vector.clone(), embedding);
    assertThat(embedding.getValuesList()).containsExactly(3f, 4f);
    embedding = Embedding.newBuilder();
    OutputFormat.of(EmbedRequest.getDefaultInstance(), 3).write(vector.clone(), embedding);
    assertThat(embedding.getValuesList()).containsExactly(3f, 4f, 12f);
    assertThat(embedding.getPacked().isEmpty()).isTrue();
  }

  @Test
  void packedTypesLeaveValuesEmpty() {
    EmbedRequest request = EmbedRequest.newBuilder().setDimensions(2)
        .setElementType(ElementType.FLOAT16).build();
    Embedding.Builder embedding = Embedding.newBuilder();
    OutputFormat.of(request, 3).write(new float[] {3f, 4f, 12f}, embedding);
    assertThat(embedding.getValuesCount()).isZero();
    byte[] packed = embedding.getPacked().toByteArray();
    assertThat(packed).hasSize(4);
    assertThat(fromHalf((short) ((packed[0] & 0xff) | packed[1] << 8))).isCloseTo(0.6f, within(1e-3f));
    assertThat(fromHalf((short) ((packed[2] & 0xff) | packed[3] << 8))).isCloseTo(0.8f, within(1e-3f));
  }

  @Test
  void hostileOptionsAreRefusedNamingTheLimit() {
    assertThatThrownBy(() -> OutputFormat.of(EmbedRequest.newBuilder().setDimensions(513).build(), 512))
        .isInstanceOf(ServingException.class)
        .hasMessage("dimensions is 513; it must be 0 (all) to the model's embedding_dim = 512");
    assertThatThrownBy(() -> OutputFormat.of(EmbedRequest.newBuilder().setDimensions(-1).build(), 512))
        .hasMessageContaining("dimensions is -1");
    assertThatThrownBy(() -> OutputFormat.of(EmbedRequest.newBuilder().setElementTypeValue(9).build(), 512))
        .hasMessage("element_type 9 is unknown; FLOAT32, FLOAT16, INT8 or UBINARY");
  }

  /** The reference decoder: binary16 to float, exact. */
  private static float fromHalf(short half) {
    int bits = half & 0xffff;
    int sign = (bits & 0x8000) != 0 ? -1 : 1;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0x1f) {
      return mantissa == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
    }
    if (exponent == 0) {
      return sign * mantissa * 0x1p-24f;
    }
    return sign * (1 + mantissa / 1024f) * (float) Math.pow(2, exponent - 15);
  }

  private static float[] randomUnit(int dim, long seed) {
    Random random = new Random(seed);
    float[] v = new float[dim];
    for (int i = 0; i < dim; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Vectors.normalize(v);
  }
}
