package io.clipserve.server.preprocess.image;

/**
 * Where an image of a given size goes: the size Pillow resizes it to and the square window kept,
 * as the reference pipelines compute them. SQUASH is torchvision {@code Resize((s, s))};
 * SHORTEST_SIDE_CENTER_CROP is torchvision 0.14 {@code Resize(s)} (shorter side to s, longer side
 * {@code int(s * long / short)}) then {@code CenterCrop(s)} (offsets
 * {@code int(round((side - s) / 2.0))}, Python's half-to-even rounding).
 *
 * @param width width after resizing
 * @param height height after resizing
 * @param left first column kept
 * @param top first row kept
 * @param size side of the kept square
 */
record ResizePlan(int width, int height, int left, int top, int size) {

  static ResizePlan of(ImageSpec spec, int sourceWidth, int sourceHeight) {
    int size = spec.size();
    if (spec.resize() == ImageSpec.Resize.SQUASH) {
      return new ResizePlan(size, size, 0, 0, size);
    }
    int shorter = Math.min(sourceWidth, sourceHeight);
    int longer = Math.max(sourceWidth, sourceHeight);
    long scaledLonger = (long) ((double) ((long) size * longer) / shorter);
    if (scaledLonger > Integer.MAX_VALUE / 4) {
      throw new InvalidImageException("the image is too elongated to resize: "
          + sourceWidth + "x" + sourceHeight);
    }
    int width = sourceWidth <= sourceHeight ? size : (int) scaledLonger;
    int height = sourceWidth <= sourceHeight ? (int) scaledLonger : size;
    return new ResizePlan(width, height,
        (int) Math.rint((width - size) / 2.0), (int) Math.rint((height - size) / 2.0), size);
  }
}
