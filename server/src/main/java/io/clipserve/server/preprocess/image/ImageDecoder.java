package io.clipserve.server.preprocess.image;

/**
 * Encoded bytes to the image Pillow's {@code Image.open} gives (mode and samples): refuses images
 * over the pixel limit from the header alone and JPEGs over the scan limit from their markers,
 * then decodes with the decoder for the format under a {@link DecodeWatch} (decode-time limit and
 * the caller's {@link StopCheck}). Thread-safe.
 */
final class ImageDecoder {

  /** Pixels whose RGB bytes and decoders' rasters (up to 4 bytes a pixel) fit a Java array. */
  private static final long ARRAY_PIXELS = Integer.MAX_VALUE / 4;

  private final DecodeLimits limits;
  private final long maxPixels;
  private final JpegDecoder jpeg = new JpegDecoder();
  private final ImageIoDecoder others = new ImageIoDecoder();

  /** Refuses images over {@code limits}, and over what a Java array holds whatever they say. */
  ImageDecoder(DecodeLimits limits) {
    this.limits = limits;
    this.maxPixels = Math.min(limits.maxPixels(), ARRAY_PIXELS);
  }

  ModeImage decode(byte[] encoded, StopCheck stop) {
    ImageHeader header = ImageHeaderProbe.probe(encoded);
    if (header.pixels() > maxPixels) {
      String count = header.pixels() == Long.MAX_VALUE ? "" : " = " + header.pixels();
      throw new InvalidImageException(String.format(
          "the image is %dx%d%s pixels; limit clipserve.limits.max-image-pixels = %d;"
              + " send a smaller image", header.width(), header.height(), count, maxPixels));
    }
    DecodeWatch watch = new DecodeWatch(stop, limits.maxDecodeMillis());
    if (header.format() == ImageFormat.JPEG) {
      int scans = JpegScans.count(encoded);
      if (scans > limits.maxJpegScans()) {
        throw new InvalidImageException("the image has " + scans
            + " scans (progressive JPEG); limit clipserve.limits.max-jpeg-scans = "
            + limits.maxJpegScans());
      }
      return jpeg.decode(encoded, JpegMarkers.scan(encoded), watch);
    }
    return others.decode(encoded, header.format(), watch);
  }
}
