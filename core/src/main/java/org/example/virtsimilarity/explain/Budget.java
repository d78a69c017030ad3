package org.example.virtsimilarity.explain;

import java.time.Duration;

/** What an explanation may still spend: time until its deadline, entries to list, bytes to checksum. */
final class Budget {
    /** Beyond a year is no limit anyone means, and would overflow the nanoseconds. */
    private static final Duration LONGEST = Duration.ofDays(365);

    private final long deadlineNanos;
    private final int entriesPerDisk;
    private int entries;
    private long checksumBytes;

    Budget(ExplainOptions options, long startNanos) {
        Duration limit = options.timeLimit().compareTo(LONGEST) > 0 ? LONGEST : options.timeLimit();
        this.deadlineNanos = startNanos + limit.toNanos();
        this.entriesPerDisk = options.maxEntries();
        this.entries = entriesPerDisk;
        this.checksumBytes = options.checksumBytes();
    }

    /** The entries budget is per disk: each listing starts with all of it. */
    void startDisk() {
        entries = entriesPerDisk;
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
