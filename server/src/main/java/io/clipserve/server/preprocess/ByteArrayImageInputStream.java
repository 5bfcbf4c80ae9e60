package io.clipserve.server.preprocess;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@link javax.imageio.stream.ImageInputStream} over a byte array, without the block cache
 * ImageIO's own memory streams copy through. One reader at a time; not thread-safe.
 */
final class ByteArrayImageInputStream extends ImageInputStreamImpl {

  private final byte[] data;

  ByteArrayImageInputStream(byte[] data) {
    this.data = data;
  }

  @Override
  public int read() {
    bitOffset = 0;
    return streamPos < data.length ? data[(int) streamPos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) {
    bitOffset = 0;
    if (streamPos >= data.length) {
      return length == 0 ? 0 : -1;
    }
    int n = (int) Math.min(length, data.length - streamPos);
    System.arraycopy(data, (int) streamPos, into, offset, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return data.length;
  }
}
