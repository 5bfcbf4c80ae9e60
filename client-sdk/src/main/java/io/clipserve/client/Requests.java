package io.clipserve.client;

import io.clipserve.proto.v1.ClassifyRequest;
import io.clipserve.proto.v1.EmbedRequest;
import io.clipserve.proto.v1.GetModelRequest;
import io.clipserve.proto.v1.GetStatisticsRequest;
import io.clipserve.proto.v1.Input;
import io.clipserve.proto.v1.LoadModelRequest;
import io.clipserve.proto.v1.SimilarityRequest;
import io.clipserve.proto.v1.TokenizeRequest;
import io.clipserve.proto.v1.UnloadModelRequest;
import java.util.List;

/** Builds the request messages of the clients' convenience methods, blocking and async alike. */
final class Requests {

  private Requests() {
  }

  static EmbedRequest embed(String model, List<Input> inputs, EmbedOptions options) {
    return EmbedRequest.newBuilder()
        .setModel(model)
        .setModelVersion(options.modelVersion())
        .setRaw(options.raw())
        .setDimensions(options.dimensions())
        .addAllInputs(inputs)
        .build();
  }

  static SimilarityRequest similarity(String model, List<Input> queries, List<Input> candidates,
      int topK) {
    return SimilarityRequest.newBuilder()
        .setModel(model)
        .addAllQueries(queries)
        .addAllCandidates(candidates)
        .setTopK(topK)
        .build();
  }

  static ClassifyRequest classify(String model, List<Input> images, List<String> labels,
      List<String> templates, int topK) {
    return ClassifyRequest.newBuilder()
        .setModel(model)
        .addAllImages(images)
        .addAllLabels(labels)
        .addAllTemplates(templates)
        .setTopK(topK)
        .build();
  }

  static TokenizeRequest tokenize(String model, List<String> texts) {
    return TokenizeRequest.newBuilder().setModel(model).addAllTexts(texts).build();
  }

  static GetStatisticsRequest statistics(String model, long version) {
    return GetStatisticsRequest.newBuilder().setName(model).setVersion(version).build();
  }

  static GetModelRequest getModel(String name) {
    return GetModelRequest.newBuilder().setName(name).build();
  }

  static LoadModelRequest loadModel(String name, long version) {
    return LoadModelRequest.newBuilder().setName(name).setVersion(version).build();
  }

  static UnloadModelRequest unloadModel(String name, long version) {
    return UnloadModelRequest.newBuilder().setName(name).setVersion(version).build();
  }
}
