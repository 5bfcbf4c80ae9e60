package io.clipserve.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every manifest under {@code deploy/kubernetes} and {@code deploy/kserve}, offline: each file
 * against its kind's schema ({@link ManifestSchemas}) and each kustomization's references; each
 * overlay rendered by {@code kubectl kustomize} when kubectl is installed (else the files alone
 * are checked); then what the server needs of them: probes on its health paths, a grace period
 * longer than preStop plus the drain, Services and the budget selecting the pods, the autoscaler
 * on the queue-time counters, the KServe runtime's one h2c port.
 */
class KubernetesManifestsTest {
  private static final Path DEPLOY = Path.of(System.getProperty("clipserve.root"), "deploy");
  private static final ObjectMapper YAML = new YAMLMapper();
  /** The server's default drain-seconds (application.yml, conf/clipserve.yml). */
  private static final int DRAIN_SECONDS = 30;

  private final ManifestSchemas schemas = new ManifestSchemas();

  @Test
  void everyManifestFileConformsToItsSchemaAndEveryReferenceExists() throws Exception {
    List<Path> files = yamlFiles();
    assertThat(files).hasSizeGreaterThan(10);
    for (Path file : files) {
      for (JsonNode doc : read(file)) {
        String kind = doc.path("kind").asText();
        if (kind.equals("Kustomization") || kind.equals("Component")) {
          assertReferencesExist(file, doc);
        } else if (doc.has("$patch")) {
          assertThat(doc.path("$patch").asText()).as(file.toString()).isEqualTo("delete");
        } else {
          assertThat(schemas.violations(doc)).as(file.toString()).isEmpty();
        }
      }
    }
  }

