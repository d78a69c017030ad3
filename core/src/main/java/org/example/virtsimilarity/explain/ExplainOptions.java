package org.example.virtsimilarity.explain;

import java.time.Duration;
import java.util.Objects;

/**
 * The budgets of one explanation. Whatever a guest holds, an explanation ends within its time limit (the appliance
 * is killed at the deadline) and reads at most this many entries and checksums at most this many bytes; what it could
 * not finish it marks partial.
 *
 * @param timeLimit      the whole explanation's time, the appliance's launch included
 * @param maxEntries     file-system entries listed per image, all file systems together
 * @param checksumBytes  bytes checksummed, both images together, for files whose metadata leaves the question open
 * @param topFiles       changed files kept in the explanation, largest first (totals count them all)
 */
public record ExplainOptions(Duration timeLimit, int maxEntries, long checksumBytes, int topFiles) {
    /** Ten minutes; two 1 GiB images of 10,000 files take well under a minute and a half. */
    public static final Duration TIME_LIMIT = Duration.ofMinutes(10);
    public static final int MAX_ENTRIES = 500_000;
    public static final long CHECKSUM_BYTES = 4L << 30;
    public static final int TOP_FILES = 200;

    public ExplainOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero() || maxEntries < 1 || checksumBytes < 0 || topFiles < 1) {
            throw new IllegalArgumentException("explanation budgets must be positive");
        }
    }

    public static ExplainOptions defaults() {
        return new ExplainOptions(TIME_LIMIT, MAX_ENTRIES, CHECKSUM_BYTES, TOP_FILES);
    }

    public ExplainOptions withTimeLimit(Duration value) {
        return new ExplainOptions(value, maxEntries, checksumBytes, topFiles);
    }

    public ExplainOptions withMaxEntries(int value) {
        return new ExplainOptions(timeLimit, value, checksumBytes, topFiles);
    }

    public ExplainOptions withChecksumBytes(long value) {
        return new ExplainOptions(timeLimit, maxEntries, value, topFiles);
    }
}
