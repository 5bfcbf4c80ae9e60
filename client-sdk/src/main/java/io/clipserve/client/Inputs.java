package io.clipserve.client;

import com.google.protobuf.ByteString;
import io.clipserve.proto.v1.Input;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Factories for the {@link Input} messages that similarity and classify take. Stateless.
 *
 * <p>An input's {@code id} is optional and echoed back by the server; set one with
 * {@code Inputs.text("a cat").toBuilder().setId("q1").build()}.
 */
public final class Inputs {

  private Inputs() {
  }

  /** A text input. */
  public static Input text(String text) {
    return Input.newBuilder().setText(text).build();
  }

  /** An image input: the encoded bytes (JPEG, PNG, BMP or GIF) as they are, not decoded here. */
  public static Input image(byte[] encoded) {
    return Input.newBuilder().setImage(ByteString.copyFrom(encoded)).build();
  }

  /**
   * An image input read from a file now, on the calling thread.
   *
   * @throws UncheckedIOException naming the file when it cannot be read
   */
  public static Input image(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Input.newBuilder().setImage(ByteString.readFrom(in)).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image " + file + ": " + e, e);
    }
  }

  /** Text inputs, in order. */
  public static List<Input> texts(List<String> texts) {
    return texts.stream().map(Inputs::text).toList();
  }

  /** Image inputs read from files, in order; see {@link #image(Path)}. */
  public static List<Input> images(List<Path> files) {
    return files.stream().map(Inputs::image).toList();
  }

  /** Image inputs from encoded bytes, in order. */
  public static List<Input> imageBytes(List<byte[]> encoded) {
    return encoded.stream().map(Inputs::image).toList();
  }
}
