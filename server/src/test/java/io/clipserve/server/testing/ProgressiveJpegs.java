package io.clipserve.server.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Writes the progressive JPEG of the decode-cost attack: an all-gray frame whose first DC scan is
 * followed by any number of empty DC-refinement scans. Each scan is cheap to read, but a decoder
 * that renders the image after every scan (the JDK's) pays the whole frame per scan.
 */
public final class ProgressiveJpegs {
  private ProgressiveJpegs() {}

  /**
   * @param components 1 (gray) or 3 (YCbCr)
   * @param refinementScans empty DC-refinement scans after the first scan
   */
  public static byte[] gray(int width, int height, int components, int refinementScans) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    marker(out, 0xD8);
    byte[] quantization = new byte[65];
    Arrays.fill(quantization, 1, 65, (byte) 1);
    segment(out, 0xDB, quantization);
    byte[] frame = new byte[6 + 3 * components];
    frame[0] = 8;
    frame[1] = (byte) (height >> 8);
    frame[2] = (byte) height;
    frame[3] = (byte) (width >> 8);
    frame[4] = (byte) width;
    frame[5] = (byte) components;
    for (int c = 0; c < components; c++) {
      frame[6 + 3 * c] = (byte) (c + 1);
      frame[7 + 3 * c] = 0x11;
    }
    segment(out, 0xC2, frame);
    // One DC code: category 0 (difference 0) is the one-bit code "0".
    byte[] huffman = new byte[18];
    huffman[1] = 1;
    segment(out, 0xC4, huffman);
    segment(out, 0xDA, scanHeader(components, 0x01));
    long blocks = (long) ((width + 7) / 8) * ((height + 7) / 8) * components;
    byte[] data = new byte[(int) ((blocks + 7) / 8)];
    int padding = (int) (data.length * 8L - blocks);
    data[data.length - 1] |= (byte) ((1 << padding) - 1);
    out.writeBytes(data);
    for (int i = 0; i < refinementScans; i++) {
      segment(out, 0xDA, scanHeader(components, 0x10));
    }
    marker(out, 0xD9);
    return out.toByteArray();
  }

  private static byte[] scanHeader(int components, int successiveApproximation) {
    byte[] header = new byte[4 + 2 * components];
    header[0] = (byte) components;
    for (int c = 0; c < components; c++) {
      header[1 + 2 * c] = (byte) (c + 1);
    }
    header[header.length - 1] = (byte) successiveApproximation; // Ss = Se = 0: DC only
    return header;
  }

  private static void marker(ByteArrayOutputStream out, int code) {
    out.write(0xFF);
    out.write(code);
  }

  private static void segment(ByteArrayOutputStream out, int code, byte[] body) {
    marker(out, code);
    out.write((body.length + 2) >> 8);
    out.write(body.length + 2);
    out.writeBytes(body);
  }
}
