package io.clipserve.server.oip;

import io.clipserve.server.ServingException;

/**
 * A v2 model name, {@code <model>.image} or {@code <model>.text}: one encoder of a repository
 * model, with the version string of the request. Immutable.
 *
 * @param model the repository model
 * @param image true for the image encoder, false for the text encoder
 * @param version the requested version; 0 lets the model's version policy choose
 */
public record V2ModelName(String model, boolean image, long version) {
  static final String IMAGE = ".image";
  static final String TEXT = ".text";

  /**
   * Parses a v2 name and version string ({@code ""} for the policy's choice).
   *
   * @throws ServingException NOT_FOUND for a name without either suffix, INVALID_ARGUMENT for a
   *     version that is not a positive integer
   */
  public static V2ModelName parse(String name, String version) {
    boolean image = name.endsWith(IMAGE);
    if (!image && !name.endsWith(TEXT)) {
      throw ServingException.notFound("v2 model '" + name + "' does not exist; v2 models are"
          + " named <model>.image and <model>.text");
    }
    String model = name.substring(0, name.length() - (image ? IMAGE : TEXT).length());
    return new V2ModelName(model, image, parseVersion(name, version));
  }

  private static long parseVersion(String name, String version) {
    if (version.isEmpty()) {
      return 0;
    }
    try {
      long parsed = Long.parseLong(version);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ServingException.invalidArgument("v2 model '" + name + "': version '" + version
        + "' is not a positive integer (or empty for the version policy's choice)");
  }

  /** The v2 name, {@code <model>.image} or {@code <model>.text}. */
  public String v2Name() {
    return model + (image ? IMAGE : TEXT);
  }
}