  /** The checks fail on what they are for: misspelt fields, wrong types, missing required fields. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{apiVersion: apps/v1, kind: Deployment, metadata: {name: x}, spec: {template: {spec: {containers: "
          + "[{name: c, readinesProbe: {httpGet: {path: /health/ready, port: http}}}]}}}}",
      "{apiVersion: v1, kind: Service, metadata: {name: x}, spec: {ports: [{port: eighty}]}}",
      "{apiVersion: v1, kind: Service, metadata: {name: x}, spec: {ports: [{port: \"8001\"}]}}",
      "{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {name: x}, spec: {maxUnavailabel: 1}}",
      "{apiVersion: keda.sh/v1alpha1, kind: ScaledObject, metadata: {name: x}, spec: {scaleTargetRef: {name: d}, "
          + "trigers: []}}",
      "{apiVersion: keda.sh/v1alpha1, kind: ScaledObject, metadata: {name: x}, spec: {triggers: []}}",
      "{apiVersion: serving.kserve.io/v1alpha1, kind: ServingRuntime, metadata: {name: x}, spec: {containers: [], "
          + "protocolVersions: grpc-v2}}",
      "{apiVersion: serving.kserve.io/v1beta1, kind: InferenceService, metadata: {name: x}, spec: {predictor: "
          + "{model: {modelFormat: {name: onnx}, protocolVersion: grpc-v2, storageURI: pvc://m/}}}}",
      "{apiVersion: example.com/v1, kind: Unknown, metadata: {name: x}}",
      "{apiVersion: v1, kind: Service, spec: {}}"})
  void invalidManifestsAreRejected(String manifest) throws Exception {
    assertThat(schemas.violations(parse(manifest).get(0))).isNotEmpty();
  }

  @Test
  void baseFilesServeTheServer() throws Exception {
    List<JsonNode> base = new ArrayList<>();
    for (Path file : yamlFiles()) {
      if (file.startsWith(DEPLOY.resolve("kubernetes/base")) && !file.endsWith("kustomization.yaml")) {
        base.addAll(read(file));
      }
    }
    assertServes(base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu", "cpu-models-from-image"})
  void renderedOverlayConformsAndServesTheServer(String overlay) throws Exception {
    assumeTrue(Kustomize.available(), "kubectl (with kustomize) is not installed: files checked alone");
    List<JsonNode> rendered = parse(Kustomize.render(DEPLOY.resolve("kubernetes/overlays/" + overlay)));
    for (JsonNode doc : rendered) {
      assertThat(schemas.violations(doc)).as(overlay + " " + doc.path("kind").asText()).isEmpty();
      assertThat(doc.at("/metadata/namespace").asText("clipserve")).isEqualTo("clipserve");
    }
    assertServes(rendered);
    JsonNode container = only(rendered, "Deployment").at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).endsWith("-" + overlay.replaceFirst("-.*", ""));
    if (overlay.equals("gpu")) {
      assertThat(container.at("/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
    }
  }

  @Test
  void kserveRuntimeHasOneH2cPortAndTheExampleUsesIt() throws Exception {
    JsonNode runtime = read(DEPLOY.resolve("kserve/servingruntime.yaml")).get(0);
    JsonNode service = read(DEPLOY.resolve("kserve/inferenceservice.yaml")).get(0);
    JsonNode ports = runtime.at("/spec/containers/0/ports");
    assertThat(ports).hasSize(1);
    assertThat(ports.at("/0/name").asText()).isEqualTo("h2c");
    assertThat(texts(runtime.at("/spec/protocolVersions"))).contains("grpc-v2");
    assertThat(texts(runtime.at("/spec/containers/0/args"))).contains("/mnt/models",
        ports.at("/0/containerPort").asText());

    JsonNode model = service.at("/spec/predictor/model");
    assertThat(model.path("runtime").asText()).isEqualTo(runtime.at("/metadata/name").asText());
    assertThat(runtime.at("/spec/supportedModelFormats").findValuesAsText("name"))
        .contains(model.at("/modelFormat/name").asText());
    assertThat(texts(runtime.at("/spec/protocolVersions"))).contains(model.path("protocolVersion").asText());
  }

  /** What the server needs of a set of manifests holding one Deployment. */
  private static void assertServes(List<JsonNode> docs) {
    JsonNode deployment = only(docs, "Deployment");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode labels = deployment.at("/spec/template/metadata/labels");
    JsonNode container = pod.at("/containers/0");
    List<String> portNames = container.path("ports").findValuesAsText("name");
    assertThat(portNames).contains("grpc", "http");

    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
    for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
      assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe).isEqualTo("http");
    }

    assertThat(env(container, "CLIPSERVE_DRAIN_SECONDS")).isEqualTo(Integer.toString(DRAIN_SECONDS));
    JsonNode preStop = container.at("/lifecycle/preStop/exec/command");
    assertThat(preStop.get(0).asText()).isEqualTo("sleep");
    int preStopSeconds = preStop.get(1).asInt();
    assertThat(pod.path("terminationGracePeriodSeconds").asInt())
        .as("terminationGracePeriodSeconds > preStop + drain").isGreaterThan(preStopSeconds + DRAIN_SECONDS);

    assertThat(container.at("/resources/requests").has("cpu")).isTrue();
    assertThat(container.at("/resources/requests").has("memory")).isTrue();
    assertThat(container.at("/resources/limits").has("memory")).isTrue();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();

    assertSelects(deployment.at("/spec/selector/matchLabels"), labels);
    List<JsonNode> services = all(docs, "Service");
    assertThat(services).hasSize(2);
    assertThat(services).anySatisfy(s -> assertThat(s.at("/spec/clusterIP").asText()).isEqualTo("None"));
    for (JsonNode service : services) {
      assertSelects(service.at("/spec/selector"), labels);
      assertThat(portNames).containsAll(service.at("/spec/ports").findValuesAsText("targetPort"));
    }
    assertSelects(only(docs, "PodDisruptionBudget").at("/spec/selector/matchLabels"), labels);

    JsonNode scaler = only(docs, "ScaledObject");
    assertThat(scaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
    assertThat(scaler.at("/spec/triggers/0/metadata/query").asText())
        .contains("clipserve_queue_seconds_total", "clipserve_items_total");

    JsonNode models = volume(pod, "models");
    String claim = models.at("/persistentVolumeClaim/claimName").asText();
    if (claim.isEmpty()) {
      assertThat(pod.path("initContainers").findValuesAsText("name")).as("models come from an init container")
          .isNotEmpty();
    } else {
      assertThat(all(docs, "PersistentVolumeClaim")).extracting(p -> p.at("/metadata/name").asText()).contains(claim);
    }
  }

  private static void assertSelects(JsonNode selector, JsonNode labels) {
    assertThat(selector.size()).as("selector " + selector).isPositive();
    selector.fields().forEachRemaining(e ->
        assertThat(labels.path(e.getKey()).asText()).as("pod label " + e.getKey()).isEqualTo(e.getValue().asText()));
  }

  private static void assertReferencesExist(Path file, JsonNode kustomization) {
    List<String> references = new ArrayList<>();
    for (String field : List.of("resources", "components")) {
      kustomization.path(field).forEach(r -> references.add(r.asText()));
    }
    kustomization.path("patches").forEach(p -> references.add(p.path("path").asText()));
    assertThat(references).as(file.toString()).isNotEmpty();
    for (String reference : references) {
      assertThat(file.resolveSibling(reference)).as(file + " names " + reference).exists();
    }
  }

  private static JsonNode volume(JsonNode pod, String name) {
    for (JsonNode volume : pod.path("volumes")) {
      if (volume.path("name").asText().equals(name)) {
        return volume;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode variable : container.path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return variable.path("value").asText();
      }
    }
    throw new AssertionError("no env " + name);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(t -> texts.add(t.asText()));
    return texts;
  }

  private static JsonNode only(List<JsonNode> docs, String kind) {
    List<JsonNode> found = all(docs, kind);
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  private static List<JsonNode> all(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  private static List<Path> yamlFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("kubernetes", "kserve")) {
      try (Stream<Path> walk = Files.walk(DEPLOY.resolve(dir))) {
        walk.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  private static List<JsonNode> read(Path file) throws IOException {
    return parse(Files.readString(file));
  }

  private static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    YAML.readerFor(JsonNode.class).readValues(yaml).forEachRemaining(d -> {
      if (d instanceof JsonNode node && !node.isNull() && !node.isMissingNode()) {
        docs.add(node);
      }
    });
    return docs;
  }
}
