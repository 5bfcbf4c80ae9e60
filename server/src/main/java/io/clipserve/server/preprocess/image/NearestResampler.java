package io.clipserve.server.preprocess.image;

/**
 * Pillow's nearest-neighbour resize, which {@code Image.resize} uses for modes "1" and "P"
 * whatever filter is asked (libImaging/Geometry.c {@code ImagingScaleAffine}): output pixel x
 * reads source pixel {@code (int) xo}, where {@code xo} starts at half a step and grows by
 * {@code in / out} per pixel, accumulated in double as Pillow does. Computed for the window kept
 * only. Stateless and thread-safe.
 */
final class NearestResampler {

  private NearestResampler() {}

  /** The window {@code plan} keeps of {@code src} resized: the same interleaved samples. */
  static byte[] resize(ModeImage src, ResizePlan plan) {
    int n = src.mode().channels();
    int size = plan.size();
    int[] xs = sources(src.width(), plan.width(), plan.left() + size);
    int[] ys = sources(src.height(), plan.height(), plan.top() + size);
    byte[] in = src.samples();
    byte[] out = new byte[n * size * size];
    for (int y = 0, o = 0; y < size; y++) {
      int row = ys[plan.top() + y] * src.width();
      for (int x = 0; x < size; x++) {
        int p = n * (row + xs[plan.left() + x]);
        for (int b = 0; b < n; b++) {
          out[o++] = in[p + b];
        }
      }
    }
    return out;
  }

  /** Source index of output pixels [0, upTo) of {@code inSize} resized to {@code outSize}. */
  private static int[] sources(int inSize, int outSize, int upTo) {
    double step = (double) inSize / outSize;
    double position = step * 0.5;
    int[] sources = new int[upTo];
    for (int i = 0; i < upTo; i++) {
      sources[i] = Math.min((int) position, inSize - 1);
      position += step;
    }
    return sources;
  }
}
