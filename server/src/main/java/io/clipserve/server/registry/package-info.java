/**
 * Which model versions exist, their states (LOADING, READY, UNLOADING, UNAVAILABLE, FAILED) and
 * the loaded ones. {@link io.clipserve.server.registry.ModelRegistry} is the one place that
 * changes what is served; requests take a {@link io.clipserve.server.registry.LoadedVersion} with
 * {@link io.clipserve.server.registry.LoadedVersion#retain()} and give it back when answered, so an
 * unloaded version is released only after its last request.
 */
package io.clipserve.server.registry;
