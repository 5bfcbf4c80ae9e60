/**
 * End-to-end tests against one real server on the bundled repository ({@link
 * io.clipserve.it.SharedServer}): the Java facade and its streams, {@code clipserve bench}, and a
 * Python grpcio client with stubs generated from {@code proto/} during the test.
 */
package io.clipserve.it;
