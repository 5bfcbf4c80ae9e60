/**
 * The server's settings: ports, repository location, polling, limits. Read by Micronaut from
 * {@code application.yml}, environment variables ({@code CLIPSERVE_GRPC_PORT}) and the launch flags
 * that {@link io.clipserve.server.config.LaunchArguments} translates.
 */
package io.clipserve.server.config;
