package io.clipserve.server.registry;

import io.clipserve.server.DaemonThreads;
import io.clipserve.proto.v1.ImageEncoderConfig;
import io.clipserve.proto.v1.ModelConfig;
import io.clipserve.proto.v1.TextEncoderConfig;
import io.clipserve.server.backend.Encoder;
import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.batching.BatchingPolicy;
import io.clipserve.server.batching.DynamicBatcher;
import io.clipserve.server.config.ServerSettings;
import io.clipserve.server.pipeline.ImagePipeline;
import io.clipserve.server.pipeline.LabelEmbeddingCache;
import io.clipserve.server.pipeline.TextPipeline;
import io.clipserve.server.preprocess.image.DecodeLimits;
import io.clipserve.server.preprocess.image.ImagePreprocessor;
import io.clipserve.server.preprocess.text.TextTokenizer;
import io.clipserve.server.preprocess.text.TextTokenizers;
import io.clipserve.server.repository.OutsideRepositoryException;
import io.clipserve.server.repository.RepositoryFiles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link LoadedVersion} from a model's config and one version directory: tokenizer,
 * image preprocessor, encoders and their batchers. The version directory and every file it opens
 * must resolve inside the repository ({@link RepositoryFiles}). On failure everything it built
 * is closed again and the reason names the file, relative to the repository, and what is wrong.
 * Thread-safe.
 */
@Singleton
public final class VersionLoader {
  private static final Logger LOG = LoggerFactory.getLogger(VersionLoader.class);
  private final EncoderLoader encoders;
  private final ServerSettings settings;
  private final RepositoryFiles files;
  private final ExecutorService preprocessPool;
  private final ExecutorService closerThread =
      Executors.newSingleThreadExecutor(DaemonThreads.factory("version-closer"));
  /** Closes retired versions; a close that throws is logged and the thread goes on. */
  private final Executor closer =
      task -> closerThread.execute(DaemonThreads.loggingFailures("closing a model version", task));
  /** Versions built and not yet closed. */
  private final Set<LoadedVersion> open = ConcurrentHashMap.newKeySet();

  public VersionLoader(EncoderLoader encoders, ServerSettings settings) {
    this.encoders = encoders;
    this.settings = settings;
    this.files = RepositoryFiles.of(settings);
    this.preprocessPool = Executors.newFixedThreadPool(preprocessThreads(),
        DaemonThreads.factory("preprocess"));
  }

  /** Loads {@code version} of the model in {@code modelDir}; throws with a reason a user can act on. */
  public LoadedVersion load(Path modelDir, ModelConfig config, long version) throws EncoderException {
    Path versionDir = modelDir.resolve(Long.toString(version));
    try {
      requireInside(modelDir, versionDir, config);
      return build(modelDir, versionDir, config, version);
    } catch (EncoderException | RuntimeException e) {
      // Libraries (ONNX Runtime, the JDK) name files by absolute path.
      throw new EncoderException(files.withRelativePaths(e.getMessage()), e);
    }
  }

  /** Refuses a version whose directory or files resolve outside the repository, unopened. */
  private void requireInside(Path modelDir, Path versionDir, ModelConfig config)
      throws EncoderException {
    try {
      files.requireInside(versionDir);
      if (config.hasImageEncoder()) {
        files.requireInside(versionDir.resolve(config.getImageEncoder().getFile()));
      }
      if (config.hasTextEncoder()) {
        files.requireInside(versionDir.resolve(config.getTextEncoder().getFile()));
        files.requireInside(modelDir.resolve(config.getTextEncoder().getTokenizer().getFile()));
      }
    } catch (OutsideRepositoryException e) {
      throw new EncoderException(e.getMessage(), e);
    }
  }

