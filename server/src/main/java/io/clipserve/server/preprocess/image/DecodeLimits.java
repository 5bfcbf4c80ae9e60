package io.clipserve.server.preprocess.image;

/**
 * What decoding one image may cost, each limit named after the setting that sets it.
 *
 * @param maxPixels largest width × height accepted, checked from the header before decoding
 *     ({@code clipserve.limits.max-image-pixels})
 * @param maxJpegScans most scans a JPEG may have, counted before decoding
 *     ({@code clipserve.limits.max-jpeg-scans})
 * @param maxDecodeMillis longest a decode may run before it stops and the image is refused
 *     ({@code clipserve.limits.max-decode-millis})
 */
public record DecodeLimits(long maxPixels, int maxJpegScans, long maxDecodeMillis) {

  /** The server's defaults. */
  public static final DecodeLimits DEFAULT = new DecodeLimits(50_000_000L, 100, 2000);

  public DecodeLimits {
    if (maxPixels <= 0 || maxJpegScans <= 0 || maxDecodeMillis <= 0) {
      throw new IllegalArgumentException("decode limits must be positive: max-image-pixels "
          + maxPixels + ", max-jpeg-scans " + maxJpegScans + ", max-decode-millis "
          + maxDecodeMillis);
    }
  }

  public DecodeLimits withMaxPixels(long pixels) {
    return new DecodeLimits(pixels, maxJpegScans, maxDecodeMillis);
  }

  public DecodeLimits withMaxJpegScans(int scans) {
    return new DecodeLimits(maxPixels, scans, maxDecodeMillis);
  }

  public DecodeLimits withMaxDecodeMillis(long millis) {
    return new DecodeLimits(maxPixels, maxJpegScans, millis);
  }
}
