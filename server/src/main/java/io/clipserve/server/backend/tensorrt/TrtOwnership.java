package io.clipserve.server.backend.tensorrt;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bytedeco.javacpp.Pointer;

/**
 * Makes Java own TensorRT objects that TensorRT created. TensorRT 10 frees them with C++
 * {@code delete}, but the JavaCPP presets attach no deallocator to objects returned by
 * {@code createInferRuntime}, {@code deserializeCudaEngine}, {@code createExecutionContext} and the
 * builder calls, so {@code close()} on them frees nothing (bytedeco/javacpp-presets#1699). JavaCPP
 * does generate, per interface type, the {@code delete} it uses for objects Java allocated itself:
 * this class reads that function's address from a throwaway instance of the type and attaches it
 * to the created object, after which {@link Pointer#close()} deletes it (once; also on garbage
 * collection if never closed). It relies on three JavaCPP 1.5.x internals ({@code Pointer.init},
 * {@code Pointer.deallocator()}, {@code NativeDeallocator.deallocatorAddress()}), checked by a unit
 * test against the pinned JavaCPP version. Thread-safe.
 */
final class TrtOwnership {
  private static final Method INIT = accessible(Pointer.class, "init", long.class, long.class, long.class, long.class);
  private static final Method DEALLOCATOR = accessible(Pointer.class, "deallocator");
  private static final Method DEALLOCATOR_ADDRESS = accessible(nativeDeallocatorClass(), "deallocatorAddress");
  private static final Map<Class<?>, Long> DELETERS = new ConcurrentHashMap<>();

  private TrtOwnership() {}

  /**
   * Makes {@code object} owned: closing it deletes the C++ object.
   *
   * @param allocate creates a Java-allocated instance of the same C++ type, whose deleter is reused
   * @return {@code object}, or null when TensorRT returned null
   */
  static <P extends Pointer> P own(P object, Supplier<P> allocate) {
    if (object == null || object.isNull()) {
      return null;
    }
    long deleter = DELETERS.computeIfAbsent(object.getClass(), type -> {
      try (P sample = allocate.get()) {
        return deleterOf(sample);
      }
    });
    return adopt(object, deleter);
  }

  /** The address of the native function that frees {@code allocated}, a Java-allocated pointer. */
  static long deleterOf(Pointer allocated) {
    Object deallocator = invoke(DEALLOCATOR, allocated);
    if (!DEALLOCATOR_ADDRESS.getDeclaringClass().isInstance(deallocator)) {
      throw new IllegalStateException(allocated.getClass().getName() + " has no native deallocator");
    }
    return (Long) invoke(DEALLOCATOR_ADDRESS, deallocator);
  }

  /** Attaches {@code deleter} to {@code object} (one object at its address), which must not be owned yet. */
  static <P extends Pointer> P adopt(P object, long deleter) {
    long address = object.address();
    invoke(INIT, object, address, 1L, address, deleter);
    return object;
  }

  private static Class<?> nativeDeallocatorClass() {
    try {
      return Class.forName(Pointer.class.getName() + "$NativeDeallocator");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("JavaCPP changed: Pointer.NativeDeallocator is gone", e);
    }
  }

  private static Method accessible(Class<?> type, String name, Class<?>... parameters) {
    try {
      Method method = type.getDeclaredMethod(name, parameters);
      method.setAccessible(true);
      return method;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("JavaCPP changed: " + type.getSimpleName() + "." + name + " is gone", e);
    }
  }

  private static Object invoke(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
