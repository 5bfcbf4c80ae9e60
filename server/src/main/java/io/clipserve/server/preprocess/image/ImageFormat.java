package io.clipserve.server.preprocess.image;

/** The encodings clipserve decodes, recognised by their leading bytes. */
enum ImageFormat {
  JPEG,
  PNG,
  BMP,
  GIF
}
