package io.clipserve.server.backend.tensorrt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

import io.clipserve.server.backend.EncoderException;
import io.clipserve.server.backend.EncoderSpec;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a serialized engine from an encoder's ONNX file, as {@code trtexec --onnx=... --minShapes
 * --optShapes --maxShapes} would: the ONNX parser fills a network (TensorRT 10 networks always have
 * an explicit batch axis), one optimisation profile gives every input the batch range of a
 * {@link TrtProfile} (inputs with a fixed batch keep it; see {@link TrtProfileShapes}), FP16
 * kernels are allowed on request. Runs on the calling thread (minutes for a large model). Frees the builder objects before returning; the parser cannot be freed through the
 * presets (no deleter for an abstract type) and keeps its parsed weights until the process ends.
 */
final class TrtEngineBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(TrtEngineBuilder.class);

  private TrtEngineBuilder() {}

  static byte[] build(EncoderSpec spec, TrtProfile profile) throws EncoderException {
    TrtNatives.loadParser(spec.label());
    LOG.info("{}: building a TensorRT engine from {} (batch {}..{}, opt {}{}); this may take minutes",
        spec.label(), spec.file(), profile.min(), profile.max(), profile.opt(), spec.gpu().fp16() ? ", fp16" : "");
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      IBuilder builder = owned(spec, owned, "builder",
          TrtOwnership.own(createInferBuilder(TrtLogger.INSTANCE), IBuilder::new));
      INetworkDefinition network = owned(spec, owned, "network",
          TrtOwnership.own(builder.createNetworkV2(0), INetworkDefinition::new));
      IParser parser = createParser(network, TrtLogger.INSTANCE);
      if (!parser.parseFromFile(spec.file().toString(), ILogger.Severity.kWARNING.value)) {
        throw new EncoderException(spec.label() + ": TensorRT's ONNX parser rejected the model: " + errors(parser));
      }
      IBuilderConfig config = owned(spec, owned, "builder config",
          TrtOwnership.own(builder.createBuilderConfig(), IBuilderConfig::new));
      List<String> dynamic = TrtProfileShapes.dynamicBatchInputs(network);
      if (!dynamic.isEmpty()) {
        config.addOptimizationProfile(
            TrtProfileShapes.set(spec, dynamic, builder.createOptimizationProfile(), profile));
      }
      if (spec.gpu().fp16()) {
        config.setFlag(BuilderFlag.kFP16);
      }
      IHostMemory plan = owned(spec, owned, "engine",
          TrtOwnership.own(builder.buildSerializedNetwork(network, config), IHostMemory::new));
      byte[] bytes = new byte[(int) plan.size()];
      new BytePointer(plan.data()).capacity(plan.size()).get(bytes);
      return bytes;
    } finally {
      for (int i = owned.size() - 1; i >= 0; i--) {
        closeQuietly(owned.get(i));
      }
    }
  }

  private static String errors(IParser parser) {
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < parser.getNbErrors(); i++) {
      errors.add(parser.getError(i).desc() + " (node " + parser.getError(i).nodeName() + ")");
    }
    return errors.isEmpty() ? "see the TensorRT log" : String.join("; ", errors);
  }

  /** Registers {@code object} for closing, or fails naming what TensorRT could not create. */
  private static <T extends AutoCloseable> T owned(EncoderSpec spec, List<AutoCloseable> owned, String what, T object)
      throws EncoderException {
    if (object == null) {
      throw new EncoderException(spec.label() + ": TensorRT could not create the " + what + " (see the TensorRT log)");
    }
    owned.add(object);
    return object;
  }

  private static void closeQuietly(AutoCloseable object) {
    try {
      object.close();
    } catch (Exception e) {
      LOG.debug("closing {} failed", object, e);
    }
  }
}
