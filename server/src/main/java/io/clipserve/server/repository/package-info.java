/**
 * The model repository on disk: which model directories and version directories exist, what each
 * model's {@code config.pbtxt} says once defaults are filled in and checked, and which versions
 * its policy serves. Nothing here loads an encoder; nothing from a request reaches the file system
 * except through a name that {@link io.clipserve.server.repository.ModelNames} accepted, and
 * nothing that resolves outside the repository is read
 * ({@link io.clipserve.server.repository.RepositoryFiles}).
 */
package io.clipserve.server.repository;
