package io.clipserve.server.preprocess;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;

/**
 * Decodes JPEG to RGB with the JDK's libjpeg-based reader as Pillow decodes it with libjpeg-turbo.
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

  private final ConcurrentLinkedDeque<TruncationCheckingReader> idle = new ConcurrentLinkedDeque<>();

  RgbImage decode(byte[] data, JpegMarkers markers) {
    Colors colors = colorsOf(markers);
    TruncationCheckingReader reader = idle.pollFirst();
    if (reader == null) {
      reader = new TruncationCheckingReader(jdkReader());
    }
    ByteArrayImageInputStream in = new ByteArrayImageInputStream(markers.withoutIcc(data));
    try {
      if (colors == Colors.YCBCR && jdkAgreesOnYcbcr(markers)) {
        return reader.readRgb(in, markers.width(), markers.height());
      }
      return fromRaw(reader.readRaster(in), colors, markers.componentIds().length);
    } catch (IOException | RuntimeException e) {
      throw new InvalidImageException("the JPEG is corrupt and cannot be decoded: " + e.getMessage(), e);
    } finally {
      idle.offerFirst(reader);
    }
  }

  private static RgbImage fromRaw(Raster raster, Colors colors, int components) {
    byte[] samples = samplesOf(raster, components);
    int width = raster.getWidth();
    int height = raster.getHeight();
    switch (colors) {
      case GRAY:
        return new RgbImage(width, height, JpegColorConversion.grayToRgb(samples));
      case YCBCR:
        JpegColorConversion.yccToRgbInPlace(samples);
        return new RgbImage(width, height, samples);
      case RGB:
        return new RgbImage(width, height, samples);
      default:
        return new RgbImage(width, height,
            JpegColorConversion.fourComponentToRgb(samples, colors == Colors.YCCK));
    }
  }

  /**
   * Whether the JDK, which second-guesses libjpeg for three components (imageioJPEG.c), also takes
   * this image for YCbCr: it does with Adobe transform 1, and without an Adobe marker when there
   * is a JFIF marker or the chroma is subsampled.
   */
  private static boolean jdkAgreesOnYcbcr(JpegMarkers m) {
    return m.adobeTransform() == 1 || (m.adobeTransform() < 0 && (m.jfif() || m.chromaSubsampled()));
  }

  /** The JDK's own reader, even when a plugin (TwelveMonkeys) registers itself first. */
  private static ImageReader jdkReader() {
    ImageReader first = null;
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
      ImageReader reader = it.next();
      if (reader.getClass().getName().startsWith("com.sun.imageio.")) {
        return reader;
      }
      first = first == null ? reader : first;
    }
    if (first == null) {
      throw new IllegalStateException("no JPEG reader in this JDK");
    }
    return first;
  }

  /** The colour space libjpeg (jdapimin.c default_decompress_parms) assigns the components. */
  private static Colors colorsOf(JpegMarkers m) {
    int[] ids = m.componentIds();
    switch (ids.length) {
      case 1:
        return Colors.GRAY;
      case 3:
        if (m.jfif()) {
          return Colors.YCBCR;
        }
        if (m.adobeTransform() >= 0) {
          return m.adobeTransform() == 0 ? Colors.RGB : Colors.YCBCR;
        }
        return ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B' ? Colors.RGB : Colors.YCBCR;
      case 4:
        return m.adobeTransform() > 0 ? Colors.YCCK : Colors.CMYK;
      default:
        throw new InvalidImageException(
            "unsupported JPEG with " + ids.length + " colour components (1, 3 or 4 are supported)");
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

  private enum Colors {
    GRAY,
    YCBCR,
    RGB,
    CMYK,
    YCCK
  }
}
