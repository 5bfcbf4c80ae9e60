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
    this.decoder = new ImageDecoder(spec.maxPixels());
    this.writer = new TensorWriter(spec.mean(), spec.std());
  }

  public ImageSpec spec() {
    return spec;
  }

  /**
   * Writes {@code spec().tensorLength()} floats, channel-major, at {@code dst}'s position and
   * advances it.
   *
   * @throws InvalidImageException the bytes are empty, corrupt, truncated or not an image, or the
   *     header declares more than {@code spec().maxPixels()} pixels (checked before decoding)
   * @throws IllegalArgumentException {@code dst} has fewer floats remaining than one image needs
   */
  public void preprocess(byte[] encoded, FloatBuffer dst) {
    if (dst.remaining() < spec.tensorLength()) {
      throw new IllegalArgumentException("the buffer has " + dst.remaining()
          + " floats remaining, one image needs " + spec.tensorLength());
    }
    writer.write(resized(encoded), dst);
  }

  /** The uint8 RGB square the tensor is made from. */
  RgbImage resized(byte[] encoded) {
    ModeImage image = decoder.decode(encoded);
    return ModeResize.resizeToRgb(image, ResizePlan.of(spec, image.width(), image.height()));
  }
}
