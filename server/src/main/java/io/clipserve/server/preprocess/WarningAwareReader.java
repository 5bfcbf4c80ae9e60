package io.clipserve.server.preprocess;

import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A JDK JPEG reader that fails where Pillow fails: libjpeg only warns when the data ends before
 * the last scan line and fills the rest with gray, whereas Pillow refuses such a truncated file.
 * One thread at a time.
 */
final class WarningAwareReader {

  private final ImageReader reader;
  private String truncation;

  WarningAwareReader(ImageReader reader) {
    this.reader = reader;
    reader.addIIOReadWarningListener((source, warning) -> {
      if (warning.contains("Premature end")) {
        truncation = warning;
      }
    });
  }

  /** The first image's raw components, without colour conversion. */
  Raster readRaster(ImageInputStream in) throws IOException {
    truncation = null;
    reader.setInput(in, true, true);
    try {
      Raster raster = reader.readRaster(0, null);
      if (truncation != null) {
        throw new IIOException("the data ends early (" + truncation + ")");
      }
      return raster;
    } finally {
      reader.setInput(null);
    }
  }
}
