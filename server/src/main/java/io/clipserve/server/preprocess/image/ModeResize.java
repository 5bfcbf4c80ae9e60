package io.clipserve.server.preprocess.image;

/**
 * The reference pipelines' resize, then {@code convert('RGB')}: Pillow 9.4's {@code Image.resize}
 * with the bicubic filter as it treats each mode, on the image as opened, then the conversion.
 * An image already of the resized size is only cropped (Pillow returns a copy); "1" and "P" are
 * resized with nearest neighbour; "LA" and "RGBA" premultiplied by alpha, resized, and divided
 * back; "I" in 32-bit; the others (L, RGB, CMYK) band by band in 8-bit fixed point. Stateless
 * and thread-safe.
 */
final class ModeResize {

  private ModeResize() {}

  /** The RGB square {@code plan} keeps of {@code image} resized. */
  static RgbImage resizeToRgb(ModeImage image, ResizePlan plan) {
    int size = plan.size();
    PillowMode mode = image.mode();
    if (plan.width() == image.width() && plan.height() == image.height()) {
      return crop(image.toRgb(), plan);
    }
    if (mode == PillowMode.I) {
      return new RgbImage(size, size, RgbConversion.fromWide(WideResampler.resize(image, plan)));
    }
    byte[] samples;
    if (mode.resizesNearest()) {
      samples = NearestResampler.resize(image, plan);
    } else if (mode.resizesPremultiplied()) {
      ModeImage premultiplied = ModeImage.of(mode, image.width(), image.height(),
          RgbConversion.premultiply(image.samples(), mode.channels()));
      samples = PillowResampler.resize(premultiplied, plan);
      RgbConversion.unpremultiply(samples, mode.channels());
    } else {
      samples = PillowResampler.resize(image, plan);
    }
    return new RgbImage(size, size, RgbConversion.toRgb(mode, samples, image.palette()));
  }

  /** The window of an image that keeps its size: torchvision's {@code CenterCrop} alone. */
  private static RgbImage crop(RgbImage rgb, ResizePlan plan) {
    int size = plan.size();
    byte[] out = new byte[3 * size * size];
    for (int y = 0; y < size; y++) {
      System.arraycopy(rgb.pixels(), 3 * ((plan.top() + y) * rgb.width() + plan.left()),
          out, 3 * y * size, 3 * size);
    }
    return new RgbImage(size, size, out);
  }
}
