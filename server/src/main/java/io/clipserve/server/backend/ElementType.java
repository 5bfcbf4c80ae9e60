package io.clipserve.server.backend;

/** Element types of encoder inputs. */
public enum ElementType {
  FLOAT32(4),
  INT64(8),
  INT32(4);

  private final int bytes;

  ElementType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }
}
