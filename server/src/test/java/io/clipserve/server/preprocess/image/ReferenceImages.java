package io.clipserve.server.preprocess.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * The Pillow/torchvision references written by tools/reference_images.py: inputs (photos from
 * the shared test data, synthetic ones from the classpath), Pillow's decoded pixels as digests
 * and per-row CRCs with the mode Pillow opened the file in, the resized pixels as digests and,
 * for JPEG squash 224, PNG files, and torchvision's normalisation of every level.
 */
public final class ReferenceImages {

  private static final String ROOT = "/reference/images/";

  /** One decoded.tsv line. */
  record Decoded(
      String name, int width, int height, String sha256, long[] rowCrcs, String mode) {}

  /** One resized.tsv line. */
  public record Resized(String name, String mode, int size, String sha256, String png) {

    ImageSpec.Resize resize() {
      return mode.equals("squash") ? ImageSpec.Resize.SQUASH : ImageSpec.Resize.SHORTEST_SIDE_CENTER_CROP;
    }

    @Override
    public String toString() {
      return name + " " + mode + " " + size;
    }
  }

  private ReferenceImages() {}

  static Map<String, Decoded> decoded() {
    Map<String, Decoded> out = new LinkedHashMap<>();
    for (String[] f : table("decoded.tsv")) {
      long[] crcs = new long[f[4].length() / 8];
      for (int i = 0; i < crcs.length; i++) {
        crcs[i] = Long.parseLong(f[4].substring(8 * i, 8 * i + 8), 16);
      }
      out.put(f[0],
          new Decoded(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), f[3], crcs, f[5]));
    }
    return out;
  }

  public static List<Resized> resized() {
    List<Resized> out = new ArrayList<>();
    for (String[] f : table("resized.tsv")) {
      out.add(new Resized(f[0], f[1], Integer.parseInt(f[2]), f[3], f[4]));
    }
    return out;
  }

  /** The encoded input: a synthetic one from the classpath, else a shared test photo. */
  public static byte[] input(String name) {
    try (InputStream in = ReferenceImages.class.getResourceAsStream(ROOT + "inputs/" + name)) {
      if (in != null) {
        return in.readAllBytes();
      }
      return Files.readAllBytes(testdata().resolve("images").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path testdata() {
    return Path.of(System.getProperty("clipserve.testdata", "../testdata"));
  }

  /** Pillow's resized pixels from an expected PNG. */
  static RgbImage expectedPng(String png) {
    try (InputStream in = ReferenceImages.class.getResourceAsStream(ROOT + "expected/" + png)) {
      return ImageIoSamples.of(ImageIO.read(in), PillowMode.RGB).toRgb();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String sha256(RgbImage image) {
    return sha256(image.pixels());
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of {@code image} whose CRC differs from Pillow's, as a flag per row. */
  static boolean[] differingRows(RgbImage image, Decoded reference) {
    boolean[] differs = new boolean[image.height()];
    int rowBytes = 3 * image.width();
    for (int y = 0; y < image.height(); y++) {
      CRC32 crc = new CRC32();
      crc.update(image.pixels(), y * rowBytes, rowBytes);
      differs[y] = crc.getValue() != reference.rowCrcs()[y];
    }
    return differs;
  }

  /**
   * levels.tsv: torchvision's normalised value of each uint8 level per channel (R, G, B), as
   * float32 bit patterns.
   */
  public static int[][] normalizedLevels() {
    List<String[]> rows = table("levels.tsv");
    int[][] levels = new int[3][256];
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        levels[c][v] = Integer.parseUnsignedInt(rows.get(c)[v], 16);
      }
    }
    return levels;
  }

  private static List<String[]> table(String file) {
    try (InputStream in = ReferenceImages.class.getResourceAsStream(ROOT + file)) {
      List<String[]> rows = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
