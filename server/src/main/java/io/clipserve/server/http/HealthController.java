package io.clipserve.server.http;

import io.clipserve.server.registry.Readiness;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/**
 * Liveness (the process answers, also while draining at shutdown) and readiness as
 * {@link Readiness} has it, with the model count in the body.
 */
@Controller("/health")
@Produces(MediaType.TEXT_PLAIN)
public class HealthController {
  private final Readiness readiness;

  public HealthController(Readiness readiness) {
    this.readiness = readiness;
  }

  @Get("/live")
  public String live() {
    return "LIVE\n";
  }

  @Get("/ready")
  public HttpResponse<String> ready() {
    String models = readiness.models() + "\n";
    if (readiness.isReady()) {
      return HttpResponse.ok("READY " + models);
    }
    return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body(
        (readiness.isStopping() ? "NOT READY shutting down " : "NOT READY ") + models);
  }
}
