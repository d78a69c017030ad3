package org.example.virtsimilarity.explain;

import java.time.Duration;

/** What an explanation may still spend: time until its deadline, entries to list, bytes to checksum. */
final class Budget {
    private final long deadlineNanos;
    private int entries;
    private long checksumBytes;

    Budget(ExplainOptions options, long startNanos) {
        this.deadlineNanos = startNanos + options.timeLimit().toNanos();
        this.entries = options.maxEntries();
        this.checksumBytes = options.checksumBytes();
    }

    boolean expired() {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    Duration left() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** Takes {@code n} entries, or as many as are left; how many were taken. */
    int takeEntries(int n) {
        int taken = Math.min(n, entries);
        entries -= taken;
        return taken;
    }

    /** Takes {@code bytes} of checksumming if that much is left. */
    boolean takeChecksum(long bytes) {
        if (bytes > checksumBytes) {
            return false;
        }
        checksumBytes -= bytes;
        return true;
    }
}
