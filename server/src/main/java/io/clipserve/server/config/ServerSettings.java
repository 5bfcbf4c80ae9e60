package io.clipserve.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;

/**
 * Settings under {@code clipserve.*}. Micronaut fills the setters at start-up; afterwards the
 * object is read-only and may be read from any thread.
 */
@ConfigurationProperties("clipserve")
public class ServerSettings {
  private Path modelRepository = Path.of("model-repository");
  private int pollSeconds = 5;
  private int preprocessThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
  private Grpc grpc = new Grpc();
  private Limits limits = new Limits();
  private Repository repository = new Repository();

  /** Directory holding one sub-directory per model. */
  public Path getModelRepository() {
    return modelRepository;
  }

  public void setModelRepository(Path modelRepository) {
    this.modelRepository = modelRepository;
  }

  /** How often the repository is re-read for changes; 0: never (only Load/UnloadModel). */
  public int getPollSeconds() {
    return pollSeconds;
  }

  public void setPollSeconds(int pollSeconds) {
    this.pollSeconds = pollSeconds;
  }

  /**
   * Threads decoding images, shared by every model; half the cores by default. Decoding is about 2 %
   * of a CPU encoder's work per image, and on 2 cores a pool as wide as the machine let a burst of
   * decodes preempt every intra-op thread at once (8 image clients: served / baseline 0.80–0.96
   * with 2 threads, 0.96–0.98 with 1; docs/batching-and-performance.md). Raise it to the core count
   * when the encoders run on a GPU.
   */
  public int getPreprocessThreads() {
    return preprocessThreads;
  }

  public void setPreprocessThreads(int preprocessThreads) {
    this.preprocessThreads = preprocessThreads;
  }

  public Grpc getGrpc() {
    return grpc;
  }

  public void setGrpc(Grpc grpc) {
    this.grpc = grpc;
  }

  public Limits getLimits() {
    return limits;
  }

  public void setLimits(Limits limits) {
    this.limits = limits;
  }

  public Repository getRepository() {
    return repository;
  }

  public void setRepository(Repository repository) {
    this.repository = repository;
  }

  /** {@code clipserve.grpc.*}: the gRPC listener. */
  @ConfigurationProperties("grpc")
  public static class Grpc {
    private int port = 8001;
    private int maxInboundMessageSize = 64 * 1024 * 1024;

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    /** Larger request messages fail with RESOURCE_EXHAUSTED. */
    public int getMaxInboundMessageSize() {
      return maxInboundMessageSize;
    }

    public void setMaxInboundMessageSize(int maxInboundMessageSize) {
      this.maxInboundMessageSize = maxInboundMessageSize;
    }
  }

  /** {@code clipserve.limits.*}: what a request may ask of the server. */
  @ConfigurationProperties("limits")
  public static class Limits {
    private long maxImagePixels = 50_000_000L;

    /** Images with more pixels are refused from their header, before decoding. */
    public long getMaxImagePixels() {
      return maxImagePixels;
    }

    public void setMaxImagePixels(long maxImagePixels) {
      this.maxImagePixels = maxImagePixels;
    }
  }

  /** {@code clipserve.repository.*}: when a version on disk counts as complete, what is read. */
  @ConfigurationProperties("repository")
  public static class Repository {
    private long stabilityMs = 2000;
    private long maxConfigBytes = 1024 * 1024;

    /**
     * A version loads once its files' sizes and modification times have not changed for this long
     * (or a READY marker exists).
     */
    public long getStabilityMs() {
      return stabilityMs;
    }

    public void setStabilityMs(long stabilityMs) {
      this.stabilityMs = stabilityMs;
    }

    /** A {@code config.pbtxt} larger than this is refused unread (real configs are a few KB). */
    public long getMaxConfigBytes() {
      return maxConfigBytes;
    }

    public void setMaxConfigBytes(long maxConfigBytes) {
      this.maxConfigBytes = maxConfigBytes;
    }
  }
}