  private LoadedVersion build(Path modelDir, Path versionDir, ModelConfig config, long version)
      throws EncoderException {
    try (ResourceStack built = new ResourceStack()) {
      // Closed last, once sessions and tokenizer have freed their memory.
      built.push(NativeHeap::trim);
      ImagePipeline image = null;
      TextPipeline text = null;
      if (config.hasImageEncoder()) {
        ImageEncoderConfig c = config.getImageEncoder();
        Encoder encoder = built.push(encoders.loadImage(config, c, versionDir));
        warnIfBatchOfOne(label(config, version, "image"), encoder, c.getMaxBatchSize(),
            c.getInput());
        DynamicBatcher batcher = built.push(new DynamicBatcher(label(config, version, "image"),
            encoder, policy(config, encoder, c.getInstanceCount())));
        image = new ImagePipeline(new ImagePreprocessor(EncoderLoader.imageSpec(c, decodeLimits())),
            batcher, preprocessPool, preprocessThreads(), c.getOutputNormalized());
      }
      if (config.hasTextEncoder()) {
        TextEncoderConfig c = config.getTextEncoder();
        TextTokenizer tokenizer = built.push(tokenizer(modelDir, c));
        Encoder encoder = built.push(encoders.loadText(config, c, versionDir));
        warnIfBatchOfOne(label(config, version, "text"), encoder, c.getMaxBatchSize(),
            c.getInput());
        DynamicBatcher batcher = built.push(new DynamicBatcher(label(config, version, "text"),
            encoder, policy(config, encoder, c.getInstanceCount())));
        text = new TextPipeline(tokenizer, batcher, !c.getAttentionMaskInput().isEmpty(),
            c.getOutputNormalized());
      }
      LoadedVersion loaded = new LoadedVersion(config.getName(), version, config, image, text,
          new LabelEmbeddingCache(settings.getLimits().getLabelCacheBytes()), built.detach(),
          closer);
      open.add(loaded);
      loaded.closed().whenComplete((done, error) -> open.remove(loaded));
      return loaded;
    }
  }

  private int preprocessThreads() {
    return Math.max(1, settings.getPreprocessThreads());
  }

  private DecodeLimits decodeLimits() {
    ServerSettings.Limits limits = settings.getLimits();
    return new DecodeLimits(limits.getMaxImagePixels(), limits.getMaxJpegScans(),
        limits.getMaxDecodeMillis());
  }

  /**
   * Waits until every version this loader built has closed its resources, at most until
   * {@code deadlineNanos} ({@link System#nanoTime()}).
   *
   * @return the versions still open then, as {@code name/version}
   */
  List<String> awaitClosed(long deadlineNanos) throws InterruptedException {
    for (LoadedVersion version : List.copyOf(open)) {
      try {
        version.closed().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // What is still open is reported below.
      }
    }
    return open.stream().map(v -> v.name() + "/" + v.version()).sorted().toList();
  }

  /**
   * A file that takes one item per run while the config asks for batches (as Chinese-CLIP's own
   * exports do) silently serves every request alone: say so once per load, with the way out.
   */
  private static void warnIfBatchOfOne(String label, Encoder encoder, int configured,
      String input) {
    if (encoder.fileMaxBatchSize() != 1 || configured <= 1) {
      return;
    }
    String fix = encoder.spec().file().getFileName().toString().endsWith(".plan")
        ? "rebuild the engine with an optimisation profile up to batch " + configured
            + " (or give clipserve the .onnx file to build from)"
        : "re-export it with a dynamic batch axis (torch.onnx.export(..., dynamic_axes={'" + input
            + "': {0: 'batch'}}), as tools/gen_clip_model.py --batch dynamic does; see"
            + " tools/README.md, Fixed or dynamic batch)";
    LOG.warn("{}: {} takes a fixed batch of 1, so every item runs alone although max_batch_size"
        + " is {}: {}", label, encoder.spec().file().getFileName(), configured, fix);
  }

  private TextTokenizer tokenizer(Path modelDir, TextEncoderConfig c) throws EncoderException {
    try {
      return TextTokenizers.load(EncoderLoader.tokenizerSpec(modelDir, c));
    } catch (IOException | RuntimeException e) {
      throw new EncoderException(files.relative(modelDir.resolve(c.getTokenizer().getFile()))
          + ": the tokenizer cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static BatchingPolicy policy(ModelConfig config, Encoder encoder, int instances) {
    var batching = config.getDynamicBatching();
    return new BatchingPolicy(encoder.maxBatchSize(),
        batching.getPreferredBatchSizeList().stream().mapToInt(Integer::intValue).toArray(),
        batching.getMaxQueueDelayMicroseconds() * 1000, batching.getMaxQueueSize(), instances);
  }

  private static String label(ModelConfig config, long version, String encoder) {
    return config.getName() + "/" + version + "/" + encoder;
  }
}
