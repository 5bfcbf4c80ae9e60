package io.clipserve.bench;

/**
 * One interval of a step ({@code bench --interval-seconds}): every answer and failure that
 * arrived in it. {@code fromSeconds} and {@code toSeconds} count from the step's start, warm-up
 * included.
 */
public record Interval(double fromSeconds, double toSeconds, Tally tally) {
}
