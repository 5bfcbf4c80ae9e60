package io.clipserve.server.preprocess.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Decodes PNG, BMP and GIF (first frame) with the JDK's ImageIO readers into the mode and samples
 * Pillow's {@code Image.open} gives the file ({@link PillowModeProbe}, {@link ImageIoSamples},
 * {@link ImageIoIndices}). GIF frames are placed on the canvas Pillow builds ({@link GifLayout}).
 * Stateless and thread-safe: a fresh reader per call.
 */
final class ImageIoDecoder {

  ModeImage decode(byte[] data, ImageFormat format, DecodeWatch watch) {
    GifLayout gif = format == ImageFormat.GIF ? GifLayout.parse(data) : null;
    PillowMode mode = PillowModeProbe.of(format, data, gif);
    String name = format.name().toLowerCase(Locale.ROOT);
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(name);
    if (!readers.hasNext()) {
      throw new IllegalStateException("no " + name + " reader in this JDK");
    }
    ImageReader reader = readers.next();
    BufferedImage image;
    try (ByteArrayImageInputStream in = watch.reading(new ByteArrayImageInputStream(data))) {
      reader.setInput(in, true, true);
      reader.addIIOReadUpdateListener(watch);
      image = reader.read(0);
    } catch (IOException | RuntimeException e) {
      watch.throwIfStopped();
      throw new InvalidImageException(
          "the " + format + " is corrupt or truncated and cannot be decoded: " + e, e);
    } finally {
      reader.dispose();
    }
    watch.throwIfStopped();
    return gif == null
        ? ImageIoSamples.of(image, mode)
        : ImageIoIndices.onCanvas(image, mode, gif);
  }
}
