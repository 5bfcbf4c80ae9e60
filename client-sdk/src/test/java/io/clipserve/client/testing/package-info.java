/**
 * Test doubles of the clipserve SERVER (never of the client): gRPC service implementations whose
 * answers are derived from the request by simple rules, served in-process or on a loopback port, so
 * tests of the client facade and the CLI run real gRPC calls and can check every field made the
 * round trip.
 */
package io.clipserve.client.testing;
