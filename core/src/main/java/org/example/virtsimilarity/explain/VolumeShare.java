package org.example.virtsimilarity.explain;

import java.io.Serializable;
import java.util.Objects;

/**
 * A partition, a file system or the space outside partitions, with its share of the image's divergence from its
 * baseline. The {@link Kind#PARTITION}, {@link Kind#DISK} and {@link Kind#OUTSIDE_PARTITIONS} entries of an
 * explanation cover the disk once, so their bytes add up to the explanation's totals; a
 * {@link Kind#LOGICAL_VOLUME} lies inside a partition, which counts its bytes.
 *
 * @param device          the image's device as libguestfs names it ({@code /dev/sda1}, {@code /dev/vg/root})
 * @param kind            what it is
 * @param start           its first byte on the disk, or -1 where it has no one place
 * @param size            its size in bytes
 * @param fsType          its file system's type ({@code ext4}, {@code crypto_LUKS}, {@code swap}), or ""
 * @param label           its file system's label, or ""
 * @param uuid            its file system's UUID, or ""
 * @param mountpoint      where the guest mounts it, from inspection, or ""
 * @param positionBytes   bytes of 64 KiB (or the run's) blocks that differ at the same place, inside it; -1 for a
 *                        logical volume
 * @param contentNewBytes bytes of data inside it found nowhere in the baseline; -1 for a logical volume or where the
 *                        signatures have no content fingerprints
 * @param filesCompared   whether its files were compared
 * @param note            why its files were not compared (or were only in part), or ""
 */
public record VolumeShare(String device, Kind kind, long start, long size, String fsType, String label, String uuid,
                          String mountpoint, long positionBytes, long contentNewBytes, boolean filesCompared,
                          String note) implements Serializable {
    public VolumeShare {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fsType, "fsType");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(mountpoint, "mountpoint");
        Objects.requireNonNull(note, "note");
    }

    /** What a volume is. */
    public enum Kind {
        PARTITION,
        /** A file system (or nothing known) on the whole disk, without a partition table. */
        DISK,
        /** The partition table and the gaps between partitions. */
        OUTSIDE_PARTITIONS,
        LOGICAL_VOLUME
    }

    /** Whether its bytes are part of the disk's cover (a logical volume's are in its partition's). */
    public boolean coversDisk() {
        return kind != Kind.LOGICAL_VOLUME;
    }
}
