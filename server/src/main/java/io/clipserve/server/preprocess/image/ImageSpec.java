package io.clipserve.server.preprocess.image;

/**
 * What an image encoder expects: a square of {@code size} pixels, reached by {@code resize},
 * normalised per channel (R, G, B) as {@code (pixel / 255 - mean) / std}.
 *
 * @param size side of the square input, e.g. 224 or 336
 * @param resize how the image is brought to the square
 * @param mean per-channel mean, three values
 * @param std per-channel standard deviation, three values
 * @param limits what decoding one image may cost
 */
public record ImageSpec(int size, Resize resize, float[] mean, float[] std, DecodeLimits limits) {

  /** The two resize pipelines of the model families. */
  public enum Resize {
    /** Straight to size × size (Chinese-CLIP, QA-CLIP). */
    SQUASH,
    /** torchvision {@code Resize(size)} then {@code CenterCrop(size)} (OpenAI CLIP, AltCLIP). */
    SHORTEST_SIDE_CENTER_CROP
  }

  public ImageSpec {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("mean and std need three values each");
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** Floats one image occupies in the input tensor: 3 × size × size. */
  public int tensorLength() {
    return 3 * size * size;
  }
}
