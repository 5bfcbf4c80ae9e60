package io.clipserve.server.preprocess;

/**
 * Encoded bytes to RGB pixels: refuses images over the pixel limit from the header alone, then
 * decodes with the decoder for the format. Thread-safe.
 */
final class ImageDecoder {

  private final long maxPixels;
  private final JpegDecoder jpeg = new JpegDecoder();
  private final ImageIoDecoder others = new ImageIoDecoder();

  ImageDecoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  RgbImage decode(byte[] encoded) {
    ImageHeader header = ImageHeaderProbe.probe(encoded);
    if (header.pixels() > maxPixels) {
      throw new InvalidImageException(String.format(
          "the image is %dx%d = %d pixels, over the limit of %d pixels; send a smaller image",
          header.width(), header.height(), header.pixels(), maxPixels));
    }
    if (header.format() == ImageFormat.JPEG) {
      return jpeg.decode(encoded, JpegMarkers.scan(encoded));
    }
    return others.decode(encoded, header.format());
  }
}
