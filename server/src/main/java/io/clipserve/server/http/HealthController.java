package io.clipserve.server.http;

import io.clipserve.server.ServerLifecycle;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** Liveness (the process answers) and readiness (start-up done, gRPC serving). */
@Controller("/health")
@Produces(MediaType.TEXT_PLAIN)
public class HealthController {
  private final ServerLifecycle lifecycle;

  public HealthController(ServerLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @Get("/live")
  public String live() {
    return "LIVE\n";
  }

  @Get("/ready")
  public HttpResponse<String> ready() {
    return lifecycle.isReady() ? HttpResponse.ok("READY\n")
        : HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE).body("NOT READY\n");
  }
}
