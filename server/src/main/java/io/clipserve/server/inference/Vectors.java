package io.clipserve.server.inference;

import java.util.List;

/** Small vector operations on embeddings. Stateless. */
final class Vectors {
  private Vectors() {}

  /** {@code v} scaled to unit length (in place) and returned; a zero vector stays zero. */
  static float[] normalize(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum > 0) {
      float scale = (float) (1.0 / Math.sqrt(sum));
      for (int i = 0; i < v.length; i++) {
        v[i] *= scale;
      }
    }
    return v;
  }

  static float dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return (float) sum;
  }

  /** The element-wise mean of equally long vectors. */
  static float[] mean(List<float[]> vectors) {
    float[] mean = new float[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += v[i];
      }
    }
    for (int i = 0; i < mean.length; i++) {
      mean[i] /= vectors.size();
    }
    return mean;
  }
}
