package org.example.virtsimilarity.image;

import java.util.Arrays;
import java.util.List;

/** Sorted, non-overlapping byte ranges known to read as zeros. Immutable. */
public final class ZeroExtents {
    public static final ZeroExtents NONE = new ZeroExtents(new long[0], new long[0]);

    private final long[] starts;
    private final long[] ends;

    private ZeroExtents(long[] starts, long[] ends) {
        this.starts = starts;
        this.ends = ends;
    }

    /** From ranges {start, end} in ascending order; touching ranges are joined. */
    public static ZeroExtents of(List<long[]> ranges) {
        long[] starts = new long[ranges.size()];
        long[] ends = new long[ranges.size()];
        int count = 0;
        for (long[] range : ranges) {
            if (range[1] <= range[0]) {
                continue;
            }
            if (count > 0 && ends[count - 1] == range[0]) {
                ends[count - 1] = range[1];
            } else {
                if (count > 0 && range[0] < ends[count - 1]) {
                    throw new IllegalArgumentException("zero extents out of order at " + range[0]);
                }
                starts[count] = range[0];
                ends[count] = range[1];
                count++;
            }
        }
        return new ZeroExtents(Arrays.copyOf(starts, count), Arrays.copyOf(ends, count));
    }

    /** Whether [offset, offset + length) lies inside one zero extent. */
    public boolean covers(long offset, long length) {
        int at = Arrays.binarySearch(starts, offset);
        int extent = at >= 0 ? at : -at - 2;
        return extent >= 0 && offset + length <= ends[extent];
    }
}
