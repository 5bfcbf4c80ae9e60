package io.clipserve.server.preprocess.image;

import java.nio.FloatBuffer;

/**
 * An image encoder's input from encoded image bytes, as the model's reference pipeline computes
 * it: decode (JPEG, PNG, BMP, GIF first frame) into the mode Pillow opens it in, resize with
 * Pillow's {@code Image.resize} (squashed to the square, or shorter side then centre crop), then
 * convert to RGB as Pillow's {@code convert('RGB')}, scale to [0, 1] and normalise per channel.
 *
 * <p>Resize, then convert to RGB, as the reference pipelines do (Chinese-CLIP's and OpenAI CLIP's
 * transforms convert after resizing). The order matters for palette, bilevel, alpha, CMYK and
 * 16-bit gray images, which Pillow resizes with nearest neighbour, premultiplied, ink by ink or
 * in 32 bits ({@link ModeResize}); RGB and gray images take the 8-bit bicubic path either way.
 *
 * <p>Thread-safe: one instance serves every thread calling for its model. It holds no native
 * memory of its own; pooled JDK JPEG readers own native libjpeg structs that the JDK frees when
 * they are garbage collected with this instance.
 */
public final class ImagePreprocessor {

  private final ImageSpec spec;
  private final ImageDecoder decoder;
  private final TensorWriter writer;

  public ImagePreprocessor(ImageSpec spec) {
    this.spec = spec;
    this.decoder = new ImageDecoder(spec.limits());
    this.writer = new TensorWriter(spec.mean(), spec.std());
  }

  public ImageSpec spec() {
    return spec;
  }

  /**
   * Writes {@code spec().tensorLength()} floats, channel-major, at {@code dst}'s position and
   * advances it.
   *
   * @throws InvalidImageException the bytes are empty, corrupt, truncated or not an image, or
   *     they exceed one of {@code spec().limits()}
   * @throws IllegalArgumentException {@code dst} has fewer floats remaining than one image needs
   */
  public void preprocess(byte[] encoded, FloatBuffer dst) {
    preprocess(encoded, dst, StopCheck.NEVER);
  }

  /**
   * As {@link #preprocess(byte[], FloatBuffer)}, asking {@code stop} between decoded rows and
   * scans whether to go on; a decode told to stop throws the reason {@code stop} gave.
   */
  public void preprocess(byte[] encoded, FloatBuffer dst, StopCheck stop) {
    if (dst.remaining() < spec.tensorLength()) {
      throw new IllegalArgumentException("the buffer has " + dst.remaining()
          + " floats remaining, one image needs " + spec.tensorLength());
    }
    writer.write(resized(encoded, stop), dst);
  }

  /** The uint8 RGB square the tensor is made from. */
  RgbImage resized(byte[] encoded) {
    return resized(encoded, StopCheck.NEVER);
  }

  private RgbImage resized(byte[] encoded, StopCheck stop) {
    ModeImage image = decoder.decode(encoded, stop);
    return ModeResize.resizeToRgb(image, ResizePlan.of(spec, image.width(), image.height()));
  }
}
