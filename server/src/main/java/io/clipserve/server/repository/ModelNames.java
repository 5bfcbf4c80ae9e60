package io.clipserve.server.repository;

import io.clipserve.server.ServingException;
import java.util.regex.Pattern;

/** The model name pattern of the repository layout: {@code [a-z0-9][a-z0-9._-]{0,63}}, so never a path. */
public final class ModelNames {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private ModelNames() {}

  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches() && !name.contains("..");
  }

  /** Throws INVALID_ARGUMENT for a name a request may not use. */
  public static String require(String name) {
    if (name == null || name.isEmpty()) {
      throw ServingException.invalidArgument("model is required");
    }
    if (!isValid(name)) {
      throw ServingException.invalidArgument("model name '" + name
          + "' is not valid: names match [a-z0-9][a-z0-9._-]{0,63}");
    }
    return name;
  }
}
