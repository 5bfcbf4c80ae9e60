/**
 * Which model versions exist, their states (LOADING, READY, UNLOADING, UNAVAILABLE, FAILED) and
 * the loaded ones. {@link io.clipserve.server.registry.ModelRegistry} is what requests and status
 * calls read; {@link io.clipserve.server.registry.ModelManager} is the one place that changes it
 * (start-up, {@link io.clipserve.server.registry.RepositoryPoller}, LoadModel, UnloadModel), one
 * model at a time under the lock that model's entry owns (its transitions check they hold it),
 * through the refresher (re-reads now or later), the
 * reconciler (what the policy serves) and the switcher (load, swap, retire). Requests take a
 * {@link io.clipserve.server.registry.LoadedVersion} with
 * {@link io.clipserve.server.registry.LoadedVersion#retain()} and give it back when answered, so a
 * retired version is closed only after its last request.
 */
package io.clipserve.server.registry;
