package io.clipserve.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

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
  private Http http = new Http();
  private Limits limits = new Limits();
  private Repository repository = new Repository();
  private String bindAddress = "0.0.0.0";
  private Path adminTokenFile;
  private Path inferenceTokenFile;
  private Tls tls = new Tls();
  // Shutdown, readiness and logging (issue 14 items 1, 2, 6).
  private int drainSeconds = 30;
  private boolean strictReadiness = true;
  private String logFormat = LogFormat.TEXT;

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
   * when the encoders run on a GPU. Decodes cannot hold these threads for long: each is bounded
   * by {@code limits.max-decode-millis} and stops when its call is gone, and each request enters
   * through a lane of four images per pool thread (io.clipserve.server.pipeline.ImagePipeline).
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

  public Http getHttp() {
    return http;
  }

  public void setHttp(Http http) {
    this.http = http;
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

  /** The address both ports listen on: {@code 0.0.0.0} every interface, 127.0.0.1 loopback only. */
  public String getBindAddress() {
    return bindAddress;
  }

  public void setBindAddress(String bindAddress) {
    this.bindAddress = bindAddress;
  }

  /**
   * A file with the admin tokens, one a line: when set, LoadModel and UnloadModel need one of them.
   * Null: no admin token.
   */
  public Path getAdminTokenFile() {
    return adminTokenFile;
  }

  public void setAdminTokenFile(Path adminTokenFile) {
    this.adminTokenFile = adminTokenFile;
  }

  /**
   * A file with the inference tokens, one a line: when set, inference, the read-only ModelService
   * calls and {@code /metrics} need one of them (or an admin token). Null: inference is open.
   */
  public Path getInferenceTokenFile() {
    return inferenceTokenFile;
  }

  public void setInferenceTokenFile(Path inferenceTokenFile) {
    this.inferenceTokenFile = inferenceTokenFile;
  }

  public Tls getTls() {
    return tls;
  }

  public void setTls(Tls tls) {
    this.tls = tls;
  }

  /** {@code clipserve.tls.*}: TLS on both ports, on when a certificate file is set. */
  @ConfigurationProperties("tls")
  public static class Tls {
    private Path certFile;
    private Path keyFile;
    private Path clientCaFile;
    private Duration reloadInterval = Duration.ofMinutes(1);

    /** The server's certificate chain (PEM); null: plaintext. */
    public Path getCertFile() {
      return certFile;
    }

    public void setCertFile(Path certFile) {
      this.certFile = certFile;
    }

    /** The certificate's private key (unencrypted PKCS#8 PEM). */
    public Path getKeyFile() {
      return keyFile;
    }

    public void setKeyFile(Path keyFile) {
      this.keyFile = keyFile;
    }

    /** CA certificates (PEM) that sign client certificates: when set, clients must present one. */
    public Path getClientCaFile() {
      return clientCaFile;
    }

    public void setClientCaFile(Path clientCaFile) {
      this.clientCaFile = clientCaFile;
    }

    /** How often the PEM files are checked and re-read when changed (renewals need no restart). */
    public Duration getReloadInterval() {
      return reloadInterval;
    }

    public void setReloadInterval(Duration reloadInterval) {
      this.reloadInterval = reloadInterval;
    }

    public boolean enabled() {
      return certFile != null;
    }
  }

  /**
   * On SIGTERM/SIGINT, how long in-flight and queued requests have to be answered before the
   * remaining calls are cancelled and the models unloaded.
   */
  public int getDrainSeconds() {
    return drainSeconds;
  }

  public void setDrainSeconds(int drainSeconds) {
    if (drainSeconds < 0) {
      throw new IllegalArgumentException(
          "clipserve.drain-seconds must be 0 or more, not " + drainSeconds);
    }
    this.drainSeconds = drainSeconds;
  }

  /**
   * Ready only when every model the repository asks for has a READY version (Triton's default);
   * false: ready once start-up is done, whatever the models' states.
   */
  public boolean isStrictReadiness() {
    return strictReadiness;
  }

  public void setStrictReadiness(boolean strictReadiness) {
    this.strictReadiness = strictReadiness;
  }

  /**
   * {@code text} or {@code json} (one object per line). Logging starts before Micronaut reads
   * this, so {@code ClipServeApplication} applies the flag or environment variable at launch.
   */
  public String getLogFormat() {
    return logFormat;
  }

  public void setLogFormat(String logFormat) {
    this.logFormat = LogFormat.require(logFormat);
  }

  /** {@code clipserve.grpc.*}: the gRPC listener. */
  @ConfigurationProperties("grpc")
  public static class Grpc {
    private int port = 8001;
    private int maxInboundMessageSize = 64 * 1024 * 1024;
    private int maxConcurrentCallsPerConnection = 100;
    private int maxQueuedItemsPerConnection = 256;
    private Duration maxConnectionIdle = Duration.ofMinutes(5);
    private Duration maxConnectionAge = Duration.ofHours(1);
    private Duration maxConnectionAgeGrace = Duration.ofSeconds(30);
    private Duration permitKeepAliveTime = Duration.ofSeconds(30);
    private boolean permitKeepAliveWithoutCalls;
    private Duration handshakeTimeout = Duration.ofSeconds(10);

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

    /** Calls (streams) open at once on one connection; more wait for one to end. */
    public int getMaxConcurrentCallsPerConnection() {
      return maxConcurrentCallsPerConnection;
    }

    public void setMaxConcurrentCallsPerConnection(int maxConcurrentCallsPerConnection) {
      this.maxConcurrentCallsPerConnection = maxConcurrentCallsPerConnection;
    }

    /**
     * Inputs one connection may have admitted and not yet encoded, over all its calls; more fail
     * with RESOURCE_EXHAUSTED, so one client cannot fill the queues other clients need. A single
     * larger request is admitted while the connection has nothing else in flight.
     */
    public int getMaxQueuedItemsPerConnection() {
      return maxQueuedItemsPerConnection;
    }

    public void setMaxQueuedItemsPerConnection(int maxQueuedItemsPerConnection) {
      this.maxQueuedItemsPerConnection = maxQueuedItemsPerConnection;
    }

    /** A connection without calls for this long is closed with GOAWAY. */
    public Duration getMaxConnectionIdle() {
      return maxConnectionIdle;
    }

    public void setMaxConnectionIdle(Duration maxConnectionIdle) {
      this.maxConnectionIdle = maxConnectionIdle;
    }

    /** A connection this old gets GOAWAY (clients reconnect), so none lives for ever. */
    public Duration getMaxConnectionAge() {
      return maxConnectionAge;
    }

    public void setMaxConnectionAge(Duration maxConnectionAge) {
      this.maxConnectionAge = maxConnectionAge;
    }

    /** After the age GOAWAY, how long calls still running may take before the connection closes. */
    public Duration getMaxConnectionAgeGrace() {
      return maxConnectionAgeGrace;
    }

    public void setMaxConnectionAgeGrace(Duration maxConnectionAgeGrace) {
      this.maxConnectionAgeGrace = maxConnectionAgeGrace;
    }

    /** Clients pinging more often than this are sent GOAWAY ({@code too_many_pings}). */
    public Duration getPermitKeepAliveTime() {
      return permitKeepAliveTime;
    }

    public void setPermitKeepAliveTime(Duration permitKeepAliveTime) {
      this.permitKeepAliveTime = permitKeepAliveTime;
    }

    /** Whether clients may ping while they have no call open. */
    public boolean isPermitKeepAliveWithoutCalls() {
      return permitKeepAliveWithoutCalls;
    }

    public void setPermitKeepAliveWithoutCalls(boolean permitKeepAliveWithoutCalls) {
      this.permitKeepAliveWithoutCalls = permitKeepAliveWithoutCalls;
    }

    /** A connection that has not finished its TLS and HTTP/2 handshake by then is closed. */
    public Duration getHandshakeTimeout() {
      return handshakeTimeout;
    }

    public void setHandshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = handshakeTimeout;
    }
  }

  /** {@code clipserve.http.*}: the HTTP port's REST and OpenAI-compatible APIs. */
  @ConfigurationProperties("http")
  public static class Http {
    private long maxRequestBytes = 64L * 1024 * 1024;

    /**
     * Bytes of one request body; a larger one is refused with 413 before it is read whole.
     * The same bound as {@code grpc.max-inbound-message-size} by default (base64 makes an image
     * a third larger in JSON than in protobuf).
     */
    public long getMaxRequestBytes() {
      return maxRequestBytes;
    }

    public void setMaxRequestBytes(long maxRequestBytes) {
      this.maxRequestBytes = maxRequestBytes;
    }
  }

  /**
   * {@code clipserve.limits.*}: what a request may ask of the server. Every refusal names the
   * setting it enforces ({@code limit clipserve.limits.NAME = VALUE}).
   */
  @ConfigurationProperties("limits")
  public static class Limits {
    private long maxImagePixels = 50_000_000L;
    private int maxJpegScans = 100;
    private long maxDecodeMillis = 2000;
    private int maxInputs = 1024;
    private int maxTextBytes = 16_384;
    private int maxClassifyPrompts = 1024;
    private long labelCacheBytes = 64L * 1024 * 1024;

    /** Images with more pixels are refused from their header, before decoding. */
    public long getMaxImagePixels() {
      return maxImagePixels;
    }

    public void setMaxImagePixels(long maxImagePixels) {
      this.maxImagePixels = maxImagePixels;
    }

    /**
     * JPEGs with more scans are refused before decoding: the JDK's decoder renders the whole image
     * once per scan of a progressive JPEG, so its cost is scans × pixels.
     */
    public int getMaxJpegScans() {
      return maxJpegScans;
    }

    public void setMaxJpegScans(int maxJpegScans) {
      this.maxJpegScans = maxJpegScans;
    }

    /** A decode still running after this long stops and the image is refused. */
    public long getMaxDecodeMillis() {
      return maxDecodeMillis;
    }

    public void setMaxDecodeMillis(long maxDecodeMillis) {
      this.maxDecodeMillis = maxDecodeMillis;
    }

    /**
     * Inputs of one request list: Embed's inputs, Similarity's queries and candidates, Classify's
     * images and labels, Tokenize's texts.
     */
    public int getMaxInputs() {
      return maxInputs;
    }

    public void setMaxInputs(int maxInputs) {
      this.maxInputs = maxInputs;
    }

    /** UTF-8 bytes of one text: an input text, a label, a template, a label's filled template. */
    public int getMaxTextBytes() {
      return maxTextBytes;
    }

    public void setMaxTextBytes(int maxTextBytes) {
      this.maxTextBytes = maxTextBytes;
    }

    /** Labels × templates of one Classify: the prompts it may have to embed. */
    public int getMaxClassifyPrompts() {
      return maxClassifyPrompts;
    }

    public void setMaxClassifyPrompts(int maxClassifyPrompts) {
      this.maxClassifyPrompts = maxClassifyPrompts;
    }

    /** Heap the label-embedding cache of one model version may hold. */
    public long getLabelCacheBytes() {
      return labelCacheBytes;
    }

    public void setLabelCacheBytes(long labelCacheBytes) {
      this.labelCacheBytes = labelCacheBytes;
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
