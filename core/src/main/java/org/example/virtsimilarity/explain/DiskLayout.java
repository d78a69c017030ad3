package org.example.virtsimilarity.explain;

import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.guestfs.GuestfsHandle;

/**
 * A disk's partitions as the appliance sees them. An MBR's extended partition holds the logical ones, so a partition
 * that contains another is left out: the ranges then cover each byte once.
 *
 * @param disk       the appliance's device ({@code /dev/sda})
 * @param partitions the partitions, by start; none for a disk without a partition table
 */
record DiskLayout(String disk, List<Partition> partitions) {
    /** One partition: its device, number and place. */
    record Partition(String device, int number, DiskRange range) {
    }

    static DiskLayout read(GuestfsHandle handle, String disk) {
        long[][] rows;
        try {
            // parted calls a file system on the whole disk a "loop" table of one partition: it is the disk
            if (handle.partitionTableType(disk).equals("loop")) {
                return new DiskLayout(disk, List.of());
            }
            rows = handle.partitionTable(disk);
        } catch (RuntimeException e) {
            // no partition table (nothing parted knows) is not an error
            return new DiskLayout(disk, List.of());
        }
        List<Partition> partitions = new ArrayList<>();
        for (long[] row : rows) {
            if (row[1] >= 0 && row[2] > 0) {
                partitions.add(new Partition(disk + row[0], (int) row[0], new DiskRange(row[1], row[2])));
            }
        }
        partitions.removeIf(outer -> partitions.stream().anyMatch(inner -> inner != outer
                && inner.range().start() >= outer.range().start() && inner.range().end() <= outer.range().end()));
        partitions.sort((a, b) -> Long.compare(a.range().start(), b.range().start()));
        return new DiskLayout(disk, disjoint(partitions));
    }

    /** A damaged or hostile table may overlap partitions: each byte is counted in the first that holds it. */
    static List<Partition> disjoint(List<Partition> sorted) {
        List<Partition> result = new ArrayList<>();
        long end = 0;
        for (Partition p : sorted) {
            long start = Math.max(p.range().start(), end);
            long length = Math.max(0, p.range().end() - start);
            result.add(new Partition(p.device(), p.number(), new DiskRange(start, length)));
            end = Math.max(end, start + length);
        }
        return List.copyOf(result);
    }

    List<DiskRange> ranges() {
        return partitions.stream().map(Partition::range).toList();
    }
}
