package io.clipserve.server.preprocess.image;

import java.awt.image.BufferedImage;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadUpdateListener;

/**
 * Stops one ImageIO read cooperatively: the JDK's readers report every decoded row and every
 * progressive pass to their update listeners on the decoding thread, and this listener asks the
 * caller's {@link StopCheck} and the decode-time limit each time; when either says stop, it calls
 * {@link ImageReader#abort()} (the JPEG reader's native loop checks its abort flag per row), ends
 * the input so that no further scan is read, and the caller throws the reason once the read
 * returns ({@link #throwIfStopped()}). One read, one thread.
 *
 * <p>libjpeg cannot be interrupted inside a scan: a stop takes effect once it has read the scan in
 * progress. For the first scan of a progressive JPEG that is the whole frame's coefficient buffer
 * (128 bytes per pixel and component, zeroed as it is filled): up to about a second for a
 * 50-megapixel colour frame on a loaded 2-core machine, which the decode may run past the limit.
 */
final class DecodeWatch implements IIOReadUpdateListener {
  private final StopCheck caller;
  private final long limitMillis;
  private final long deadlineNanos;
  private ByteArrayImageInputStream input;
  private RuntimeException stopped;

  DecodeWatch(StopCheck caller, long limitMillis) {
    this.caller = caller;
    this.limitMillis = limitMillis;
    this.deadlineNanos = System.nanoTime() + limitMillis * 1_000_000L;
  }

  /** The input the watched read consumes, ended when the read is stopped. */
  ByteArrayImageInputStream reading(ByteArrayImageInputStream in) {
    this.input = in;
    return in;
  }

  /** Throws why the read was stopped, if it was; call after the read returns or fails. */
  void throwIfStopped() {
    if (stopped != null) {
      throw stopped;
    }
  }

  private void check(ImageReader reader) {
    if (stopped != null) {
      return;
    }
    RuntimeException reason = caller.reason();
    if (reason == null && System.nanoTime() - deadlineNanos > 0) {
      reason = new InvalidImageException("decoding the image took over " + limitMillis
          + " ms; limit clipserve.limits.max-decode-millis = " + limitMillis);
    }
    if (reason != null) {
      stopped = reason;
      reader.abort();
      if (input != null) {
        input.end();
      }
    }
  }

  @Override
  public void passStarted(ImageReader source, BufferedImage image, int pass, int minPass,
      int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {
    check(source);
  }

  @Override
  public void imageUpdate(ImageReader source, BufferedImage image, int minX, int minY, int width,
      int height, int periodX, int periodY, int[] bands) {
    check(source);
  }

  @Override
  public void passComplete(ImageReader source, BufferedImage image) {
    check(source);
  }

  @Override
  public void thumbnailPassStarted(ImageReader source, BufferedImage thumbnail, int pass,
      int minPass, int maxPass, int minX, int minY, int periodX, int periodY, int[] bands) {}

  @Override
  public void thumbnailUpdate(ImageReader source, BufferedImage thumbnail, int minX, int minY,
      int width, int height, int periodX, int periodY, int[] bands) {}

  @Override
  public void thumbnailPassComplete(ImageReader source, BufferedImage thumbnail) {}
}
