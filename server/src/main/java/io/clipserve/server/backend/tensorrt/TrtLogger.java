package io.clipserve.server.backend.tensorrt;

import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TensorRT's log, forwarded to SLF4J (errors, warnings; info at debug). One instance per process:
 * TensorRT keeps the pointer, so {@link #INSTANCE} stays reachable for the life of the JVM.
 * Thread-safe: TensorRT may call it from any thread.
 */
final class TrtLogger extends ILogger {
  static final TrtLogger INSTANCE = new TrtLogger();
  private static final Logger LOG = LoggerFactory.getLogger("io.clipserve.server.backend.tensorrt.TensorRT");

  private TrtLogger() {}

  @Override
  public void log(Severity severity, String message) {
    switch (severity) {
      case kINTERNAL_ERROR, kERROR -> LOG.error(message);
      case kWARNING -> LOG.warn(message);
      case kINFO -> LOG.debug(message);
      default -> LOG.trace(message);
    }
  }
}
