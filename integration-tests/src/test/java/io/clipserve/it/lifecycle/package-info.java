/**
 * The server as a process: started from the test with the server's classpath, stopped with
 * SIGTERM under load on a model whose inference takes hundreds of milliseconds (the vit-b-16
 * preset, generated at test time and cached under target/); and three such processes over one
 * repository, losing two while a balanced bench runs over them.
 */
package io.clipserve.it.lifecycle;
