/**
 * Dynamic batching, as Triton's dynamic batcher: a {@link io.clipserve.server.batching.DynamicBatcher}
 * per (model, version, encoder) takes queued items in arrival order into batches up to the
 * encoder's limit, sending a batch at once when it is full or reaches a preferred size and
 * otherwise after at most the configured queue delay; {@code instance_count} workers run batches in
 * parallel. Items whose call has passed its deadline or was cancelled are dropped before inference.
 */
package io.clipserve.server.batching;
