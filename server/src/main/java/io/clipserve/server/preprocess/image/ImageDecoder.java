package io.clipserve.server.preprocess.image;

/**
 * Encoded bytes to the image Pillow's {@code Image.open} gives (mode and samples): refuses images
 * over the pixel limit from the header alone, then decodes with the decoder for the format.
 * Thread-safe.
 */
final class ImageDecoder {

  /** Pixels whose RGB bytes and decoders' rasters (up to 4 bytes a pixel) fit a Java array. */
  private static final long ARRAY_PIXELS = Integer.MAX_VALUE / 4;

  private final long maxPixels;
  private final JpegDecoder jpeg = new JpegDecoder();
  private final ImageIoDecoder others = new ImageIoDecoder();

  /** Refuses images over {@code maxPixels}, and over what a Java array holds whatever it is. */
  ImageDecoder(long maxPixels) {
    this.maxPixels = Math.min(maxPixels, ARRAY_PIXELS);
  }

  ModeImage decode(byte[] encoded) {
    ImageHeader header = ImageHeaderProbe.probe(encoded);
    if (header.pixels() > maxPixels) {
      String count = header.pixels() == Long.MAX_VALUE ? "" : " = " + header.pixels();
      throw new InvalidImageException(String.format(
          "the image is %dx%d%s pixels, over the limit of %d pixels; send a smaller image",
          header.width(), header.height(), count, maxPixels));
    }
    if (header.format() == ImageFormat.JPEG) {
      return jpeg.decode(encoded, JpegMarkers.scan(encoded));
    }
    return others.decode(encoded, header.format());
  }
}
