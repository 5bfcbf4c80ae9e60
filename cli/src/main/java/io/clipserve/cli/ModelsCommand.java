package io.clipserve.cli;

import io.clipserve.client.ClipServeClient;
import io.clipserve.proto.v1.ListModelsResponse;
import io.clipserve.proto.v1.ModelInfo;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code models}: the models and their versions' states; {@code --name} for one in detail. */
@Command(name = "models",
    description = "Lists the models with the state of each version; --name shows one with its"
        + " config.",
    subcommands = {ModelsCommand.Load.class, ModelsCommand.Unload.class})
final class ModelsCommand extends ClientCommand {

  @Mixin
  private JsonOption output;

  @Option(names = "--name", paramLabel = "MODEL",
      description = "Show this model only, with its config.")
  private String name;

  @Override
  protected void run(ClipServeClient client, PrintWriter out) {
    if (name != null) {
      ModelInfo model = client.getModel(name);
      if (output.json()) {
        out.println(Json.of(model));
      } else {
        ModelPrinter.details(out, model);
      }
      return;
    }
    List<ModelInfo> models = client.listModels();
    if (output.json()) {
      out.println(Json.of(ListModelsResponse.newBuilder().addAllModels(models)));
    } else {
      ModelPrinter.table(out, models);
    }
  }

  /** {@code models load NAME}: has the server (re)read the model's directory now. */
  @Command(name = "load", description = "Has the server (re)read the model's directory now.")
  static final class Load extends ClientCommand {

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "MODEL", description = "The model to load.")
    private String name;

    @Option(names = "--model-version", paramLabel = "N",
        description = "Also serve this version again after `models unload --model-version` "
            + "(default 0: every version).")
    private long version;

    @Override
    protected void run(ClipServeClient client, PrintWriter out) {
      ModelInfo model = client.loadModel(name, version);
      if (output.json()) {
        out.println(Json.of(model));
      } else {
        ModelPrinter.table(out, List.of(model));
      }
    }
  }

  /** {@code models unload NAME}: has the server stop serving the model. */
  @Command(name = "unload", description = "Has the server stop serving the model.")
  static final class Unload extends ClientCommand {

    @Mixin
    private JsonOption output;

    @Parameters(paramLabel = "MODEL", description = "The model to unload.")
    private String name;

    @Option(names = "--model-version", paramLabel = "N",
        description = "Unload only this version; the policy serves the others"
            + " (default 0: the whole model).")
    private long version;

    @Override
    protected void run(ClipServeClient client, PrintWriter out) {
      client.unloadModel(name, version);
      String what = version == 0 ? name : name + " version " + version;
      out.println(output.json() ? "{\"name\":" + Json.quote(name) + "}" : "unloaded " + what);
    }
  }
}
