package io.clipserve.server.preprocess.image;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over a byte array, without the block cache
 * ImageIO's own memory streams copy through, that tells whether a reader asked for bytes past the
 * end (a truncated image), and that can be {@link #end() ended} early. One reader at a time; not
 * thread-safe.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

  /**
   * Most bytes one read hands out. The JDK's JPEG reader buffers what it reads; after a stop it
   * still decodes the scans in its buffer (an empty scan of a 50-megapixel image costs about a
   * millisecond), so small reads keep a stopped decode short.
   */
  static final int MAX_READ = 1024;

  private final byte[] data;
  private boolean overrun;
  private boolean ended;

  ByteArrayImageInputStream(byte[] data) {
    this.data = data;
  }

  /** Whether a read found no more data. */
  boolean overrun() {
    return overrun;
  }

  /**
   * Makes every later read find the end of the data (not counted as an overrun): a stopped JPEG
   * decode then meets the end-of-image marker the JDK supplies at the end of data, instead of
   * still reading every remaining scan after {@link javax.imageio.ImageReader#abort()}.
   */
  void end() {
    ended = true;
  }

  @Override
  public int read() {
    bitOffset = 0;
    if (ended) {
      return -1;
    }
    if (streamPos >= data.length) {
      overrun = true;
      return -1;
    }
    return data[(int) streamPos++] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    bitOffset = 0;
    if (ended) {
      return length == 0 ? 0 : -1;
    }
    if (streamPos >= data.length) {
      overrun |= length > 0;
      return length == 0 ? 0 : -1;
    }
    int n = (int) Math.min(Math.min(length, MAX_READ), data.length - streamPos);
    System.arraycopy(data, (int) streamPos, into, offset, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return data.length;
  }
}
