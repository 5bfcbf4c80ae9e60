/**
 * The work behind each EmbeddingService call, free of transport concerns: validate the request,
 * take a hold on the model version, encode its inputs through the version's pipelines and build
 * the response. Every operation returns a future; none blocks the calling thread on inference.
 */
package io.clipserve.server.inference;
