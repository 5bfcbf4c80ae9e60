package io.clipserve.client;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.ClassifyResponse;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.ListModelsRequest;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.ModelStatistics;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.SimilarityResponse;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.TokenizedText;
import java.util.List;

/**
 * The unary calls of {@link ClipServeClient}, made on blocking stubs with the client's deadline.
 * Its public methods are the client's own (this class is not public); the client adds what
 * concerns its channel: construction, views, async, streams and closing. Immutable and thread-safe.
 */
abstract class BlockingCalls implements
    EmbeddingCalls<EmbeddingResult, SimilarityResponse, ClassifyResponse, List<TokenizedText>>,
    ModelCalls<ModelInfo, List<ModelInfo>, List<ModelStatistics>> {

  final Stubs stubs;

  BlockingCalls(Stubs stubs) {
    this.stubs = stubs;
  }

  @Override
  public EmbeddingResult embed(EmbedRequest request) {
    return EmbeddingResult.from(stubs.embedding().embed(request));
  }

  @Override
  public SimilarityResponse similarity(SimilarityRequest request) {
    return stubs.embedding().similarity(request);
  }

  @Override
  public ClassifyResponse classify(ClassifyRequest request) {
    return stubs.embedding().classify(request);
  }

  @Override
  public List<TokenizedText> tokenize(TokenizeRequest request) {
    return stubs.embedding().tokenize(request).getTextsList();
  }

  @Override
  public List<ModelInfo> listModels() {
    return stubs.models().listModels(ListModelsRequest.getDefaultInstance()).getModelsList();
  }

  @Override
  public ModelInfo getModel(String name) {
    return stubs.models().getModel(Requests.getModel(name));
  }

  @Override
  public ModelInfo loadModel(String name, long version) {
    return stubs.models().loadModel(Requests.loadModel(name, version));
  }

  @Override
  public List<ModelStatistics> statistics(String model, long version) {
    return stubs.models().getStatistics(Requests.statistics(model, version)).getModelsList();
  }

  /** Has the server stop serving the model; the poller does not bring it back, loadModel does. */
  public void unloadModel(String name) {
    unloadModel(name, 0);
  }

  /** Has the server stop serving one version (0: the whole model); the policy serves the others. */
  public void unloadModel(String name, long version) {
    stubs.models().unloadModel(Requests.unloadModel(name, version));
  }
}
