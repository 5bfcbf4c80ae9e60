package io.clipserve.distribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which schema each kind of manifest is checked against: fabric8's Kubernetes model (8.0.0) for
 * the core kinds, strict (unknown fields and scalar coercions fail); the CRD schemas vendored in
 * {@code crds/} (see its README) for KEDA's and KServe's kinds. Not thread-safe (caches schemas).
 */
final class ManifestSchemas {
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS).build();
  private static final Map<String, Class<?>> CORE = Map.of(
      "apps/v1 Deployment", Deployment.class,
      "v1 Service", Service.class,
      "v1 PersistentVolumeClaim", PersistentVolumeClaim.class,
      "v1 Namespace", Namespace.class,
      "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class);
  private static final Map<String, String> CRDS = Map.of(
      "keda.sh/v1alpha1 ScaledObject", "keda.sh_scaledobjects",
      "serving.kserve.io/v1alpha1 ServingRuntime", "serving.kserve.io_servingruntimes",
      "serving.kserve.io/v1beta1 InferenceService", "serving.kserve.io_inferenceservices");

  private final Map<String, StructuralSchema> crdSchemas = new HashMap<>();

  /** What is wrong with the manifest; empty when it conforms to its kind's schema. */
  List<String> violations(JsonNode manifest) throws IllegalAccessException {
    String kind = manifest.path("apiVersion").asText() + " " + manifest.path("kind").asText();
    if (!manifest.at("/metadata/name").isTextual()) {
      return List.of(kind + ": no metadata.name");
    }
    Class<?> core = CORE.get(kind);
    if (core != null) {
      try {
        return UnknownFields.of(STRICT.treeToValue(manifest, core));
      } catch (JsonProcessingException e) {
        return List.of(kind + ": " + e.getOriginalMessage());
      }
    }
    String crd = CRDS.get(kind);
    if (crd == null) {
      return List.of(kind + ": no schema for this kind");
    }
    String version = manifest.path("apiVersion").asText().replaceFirst(".*/", "");
    return crdSchemas.computeIfAbsent(crd, c -> load(c, version)).violations(manifest);
  }

  /** The schema of VERSION (the only served version of each vendored CRD). */
  private static StructuralSchema load(String crd, String version) {
    try (InputStream in = ManifestSchemas.class.getResourceAsStream("crds/" + crd + ".json")) {
      return new StructuralSchema(STRICT.readTree(in).path("versions").get(version));
    } catch (IOException e) {
      throw new IllegalStateException("vendored schema crds/" + crd + ".json unreadable", e);
    }
  }
}
