package io.clipserve.server.preprocess.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;

/**
 * A JDK JPEG reader that fails where Pillow fails: when the data ends before the image does, the
 * JDK feeds libjpeg a fake end marker and returns the image padded with gray (a warning at most),
 * whereas Pillow refuses the truncated file. One thread at a time.
 */
final class TruncationCheckingReader {

  private static final ColorModel RGB = new ComponentColorModel(
      ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE,
      DataBuffer.TYPE_BYTE);
  private static final int[] RGB_OFFSETS = {0, 1, 2};

  private final ImageReader reader;

  private TruncationCheckingReader(ImageReader reader) {
    this.reader = reader;
  }

  /** Wraps the JDK's own reader, even when a plugin (TwelveMonkeys) registers itself first. */
  static TruncationCheckingReader create() {
    ImageReader first = null;
    for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("jpeg"); it.hasNext(); ) {
      ImageReader reader = it.next();
      if (reader.getClass().getName().startsWith("com.sun.imageio.")) {
        return new TruncationCheckingReader(reader);
      }
      first = first == null ? reader : first;
    }
    if (first == null) {
      throw new IllegalStateException("no JPEG reader in this JDK");
    }
    return new TruncationCheckingReader(first);
  }

  /** The first image's raw components, without colour conversion. */
  Raster readRaster(ByteArrayImageInputStream in, DecodeWatch watch) throws IOException {
    reader.setInput(in, true, true);
    reader.addIIOReadUpdateListener(watch);
    try {
      Raster raster = reader.readRaster(0, null);
      checkComplete(in, watch);
      return raster;
    } finally {
      reader.removeAllIIOReadUpdateListeners();
      reader.setInput(null);
    }
  }

  /**
   * The first image converted by libjpeg to RGB, read straight into R, G, B interleaved bytes (the
   * JDK's default BGR destination would be copied pixel by pixel).
   */
  byte[] readRgb(ByteArrayImageInputStream in, int width, int height, DecodeWatch watch)
      throws IOException {
    byte[] pixels = new byte[3 * width * height];
    WritableRaster raster = Raster.createInterleavedRaster(
        new DataBufferByte(pixels, pixels.length), width, height, 3 * width, 3, RGB_OFFSETS, null);
    ImageReadParam param = reader.getDefaultReadParam();
    param.setDestination(new BufferedImage(RGB, raster, false, null));
    reader.setInput(in, true, true);
    reader.addIIOReadUpdateListener(watch);
    try {
      reader.read(0, param);
      checkComplete(in, watch);
      return pixels;
    } finally {
      reader.removeAllIIOReadUpdateListeners();
      reader.setInput(null);
    }
  }

  /** A stopped read returns early with what it has: that is not the file's truncation. */
  private static void checkComplete(ByteArrayImageInputStream in, DecodeWatch watch)
      throws IIOException {
    watch.throwIfStopped();
    if (in.overrun()) {
      throw new IIOException("the data ends before the image does (truncated)");
    }
  }
}
