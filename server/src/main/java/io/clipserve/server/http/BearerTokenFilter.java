package io.clipserve.server.http;

import io.clipserve.server.security.AccessTokens;
import io.clipserve.server.security.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every HTTP path but {@code /health/live}, {@code /health/ready} and their KServe v2 twins
 * {@code /v2/health/live}, {@code /v2/health/ready} needs an inference or admin bearer token
 * ({@code Authorization: Bearer <token>}) when {@code --inference-token-file} is set;
 * {@code POST /api/v1/models/{name}/load} and {@code /unload} need the admin role as their gRPC
 * calls do: 401 without one, 403 with one not accepted. Never logs or echoes a token. Any thread.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BearerTokenFilter {
  private static final Set<String> OPEN_PATHS =
      Set.of("/health/live", "/health/ready", "/v2/health/live", "/v2/health/ready");
  private static final Pattern ADMIN_PATHS = Pattern.compile("/api/v1/models/[^/]+/(load|unload)");

  private final AccessTokens tokens;

  public BearerTokenFilter(AccessTokens tokens) {
    this.tokens = tokens;
  }

  /** Null lets the request through; a response refuses it. */
  @RequestFilter
  @Nullable
  public HttpResponse<String> check(HttpRequest<?> request) {
    if (OPEN_PATHS.contains(request.getPath())) {
      return null;
    }
    String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
    Role role = ADMIN_PATHS.matcher(request.getPath()).matches() ? Role.ADMIN : Role.INFERENCE;
    String roleName = role.name().toLowerCase(Locale.ROOT);
    return switch (tokens.check(role, authorization)) {
      case ALLOWED -> null;
      case MISSING -> HttpResponse.<String>status(HttpStatus.UNAUTHORIZED)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .body("this path needs a bearer token of the " + roleName + " role"
              + " (Authorization: Bearer <token>; --" + roleName + "-token-file)\n");
      case DENIED -> HttpResponse.<String>status(HttpStatus.FORBIDDEN)
          .body("the bearer token is not accepted for this path (--" + roleName
              + "-token-file)\n");
    };
  }
}
