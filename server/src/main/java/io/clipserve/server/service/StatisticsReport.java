package io.clipserve.server.service;

import io.clipserve.proto.v1.BatchStatistics;
import io.clipserve.proto.v1.EncoderStatistics;
import io.clipserve.proto.v1.GetStatisticsResponse;
import io.clipserve.proto.v1.ModelStatistics;
import io.clipserve.server.batching.DynamicBatcher;
import io.clipserve.server.registry.LoadedVersion;
import java.util.List;

/** GetStatistics' answer from the batchers' counters of the served versions. Stateless. */
public final class StatisticsReport {
  private StatisticsReport() {}

  public static GetStatisticsResponse of(List<LoadedVersion> versions, String name, long version) {
    GetStatisticsResponse.Builder response = GetStatisticsResponse.newBuilder();
    for (LoadedVersion v : versions) {
      if ((name.isEmpty() || v.name().equals(name)) && (version == 0 || v.version() == version)) {
        ModelStatistics.Builder model = response.addModelsBuilder().setName(v.name()).setVersion(v.version());
        v.image().ifPresent(p -> model.addEncoders(encoder("image", p.batcher())));
        v.text().ifPresent(p -> model.addEncoders(encoder("text", p.batcher())));
      }
    }
    return response.build();
  }

  private static EncoderStatistics encoder(String kind, DynamicBatcher batcher) {
    var stats = batcher.statistics();
    EncoderStatistics.Builder out = EncoderStatistics.newBuilder()
        .setEncoder(kind)
        .setRequests(stats.requests())
        .setItems(stats.items())
        .setFailures(stats.failures())
        .setQueueNanos(stats.queueNanos())
        .setComputeNanos(stats.computeNanos());
    for (int size = 1; size <= stats.maxBatchSize(); size++) {
      long executions = stats.executions(size);
      if (executions > 0) {
        out.addBatches(BatchStatistics.newBuilder().setBatchSize(size).setExecutions(executions)
            .setComputeNanos(stats.batchComputeNanos(size)));
      }
    }
    return out.build();
  }
}
