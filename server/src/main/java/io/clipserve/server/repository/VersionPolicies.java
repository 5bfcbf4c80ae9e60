package io.clipserve.server.repository;

import io.clipserve.proto.v1.VersionPolicy;
import java.util.SortedSet;
import java.util.TreeSet;

/** Triton's version policies: which of the versions on disk a model serves. */
public final class VersionPolicies {
  private VersionPolicies() {}

  /** The versions of {@code available} that {@code policy} serves, ascending. */
  public static SortedSet<Long> select(VersionPolicy policy, SortedSet<Long> available) {
    SortedSet<Long> selected = new TreeSet<>();
    switch (policy.getPolicyChoiceCase()) {
      case ALL -> selected.addAll(available);
      case SPECIFIC -> policy.getSpecific().getVersionsList().stream()
          .filter(available::contains).forEach(selected::add);
      default -> {
        int n = Math.max(1, policy.getLatest().getNumVersions());
        available.stream().sorted((a, b) -> Long.compare(b, a)).limit(n).forEach(selected::add);
      }
    }
    return selected;
  }
}
