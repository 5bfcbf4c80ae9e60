package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipserve.server.backend.EncoderException;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import org.junit.jupiter.api.Test;

class TrtConversionsTest {

  /** binary16 decoded from its definition, in double arithmetic (independent of the bit tricks). */
  private static double reference(int bits) {
    int sign = (bits >>> 15) == 0 ? 1 : -1;
    int exponent = (bits >>> 10) & 0x1f;
    int mantissa = bits & 0x3ff;
    if (exponent == 0) {
      return sign * mantissa * Math.pow(2, -24);
    }
    return sign * (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
  }

  @Test
  void everyFiniteHalfDecodesExactly() {
    for (int bits = 0; bits <= 0xffff; bits++) {
      if (((bits >>> 10) & 0x1f) == 0x1f) {
        continue;
      }
      float value = TrtConversions.halfToFloat((short) bits);
      assertThat((double) value).as("half 0x%04x", bits).isEqualTo(reference(bits));
    }
  }

  @Test
  void specialValuesKeepTheirMeaning() {
    assertThat(TrtConversions.halfToFloat((short) 0x3c00)).isEqualTo(1.0f);
    assertThat(TrtConversions.halfToFloat((short) 0xc000)).isEqualTo(-2.0f);
    assertThat(TrtConversions.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(TrtConversions.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(Float.floatToRawIntBits(TrtConversions.halfToFloat((short) 0x8000))).isEqualTo(0x80000000);
    assertThat(TrtConversions.halfToFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(TrtConversions.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(TrtConversions.halfToFloat((short) 0x7e00)).isNaN();
  }

  @Test
  void halvesWidenFromTheBufferPosition() {
    ShortBuffer halves = ShortBuffer.wrap(new short[] {0x0000, 0x3c00, 0x3800, (short) 0xbc00});
    halves.position(1);
    float[] out = new float[3];
    TrtConversions.halfsToFloats(halves, out, 3);
    assertThat(out).containsExactly(1.0f, 0.5f, -1.0f);
  }

  @Test
  void idsThatFitNarrowToInt32() throws Exception {
    IntBuffer target = IntBuffer.allocate(4);
    TrtConversions.narrowIds(LongBuffer.wrap(new long[] {101, 21128, Integer.MAX_VALUE, Integer.MIN_VALUE}),
        target, 4, "text");
    assertThat(target.array()).containsExactly(101, 21128, Integer.MAX_VALUE, Integer.MIN_VALUE);
  }

  @Test
  void anIdBeyondInt32FailsNamingTensorAndElement() {
    IntBuffer target = IntBuffer.allocate(3);
    assertThatThrownBy(() -> TrtConversions.narrowIds(LongBuffer.wrap(new long[] {101, 1L << 31, 102}),
        target, 3, "text"))
        .isInstanceOf(EncoderException.class)
        .hasMessage("input 'text' element 1 is 2147483648, which does not fit the engine's int32 tensor");
  }
}
