package io.clipserve.server.oip;

import com.google.protobuf.ByteString;
import io.clipserve.proto.oip.InferTensorContents;
import io.clipserve.proto.oip.ModelInferRequest.InferInputTensor;
import io.clipserve.server.ServingException;
import io.clipserve.server.inference.RequestLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the elements of a v2 model's one input, {@code INPUT}: datatype BYTES, shape {@code [N]}
 * (or {@code [N, 1]}, as clients of batching Triton models send it), its N elements either in
 * {@code contents.bytes_contents} or in a {@code raw_input_contents} entry where each element is
 * preceded by its length as 4 bytes little-endian (Triton's layout). Every inconsistency is
 * INVALID_ARGUMENT naming the tensor. The elements share the request's bytes (no copy).
 * Stateless.
 */
final class BytesTensor {
  static final String INPUT = "INPUT";
  static final String BYTES = "BYTES";

  private BytesTensor() {}

  /**
   * @param raw the tensor's {@code raw_input_contents} entry, or null when the request has none
   * @param limits checked against the shape's N before any element is read
   */
  static List<ByteString> read(InferInputTensor tensor, ByteString raw, RequestLimits limits) {
    if (!tensor.getName().equals(INPUT)) {
      throw ServingException.invalidArgument("input '" + tensor.getName()
          + "' is not an input of this model; its one input is " + INPUT);
    }
    if (!tensor.getDatatype().equals(BYTES)) {
      throw ServingException.invalidArgument(INPUT + " has datatype '" + tensor.getDatatype()
          + "'; it must be " + BYTES);
    }
    long count = elementCount(tensor.getShapeList());
    limits.checkCount(INPUT, count);
    List<ByteString> elements;
    if (raw != null) {
      if (!tensor.getContents().equals(InferTensorContents.getDefaultInstance())) {
        throw ServingException.invalidArgument(INPUT + " has both contents and a"
            + " raw_input_contents entry; send one of them");
      }
      elements = lengthPrefixed(raw, count);
    } else {
      InferTensorContents contents = tensor.getContents();
      if (!contents.toBuilder().clearBytesContents().build()
          .equals(InferTensorContents.getDefaultInstance())) {
        throw ServingException.invalidArgument(INPUT + ": BYTES elements go in"
            + " contents.bytes_contents (or raw_input_contents); another contents field is set");
      }
      elements = contents.getBytesContentsList();
    }
    if (elements.size() != count) {
      throw ServingException.invalidArgument(INPUT + " has shape " + tensor.getShapeList()
          + " (" + count + " elements) but " + elements.size() + " elements were sent");
    }
    return elements;
  }

  /** N of a shape {@code [N]} or {@code [N, 1]}. */
  private static long elementCount(List<Long> shape) {
    boolean valid = (shape.size() == 1 || (shape.size() == 2 && shape.get(1) == 1))
        && shape.get(0) >= 0;
    if (!valid) {
      throw ServingException.invalidArgument(INPUT + " has shape " + shape
          + "; it must be [N] or [N, 1]");
    }
    return shape.get(0);
  }

  /**
   * Elements each preceded by a 4-byte little-endian length, back to back to the end; more than
   * {@code expected} is refused as soon as seen.
   */
  static List<ByteString> lengthPrefixed(ByteString raw, long expected) {
    List<ByteString> elements = new ArrayList<>();
    int at = 0;
    while (at < raw.size()) {
      if (elements.size() == expected) {
        throw ServingException.invalidArgument(INPUT + ": raw_input_contents holds more than the "
            + expected + " elements of its shape (" + (raw.size() - at) + " bytes left over)");
      }
      if (raw.size() - at < 4) {
        throw ServingException.invalidArgument(INPUT + ": raw_input_contents ends inside the"
            + " 4-byte length of element " + elements.size() + " (at byte " + at + ")");
      }
      long length = (raw.byteAt(at) & 0xffL) | (raw.byteAt(at + 1) & 0xffL) << 8
          | (raw.byteAt(at + 2) & 0xffL) << 16 | (raw.byteAt(at + 3) & 0xffL) << 24;
      at += 4;
      if (length > raw.size() - at) {
        throw ServingException.invalidArgument(INPUT + ": element " + elements.size()
            + " of raw_input_contents claims " + length + " bytes but " + (raw.size() - at)
            + " remain");
      }
      elements.add(raw.substring(at, at + (int) length));
      at += (int) length;
    }
    return elements;
  }
}
