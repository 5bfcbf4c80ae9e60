package io.clipserve.server.preprocess;

/** The encodings clipserve decodes, recognised by their leading bytes. */
enum ImageFormat {
  JPEG,
  PNG,
  BMP,
  GIF
}
