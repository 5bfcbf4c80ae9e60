package io.clipserve.server.preprocess;

import java.nio.FloatBuffer;

/**
 * An image encoder's input from encoded image bytes, as the model's reference pipeline computes
 * it: decode (JPEG, PNG, BMP, GIF first frame), convert to RGB as Pillow's
 * {@code convert('RGB')}, resize with Pillow's antialiased fixed-point bicubic (squashed to the
 * square, or shorter side then centre crop), scale to [0, 1] and normalise per channel.
 *
 * <p>Conversion to RGB comes before resizing, as the serving contract fixes. The published
 * Chinese-CLIP and OpenAI CLIP transforms convert after resizing; the two orders give the same
 * pixels for RGB and grayscale images, not for palette, alpha, CMYK or 16-bit ones (Pillow resizes
 * palette images with nearest neighbour and alpha images premultiplied).
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
    RgbImage rgb = decoder.decode(encoded);
    ResizePlan plan = ResizePlan.of(spec, rgb.width(), rgb.height());
    return PillowResampler.resize(
        rgb, plan.width(), plan.height(), plan.left(), plan.top(), plan.size());
  }
}
