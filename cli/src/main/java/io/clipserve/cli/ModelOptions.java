package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.ModelInfo;
import io.clipserve.proto.v1.VersionInfo;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which model (and version) a command uses. */
public final class ModelOptions {

  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(names = {"-m", "--model"}, paramLabel = "NAME",
      description = "The model; may be left out when the server has exactly one READY model.")
  private String model;

  @Option(names = "--model-version", paramLabel = "N", defaultValue = "0",
      description = "The model version (default: 0, the newest READY version the policy serves).")
  private long version;

  public long version() {
    return version;
  }

  /** The model given, or else the only model with a READY version (asking the server). */
  public String resolve(ClipServeClient client) {
    if (model != null) {
      return model;
    }
    List<String> ready = client.listModels().stream()
        .filter(ModelOptions::hasReadyVersion)
        .map(ModelInfo::getName)
        .toList();
    if (ready.size() == 1) {
      return ready.get(0);
    }
    throw new ParameterException(mixee.commandLine(), ready.isEmpty()
        ? "--model is required: the server has no READY model"
        : "--model is required: the server has several READY models: " + String.join(", ", ready));
  }

  private static boolean hasReadyVersion(ModelInfo info) {
    return info.getVersionsList().stream().anyMatch(v -> v.getState() == VersionInfo.State.READY);
  }
}
