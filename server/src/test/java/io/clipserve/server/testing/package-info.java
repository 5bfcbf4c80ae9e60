/** Test support: a real server on loopback over a repository assembled per test class. */
package io.clipserve.server.testing;
