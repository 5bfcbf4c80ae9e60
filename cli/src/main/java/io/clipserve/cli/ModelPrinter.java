package io.clipserve.cli;

import com.google.protobuf.TextFormat;
import com.google.protobuf.Timestamp;
import io.clipserve.proto.v1.EncoderBatchLimits;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Prints models for people: a row per version with its state, and a model's config. */
final class ModelPrinter {

  private ModelPrinter() {
  }

  /** One row per version; a model without versions gets one row giving the model's reason. */
  static void table(PrintWriter out, List<ModelInfo> models) {
    TextTable table = new TextTable("MODEL", "VERSION", "STATE", "SINCE", "REASON");
    for (ModelInfo model : models) {
      if (model.getVersionsCount() == 0) {
        table.row(model.getName(), "-", "-", "-", model.getReason());
      }
      for (VersionInfo version : model.getVersionsList()) {
        table.row(model.getName(), version.getVersion(), version.getState(),
            since(version.getSince()), version.getReason());
      }
    }
    table.print(out, "");
  }

  /**
   * The versions table, the model's own reason if any, each loaded version's batch limits, then
   * its config in config.pbtxt form.
   */
  static void details(PrintWriter out, ModelInfo model) {
    table(out, List.of(model));
    if (model.getVersionsCount() > 0 && !model.getReason().isEmpty()) {
      out.println("reason: " + model.getReason());
    }
    for (VersionInfo version : model.getVersionsList()) {
      if (version.hasImageBatch()) {
        out.println(batch(version.getVersion(), "image", version.getImageBatch()));
      }
      if (version.hasTextBatch()) {
        out.println(batch(version.getVersion(), "text", version.getTextBatch()));
      }
    }
    out.println("config:");
    TextFormat.printer().escapingNonAscii(false).printToString(model.getConfig()).lines()
        .forEach(line -> out.println("  " + line));
  }

  /** "version 1 text: batches up to 1 (max_batch_size 64, the file takes 1)". */
  private static String batch(long version, String encoder, EncoderBatchLimits limits) {
    String file = limits.getFileMaxBatchSize() == 0 ? "any"
        : Integer.toString(limits.getFileMaxBatchSize());
    return "version " + version + " " + encoder + ": batches up to "
        + limits.getEffectiveMaxBatchSize() + " (max_batch_size "
        + limits.getConfiguredMaxBatchSize() + ", the file takes " + file + ")";
  }

  private static String since(Timestamp since) {
    if (since.getSeconds() == 0 && since.getNanos() == 0) {
      return "-";
    }
    return Instant.ofEpochSecond(since.getSeconds(), since.getNanos())
        .truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
