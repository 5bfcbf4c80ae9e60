package io.clipserve.server.preprocess.image;

/**
 * What an encoded image's header says, read before any pixel is decoded.
 *
 * @param format the encoding
 * @param width pixels per row as declared; a long because PNG declares up to 2^31 - 1 and more
 * @param height rows as declared
 */
record ImageHeader(ImageFormat format, long width, long height) {

  /** width x height, saturating at Long.MAX_VALUE: PNG dimensions reach 2^32 - 1 each. */
  long pixels() {
    return Math.multiplyHigh(width, height) == 0 && width * height >= 0
        ? width * height
        : Long.MAX_VALUE;
  }
}
