package io.clipserve.server.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.clipserve.proto.oip.InferTensorContents;
import io.clipserve.proto.oip.ModelInferRequest.InferInputTensor;
import io.clipserve.server.ServingException;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.inference.RequestLimits;
import org.junit.jupiter.api.Test;

/** Reading BYTES tensors, from hostile bytes in particular. */
class BytesTensorTest {
  private static final RequestLimits LIMITS = limits(4);

  @Test
  void lengthPrefixedElementsShareTheRequestBytes() {
    ByteString raw = ByteString.copyFrom(new byte[] {2, 0, 0, 0, 'h', 'i', 0, 0, 0, 0, 1, 0, 0, 0,
        (byte) 0xff});
    assertThat(BytesTensor.lengthPrefixed(raw, 3)).containsExactly(ByteString.copyFromUtf8("hi"),
        ByteString.EMPTY, ByteString.copyFrom(new byte[] {(byte) 0xff}));
    assertThat(BytesTensor.lengthPrefixed(ByteString.EMPTY, 0)).isEmpty();
  }

  @Test
  void hostileLengthPrefixesAreRefused() {
    // A length with the top bit set must not wrap negative.
    assertRefused(() -> BytesTensor.lengthPrefixed(bytes(0, 0, 0, 0x80, 'a'), 1),
        "INPUT: element 0 of raw_input_contents claims 2147483648 bytes but 1 remain");
    assertRefused(() -> BytesTensor.lengthPrefixed(bytes(0xff, 0xff, 0xff, 0xff), 1),
        "INPUT: element 0 of raw_input_contents claims 4294967295 bytes but 0 remain");
    assertRefused(() -> BytesTensor.lengthPrefixed(bytes(1, 0, 0, 0, 'a', 1, 0), 2),
        "INPUT: raw_input_contents ends inside the 4-byte length of element 1 (at byte 5)");
    // Zero-length elements cost 4 bytes each: no more than the shape's count are taken.
    assertRefused(() -> BytesTensor.lengthPrefixed(ByteString.copyFrom(new byte[4000]), 2),
        "INPUT: raw_input_contents holds more than the 2 elements of its shape (3992 bytes left"
            + " over)");
  }

  @Test
  void tensorsAreCheckedBeforeTheirElements() {
    InferInputTensor.Builder tensor = InferInputTensor.newBuilder().setName("INPUT")
        .setDatatype("BYTES");
    assertRefused(() -> BytesTensor.read(tensor.clone().addShape(1L << 40).build(), null, LIMITS),
        "INPUT has 1099511627776 entries; limit clipserve.limits.max-inputs = 4");
    assertRefused(() -> BytesTensor.read(tensor.clone().addShape(-1).build(), null, LIMITS),
        "INPUT has shape [-1]; it must be [N] or [N, 1]");
    assertRefused(() -> BytesTensor.read(tensor.clone().build(), null, LIMITS),
        "INPUT has shape []; it must be [N] or [N, 1]");
    assertRefused(() -> BytesTensor.read(tensor.clone().addShape(1).setContents(
        InferTensorContents.newBuilder().addFp32Contents(1f)).build(), null, LIMITS),
        "INPUT: BYTES elements go in contents.bytes_contents (or raw_input_contents); another"
            + " contents field is set");
    assertThat(BytesTensor.read(tensor.clone().addShape(2).addShape(1).setContents(
        InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("a"))
            .addBytesContents(ByteString.copyFromUtf8("b"))).build(), null, LIMITS))
        .hasSize(2);
  }

  private static ByteString bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return ByteString.copyFrom(bytes);
  }

  private static void assertRefused(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(ServingException.class).hasMessage(message);
  }

  private static RequestLimits limits(int maxInputs) {
    ServerSettings settings = new ServerSettings();
    settings.getLimits().setMaxInputs(maxInputs);
    return new RequestLimits(settings);
  }
}
