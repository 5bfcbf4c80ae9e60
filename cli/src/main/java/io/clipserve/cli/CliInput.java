package io.clipserve.cli;

import io.clipserve.client.Inputs;
import io.clipserve.proto.v1.Input;
import java.nio.file.Path;
import java.util.List;

/**
 * One input named on the command line: the label it is printed under (the text, or the file as
 * given) and the message sent, whose id is that label so JSON output names it too.
 */
record CliInput(String label, Input message) {

  static CliInput text(String text) {
    return new CliInput(text, Inputs.text(text).toBuilder().setId(text).build());
  }

  static CliInput image(Path file) {
    String label = file.toString();
    return new CliInput(label, Inputs.image(file).toBuilder().setId(label).build());
  }

  /** A text or an image, whichever of the two options was given. */
  static CliInput either(String text, Path image) {
    return text != null ? text(text) : image(image);
  }

  static List<Input> messages(List<CliInput> inputs) {
    return inputs.stream().map(CliInput::message).toList();
  }

  static List<String> labels(List<CliInput> inputs) {
    return inputs.stream().map(CliInput::label).toList();
  }
}
