package io.clipserve.server.preprocess.image;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Decodes JPEG with the JDK's libjpeg-based reader as Pillow decodes it with libjpeg-turbo, into
 * Pillow's mode for it: "L" (one component), "CMYK" (four) or "RGB".
 * On Debian's OpenJDK the reader links the system libjpeg-turbo, Pillow's library, so the pixels
 * are the same. No JDK colour management is applied (Pillow applies none; embedded ICC profiles
 * are stripped first). YCbCr images whose colour space the JDK guesses as libjpeg does are
 * converted by libjpeg itself straight into RGB; the others are read as raw components and
 * converted here with libjpeg's and Pillow's rules ({@link JpegColorConversion}).
 *
 * <p>Thread-safe: readers are not, so each call takes one from a pool and returns it. The pool
 * holds at most one reader per concurrent caller; each reader owns a native libjpeg struct that
 * the JDK frees when the reader is garbage collected.
 */
final class JpegDecoder {

  private final ConcurrentLinkedDeque<TruncationCheckingReader> idle =
      new ConcurrentLinkedDeque<>();

  ModeImage decode(byte[] data, JpegMarkers markers, DecodeWatch watch) {
    JpegColorSpace colors = JpegColorSpace.of(markers);
    TruncationCheckingReader reader = idle.pollFirst();
    if (reader == null) {
      reader = TruncationCheckingReader.create();
    }
    ByteArrayImageInputStream in =
        watch.reading(new ByteArrayImageInputStream(JpegIccSegments.strip(data, markers)));
    try {
      if (JpegColorSpace.jdkConvertsYcbcr(markers)) {
        return ModeImage.of(PillowMode.RGB, markers.width(), markers.height(),
            reader.readRgb(in, markers.width(), markers.height(), watch));
      }
      return fromRaw(reader.readRaster(in, watch), colors, markers.componentIds().length);
    } catch (IOException | RuntimeException e) {
      watch.throwIfStopped();
      throw new InvalidImageException(
          "the JPEG is corrupt or truncated and cannot be decoded: " + e.getMessage(), e);
    } finally {
      idle.offerFirst(reader);
    }
  }

  private static ModeImage fromRaw(Raster raster, JpegColorSpace colors, int components) {
    byte[] samples = samplesOf(raster, components);
    int width = raster.getWidth();
    int height = raster.getHeight();
    switch (colors) {
      case GRAY:
        return ModeImage.of(PillowMode.L, width, height, samples);
      case YCBCR:
        JpegColorConversion.yccToRgbInPlace(samples);
        return ModeImage.of(PillowMode.RGB, width, height, samples);
      case RGB:
        return ModeImage.of(PillowMode.RGB, width, height, samples);
      default:
        return ModeImage.of(PillowMode.CMYK, width, height,
            JpegColorConversion.fourComponentToCmyk(samples, colors == JpegColorSpace.YCCK));
    }
  }

  /** The reader's interleaved samples, as the JDK lays out raw rasters: pixel by pixel. */
  private static byte[] samplesOf(Raster raster, int components) {
    ComponentSampleModel model = (ComponentSampleModel) raster.getSampleModel();
    byte[] samples = ((DataBufferByte) raster.getDataBuffer()).getData();
    if (raster.getNumBands() != components
        || model.getPixelStride() != components
        || model.getScanlineStride() != components * raster.getWidth()
        || samples.length != components * raster.getWidth() * raster.getHeight()) {
      throw new IllegalStateException("unexpected JPEG raster layout " + model);
    }
    for (int band = 0; band < components; band++) {
      if (model.getBandOffsets()[band] != band) {
        throw new IllegalStateException("unexpected JPEG raster band order");
      }
    }
    return samples;
  }
}
