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
import io.clipserve.server.pipeline.TextPipeline;
import io.clipserve.server.preprocess.image.ImagePreprocessor;
import io.clipserve.server.preprocess.text.TextTokenizer;
import io.clipserve.server.preprocess.text.TextTokenizers;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link LoadedVersion} from a model's config and one version directory: tokenizer,
 * image preprocessor, encoders and their batchers. On failure everything it built is closed
 * again and the reason names the file and what is wrong. Thread-safe.
 */
@Singleton
public final class VersionLoader {
  private static final Logger LOG = LoggerFactory.getLogger(VersionLoader.class);
  private final EncoderLoader encoders;
  private final ServerSettings settings;
  private final ExecutorService preprocessPool;
  private final Executor closer = Executors.newSingleThreadExecutor(DaemonThreads.factory("version-closer"));

  public VersionLoader(EncoderLoader encoders, ServerSettings settings) {
    this.encoders = encoders;
    this.settings = settings;
    this.preprocessPool = Executors.newFixedThreadPool(Math.max(1, settings.getPreprocessThreads()),
        DaemonThreads.factory("preprocess"));
  }

  /** Loads {@code version} of the model in {@code modelDir}; throws with a reason a user can act on. */
  public LoadedVersion load(Path modelDir, ModelConfig config, long version) throws EncoderException {
    Path versionDir = modelDir.resolve(Long.toString(version));
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
        image = new ImagePipeline(new ImagePreprocessor(EncoderLoader.imageSpec(c,
            settings.getLimits().getMaxImagePixels())), batcher, preprocessPool, c.getOutputNormalized());
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
          built.detach(), closer);
      return loaded;
    }
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

  private static TextTokenizer tokenizer(Path modelDir, TextEncoderConfig c) throws EncoderException {
    try {
      return TextTokenizers.load(EncoderLoader.tokenizerSpec(modelDir, c));
    } catch (IOException | RuntimeException e) {
      throw new EncoderException(modelDir.resolve(c.getTokenizer().getFile())
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
