package io.clipserve.server.preprocess.text;

/**
 * Puts DJL in offline mode unless the operator chose otherwise: clipserve reads tokenizers from
 * local files only, and offline mode also stops DJL's usage ping on first use.
 */
final class DjlOffline {

  private static final String PROPERTY = "ai.djl.offline";
  private static final String ENVIRONMENT = "DJL_OFFLINE";

  private DjlOffline() {}

  static synchronized void ensure() {
    if (System.getenv(ENVIRONMENT) == null && System.getProperty(PROPERTY) == null) {
      System.setProperty(PROPERTY, "true");
    }
  }
}
