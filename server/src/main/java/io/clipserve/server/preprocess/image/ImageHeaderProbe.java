package io.clipserve.server.preprocess.image;

/**
 * Reads an image's format and declared size from its first bytes, without decoding or allocating
 * pixels, so that oversized images are refused before any work is done. Stateless and
 * thread-safe.
 */
final class ImageHeaderProbe {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private ImageHeaderProbe() {}

  /** The header of {@code data}; throws if it is not a readable JPEG, PNG, BMP or GIF header. */
  static ImageHeader probe(byte[] data) {
    if (data.length == 0) {
      throw new InvalidImageException("the image is empty (0 bytes)");
    }
    ImageHeader header;
    if (startsWith(data, PNG_SIGNATURE)) {
      header = png(data);
    } else if (data.length >= 2 && (data[0] & 0xff) == 0xFF && (data[1] & 0xff) == 0xD8) {
      JpegMarkers markers = JpegMarkers.scan(data);
      header = new ImageHeader(ImageFormat.JPEG, markers.width(), markers.height());
    } else if (startsWith(data, "GIF87a".getBytes()) || startsWith(data, "GIF89a".getBytes())) {
      GifLayout layout = GifLayout.parse(data);
      header = new ImageHeader(ImageFormat.GIF, layout.canvasWidth(), layout.canvasHeight());
    } else if (startsWith(data, "BM".getBytes())) {
      header = bmp(data);
    } else {
      throw new InvalidImageException(
          "the bytes are not a JPEG, PNG, BMP or GIF image (unrecognised leading bytes)");
    }
    if (header.width() <= 0 || header.height() <= 0) {
      throw new InvalidImageException(
          "the " + header.format() + " header declares an empty image: "
              + header.width() + "x" + header.height());
    }
    return header;
  }

  private static ImageHeader png(byte[] data) {
    // Signature, then the IHDR chunk: length 13, "IHDR", width, height (big-endian, unsigned).
    if (data.length < 24
        || data[12] != 'I' || data[13] != 'H' || data[14] != 'D' || data[15] != 'R') {
      throw new InvalidImageException("the PNG is truncated or corrupt: no IHDR header chunk");
    }
    return new ImageHeader(ImageFormat.PNG, u32be(data, 16), u32be(data, 20));
  }

  private static ImageHeader bmp(byte[] data) {
    if (data.length < 26) {
      throw new InvalidImageException("the BMP is truncated: its header is incomplete");
    }
    long infoSize = u32le(data, 14);
    if (infoSize == 12) { // OS/2 BITMAPCOREHEADER: 16-bit dimensions
      return new ImageHeader(ImageFormat.BMP, u16le(data, 18), u16le(data, 20));
    }
    // BITMAPINFOHEADER and later: signed 32-bit dimensions; a negative height means top-down.
    int width = (int) u32le(data, 18);
    int height = (int) u32le(data, 22);
    return new ImageHeader(ImageFormat.BMP, width, Math.abs((long) height));
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static int u16le(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  static int u16be(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static long u32le(byte[] b, int at) {
    return u16le(b, at) | (long) u16le(b, at + 2) << 16;
  }

  private static long u32be(byte[] b, int at) {
    return (long) u16be(b, at) << 16 | u16be(b, at + 2);
  }
}
