package io.clipserve.server.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The JavaCPP internals {@link TrtOwnership} relies on, exercised with a type JavaCPP can allocate
 * without CUDA: memory allocated by one pointer is handed, with its deleter, to another that did not
 * own it, and closing that one frees it.
 */
class TrtOwnershipTest {

  /** Memory handed over by {@code owner}: a pointer at its address that owns nothing, as TensorRT's returns are. */
  private static Pointer disowned(Pointer owner) {
    long handedOver = owner.address();
    owner.deallocate(false);
    return new Pointer() {
      {
        address = handedOver;
      }
    };
  }

  @Test
  void aDeleterReadFromAnAllocatedObjectFreesAnAdoptedOne() {
    IntPointer allocated = new IntPointer(4L);
    long deleter = TrtOwnership.deleterOf(allocated);
    assertThat(deleter).isNotZero();
    Pointer adopted = disowned(allocated);
    TrtOwnership.adopt(adopted, deleter);
    assertThat(adopted.toString()).contains("NativeDeallocator");
    adopted.close(); // JavaCPP zeroes the address only after running a deallocator
    assertThat(adopted.isNull()).isTrue();
  }

  @Test
  void ownReusesTheDeleterOfAThrowawayInstanceAndPassesNullThrough() {
    IntPointer created = new IntPointer(disowned(new IntPointer(1L)));
    IntPointer owned = TrtOwnership.own(created, () -> new IntPointer(1L));
    assertThat(owned).isSameAs(created);
    owned.close();
    assertThat(owned.isNull()).isTrue();
    assertThat(TrtOwnership.own((IntPointer) null, () -> new IntPointer(1L))).isNull();
  }
}
