package io.clipserve.server.preprocess.image;

/** The colour space of a JPEG's components, as libjpeg decides it and Pillow then reads it. */
enum JpegColorSpace {
  GRAY,
  YCBCR,
  RGB,
  /** Adobe CMYK, stored inverted. */
  CMYK,
  YCCK;

  /** libjpeg's choice (jdapimin.c default_decompress_parms) from the frame and markers. */
  static JpegColorSpace of(JpegMarkers m) {
    int[] ids = m.componentIds();
    switch (ids.length) {
      case 1:
        return GRAY;
      case 3:
        if (m.jfif()) {
          return YCBCR;
        }
        if (m.adobeTransform() >= 0) {
          return m.adobeTransform() == 0 ? RGB : YCBCR;
        }
        return ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B' ? RGB : YCBCR;
      case 4:
        return m.adobeTransform() > 0 ? YCCK : CMYK;
      default:
        throw new InvalidImageException(
            "unsupported JPEG with " + ids.length + " colour components (1, 3 or 4 are supported)");
    }
  }

  /**
   * Whether the JDK reader, which second-guesses libjpeg for three components (imageioJPEG.c),
   * also takes the image for YCbCr, so that libjpeg may convert it to RGB itself: it does with
   * Adobe transform 1, and without an Adobe marker when there is a JFIF marker or the chroma is
   * subsampled.
   */
  static boolean jdkConvertsYcbcr(JpegMarkers m) {
    return of(m) == YCBCR
        && (m.adobeTransform() == 1
            || (m.adobeTransform() < 0 && (m.jfif() || m.chromaSubsampled())));
  }
}
