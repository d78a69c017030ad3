package org.example.virtsimilarity.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.example.virtsimilarity.guestfs.GuestfsHandle;

/**
 * The work inside one appliance that holds the image (first disk) and its baseline (second disk). Each disk's file
 * systems are mounted in turn, never both at once, so that clones (one file-system UUID, one LVM volume group) do not
 * clash: list the baseline's, list the image's, then checksum what the lists leave open, baseline first.
 */
final class GuestInspection {
    /** Types with no files to list, and why a partition holding one is explained no further. */
    private static final Map<String, String> NOT_MOUNTED = Map.of(
            "swap", "swap space holds no files",
            "crypto_LUKS", "encrypted (LUKS): its files cannot be read without the key",
            "BitLocker", "encrypted (BitLocker): its files cannot be read without the key",
            "unknown", "no file system libguestfs recognises",
            "LVM2_member", "an LVM physical volume: its logical volumes are explained below");
    /** Why a volume holds no files of its own: nothing is missing where these stop. */
    private static final Set<String> NO_FILES = Set.of("swap space holds no files",
            "an LVM physical volume: its logical volumes are explained below");
    private static final String IN_PART = "its files were compared in part";
    /** checksums_out's output is refused beyond this: 500,000 entries of 100 bytes, and room for long names. */
    private static final long MAX_SUMS_BYTES = 64L << 20;

    private final GuestfsHandle handle;
    private final ExplainPair pair;
    private final Budget budget;
    private final int topFiles;
    private final List<String> notes = new ArrayList<>();
    /** Whether something was left out: a note alone may only inform. */
    private boolean incomplete;
    private boolean lvm;

    GuestInspection(GuestfsHandle handle, ExplainPair pair, Budget budget, int topFiles) {
        this.handle = handle;
        this.pair = pair;
        this.budget = budget;
        this.topFiles = topFiles;
    }

    Explanation run(String imageDisk, String baselineDisk) {
        DiskLayout layout = DiskLayout.read(handle, imageDisk);
        DiskLayout baselineLayout = DiskLayout.read(handle, baselineDisk);
        if (!sameShape(layout, baselineLayout)) {
            notes.add("the baseline's partitions differ from the image's; shares are by the image's partitions");
        }
        DivergenceByRange divergence = DivergenceByRange.of(pair.imageSignature(), pair.baselineSignature(),
                layout.ranges());
        Map<String, Volume> mine = Map.of();
        Map<String, Volume> theirs = Map.of();
        try {
            lvm = handle.physicalVolumes().length > 0;
            mine = volumes(imageDisk);
            theirs = volumes(baselineDisk);
        } catch (RuntimeException e) {
            // hostile LVM metadata, or the deadline: explained down to partitions
            incomplete("the file systems could not be listed: " + oneLine(e.getMessage()));
        }
        Map<String, Volume> image = mine;
        Map<String, Volume> base = theirs;
        Map<String, String> why = new LinkedHashMap<>();
        List<String> comparable = new ArrayList<>();
        image.forEach((key, volume) -> {
            Volume other = base.get(key);
            String reason = NOT_MOUNTED.get(volume.fsType());
            if (reason != null) {
                why.put(key, reason);
            } else if (other == null) {
                why.put(key, "the baseline has no file system at " + baselineDevice(key, baselineDisk));
            } else if (!other.fsType().equals(volume.fsType())) {
                why.put(key, "the baseline holds " + other.fsType() + " there, the image " + volume.fsType());
            } else {
                comparable.add(key);
            }
        });
        Map<String, FileTreeWalker.Listing> before = listAll(baselineDisk, base, comparable, why);
        Map<String, FileTreeWalker.Listing> after = listAll(imageDisk, image, comparable, why);
        List<FileChange> changes = compareAll(baselineDisk, imageDisk, base, image, comparable, before, after, why);
        Explanation.Ranked ranked = Explanation.rank(changes, topFiles);
        List<VolumeShare> volumes = shares(layout, divergence, image, why, imageDisk);
        boolean partial = incomplete || volumes.stream().anyMatch(GuestInspection::unexplained);
        long contentNew = divergence.contentNewBytes().map(b -> Arrays.stream(b).sum()).orElse(-1L);
        return new Explanation(pair.imageName(), pair.baselineName(),
                partial ? Explanation.Status.PARTIAL : Explanation.Status.COMPLETE, notes,
                divergence.positionTotal(), contentNew, volumes, ranked.top(), ranked.count(), ranked.directories(),
                0, 0);
    }

    /**
     * A volume whose divergence stops short of its files. Swap holds no files, and a physical volume's files are
     * its logical volumes', so nothing is missing there.
     */
    private static boolean unexplained(VolumeShare v) {
        boolean diverges = v.positionBytes() > 0 || v.contentNewBytes() > 0;
        return v.kind() != VolumeShare.Kind.OUTSIDE_PARTITIONS && diverges && !NO_FILES.contains(v.note())
                && (!v.filesCompared() || v.note().startsWith(IN_PART));
    }

    private void incomplete(String note) {
        incomplete = true;
        notes.add(note);
    }

    private static boolean sameShape(DiskLayout a, DiskLayout b) {
        return a.ranges().equals(b.ranges());
    }

    /**
     * A disk's file systems by key: the partition number ("1"), "" for the whole disk, or the logical volume's name;
     * with their type, label, UUID and, where inspection finds a guest, mount point.
     */
    private Map<String, Volume> volumes(String disk) {
        onlyLvmOf(disk);
        Map<String, Volume> volumes = new LinkedHashMap<>();
        Map<String, String> filesystems = new TreeMap<>(handle.listFilesystems());
        Map<String, String> mountpoints = mountpoints(disk);
        filesystems.forEach((device, type) -> {
            Optional<String> key = key(device, disk);
            key.ifPresent(k -> volumes.put(k, new Volume(device, type, quietly(() -> handle.vfsLabel(device)),
                    quietly(() -> handle.vfsUuid(device)), mountpoints.getOrDefault(k, ""))));
        });
        return volumes;
    }

    /** Mount points by volume key, from inspection of the guest on {@code disk}, if there is one. */
    private Map<String, String> mountpoints(String disk) {
        Map<String, String> byKey = new HashMap<>();
        try {
            for (String root : handle.inspectOs()) {
                if (key(root, disk).isEmpty()) {
                    continue;
                }
                handle.inspectMountpoints(root).forEach((mountpoint, device) ->
                        keyOnAnyDisk(device, disk).ifPresent(k -> byKey.put(k, mountpoint)));
            }
        } catch (RuntimeException e) {
            notes.add("inspection failed, so no mount points are known: " + e.getMessage());
        }
        return byKey;
    }

    /**
     * A device's key if it is on {@code disk}: its partition number, "" for the whole disk, a btrfs subvolume by its
     * partition's key, or a logical volume by name (only this disk's LVM is active). Devices of both disks (an md
     * array) are not explained.
     */
    private static Optional<String> key(String device, String disk) {
        if (device.startsWith("btrfsvol:")) {
            String rest = device.substring("btrfsvol:".length());
            int slash = rest.indexOf('/', "/dev/".length());
            return slash < 0 ? Optional.empty() : key(rest.substring(0, slash), disk)
                    .map(k -> "btrfsvol:" + k + rest.substring(slash));
        }
        if (device.startsWith(disk)) {
            String rest = device.substring(disk.length());
            return rest.chars().allMatch(Character::isDigit) ? Optional.of(rest) : Optional.empty();
        }
        boolean logicalVolume = device.startsWith("/dev/") && !device.matches("/dev/(sd|vd|hd|md)[a-z0-9]*");
        return logicalVolume ? Optional.of(device) : Optional.empty();
    }

    /**
     * Inspection resolves a guest's fstab by UUID, which a clone on the other disk shares: a device named on the
     * other disk stands for the same partition of this one.
     */
    private static Optional<String> keyOnAnyDisk(String device, String disk) {
        if (device.matches("/dev/sd[a-z]+[0-9]*")) {
            return Optional.of(device.replaceFirst("^/dev/sd[a-z]+", ""));
        }
        return key(device, disk);
    }

    private void onlyLvmOf(String disk) {
        if (lvm) {
            handle.lvmFilter(disk);
        }
    }

    private Map<String, FileTreeWalker.Listing> listAll(String disk, Map<String, Volume> volumes,
                                                       List<String> keys, Map<String, String> why) {
        budget.startDisk();
        try {
            onlyLvmOf(disk);
        } catch (RuntimeException e) {
            keys.forEach(key -> why.putIfAbsent(key, "LVM could not be limited to one disk: "
                    + oneLine(e.getMessage())));
            return Map.of();
        }
        Map<String, FileTreeWalker.Listing> listings = new HashMap<>();
        for (String key : keys) {
            if (why.containsKey(key)) {
                continue;
            }
            if (budget.expired()) {
                why.put(key, "the time limit was reached before its files were listed");
                continue;
            }
            Volume volume = volumes.get(key);
            try {
                mount(volume);
            } catch (RuntimeException e) {
                why.put(key, "cannot be mounted (" + oneLine(e.getMessage()) + ")");
                continue;
            }
            try {
                listings.put(key, FileTreeWalker.walk(handle, budget));
            } finally {
                unmount();
            }
        }
        return listings;
    }

    private List<FileChange> compareAll(String baselineDisk, String imageDisk, Map<String, Volume> theirs,
                                        Map<String, Volume> mine, List<String> keys,
                                        Map<String, FileTreeWalker.Listing> before,
                                        Map<String, FileTreeWalker.Listing> after, Map<String, String> why) {
        Map<String, ChecksumPlan> plans = new LinkedHashMap<>();
        for (String key : keys) {
            if (!why.containsKey(key) && before.containsKey(key) && after.containsKey(key)) {
                List<String> open = FileListComparison.needChecksum(before.get(key).files(), after.get(key).files());
                plans.put(key, ChecksumPlan.of(open, before.get(key), after.get(key), budget));
            }
        }
        Map<String, Map<String, String>> sumsBefore = checksums(baselineDisk, theirs, plans);
        Map<String, Map<String, String>> sumsAfter = checksums(imageDisk, mine, plans);
        List<FileChange> changes = new ArrayList<>();
        boolean unchecked = false;
        for (String key : plans.keySet()) {
            Map<String, String> a = sumsBefore.getOrDefault(key, Map.of());
            Map<String, String> b = sumsAfter.getOrDefault(key, Map.of());
            Volume volume = mine.get(key);
            String prefix = volume.mountpoint().equals("/") ? "" : volume.mountpoint();
            List<FileChange> found = FileListComparison.compare(before.get(key), after.get(key),
                    volume.device(), prefix, (path, file) -> a.containsKey(path) && b.containsKey(path)
                            ? Optional.of(a.get(path).equals(b.get(path))) : Optional.empty());
            unchecked |= found.stream().anyMatch(c -> c.change() == FileChange.Change.UNCHECKED);
            changes.addAll(found);
            List<String> trouble = new ArrayList<>(before.get(key).notes());
            trouble.addAll(after.get(key).notes());
            if (before.get(key).partial() || after.get(key).partial()) {
                why.put(key, IN_PART + ": " + String.join("; ", trouble));
            }
        }
        if (unchecked) {
            incomplete("not every file of one size and another time was checksummed (the budget, the time"
                    + " limit or a failed checksum): they are listed as unchecked");
        }
        return changes;
    }

    /** Checksums of each file system's open files as its plan says, by path. */
    private Map<String, Map<String, String>> checksums(String disk, Map<String, Volume> volumes,
                                                       Map<String, ChecksumPlan> plans) {
        Map<String, Map<String, String>> sums = new HashMap<>();
        try {
            onlyLvmOf(disk);
        } catch (RuntimeException e) {
            return sums;
        }
        for (Map.Entry<String, ChecksumPlan> entry : plans.entrySet()) {
            ChecksumPlan plan = entry.getValue();
            if (plan.directories().isEmpty() && plan.files().isEmpty() || budget.expired()) {
                continue;
            }
            Volume volume = volumes.get(entry.getKey());
            try {
                mount(volume);
            } catch (RuntimeException e) {
                continue;
            }
            Map<String, String> found = new HashMap<>();
            try {
                for (String directory : plan.directories()) {
                    if (budget.expired()) {
                        break;
                    }
                    found.putAll(checksumsOf(directory));
                }
                for (String path : plan.files()) {
                    if (budget.expired()) {
                        break;
                    }
                    found.put(path, handle.checksum("sha256", path));
                }
            } catch (RuntimeException | IOException e) {
                incomplete("a checksum failed: " + oneLine(e.getMessage()));
            } finally {
                unmount();
            }
            sums.put(entry.getKey(), found);
        }
        return sums;
    }

    /** Every file's checksum under a directory, in one call, through a file of our own. */
    private Map<String, String> checksumsOf(String directory) throws IOException {
        Path sums = Files.createTempFile("virt-similarity-sums", ".txt");
        try {
            handle.checksumsOut("sha256", directory, sums.toString());
            if (Files.size(sums) > MAX_SUMS_BYTES) {
                throw new IOException("the checksums of " + directory + " take more than " + MAX_SUMS_BYTES
                        + " bytes");
            }
            return ChecksumLines.parse(directory, new String(Files.readAllBytes(sums), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(sums);
        }
    }

    private List<VolumeShare> shares(DiskLayout layout, DivergenceByRange divergence, Map<String, Volume> mine,
                                     Map<String, String> why, String disk) {
        List<VolumeShare> shares = new ArrayList<>();
        long[] position = divergence.positionBytes();
        Optional<long[]> content = divergence.contentNewBytes();
        List<DiskLayout.Partition> partitions = layout.partitions();
        for (int i = 0; i < partitions.size(); i++) {
            DiskLayout.Partition p = partitions.get(i);
            String key = Integer.toString(p.number());
            int index = i;
            shares.add(share(p.device(), VolumeShare.Kind.PARTITION, p.range(), position[i],
                    content.map(c -> c[index]).orElse(-1L), mine.get(key), why.get(key)));
        }
        int outside = partitions.size();
        long size = pair.imageSignature().imageSize();
        if (partitions.isEmpty()) {
            shares.add(share(disk, VolumeShare.Kind.DISK, new DiskRange(0, size), position[outside],
                    content.map(c -> c[outside]).orElse(-1L), mine.get(""), why.getOrDefault("",
                            mine.containsKey("") ? null : "no partition table and no file system")));
        } else {
            long covered = partitions.stream().mapToLong(p -> p.range().length()).sum();
            shares.add(new VolumeShare(disk, VolumeShare.Kind.OUTSIDE_PARTITIONS, -1, Math.max(0, size - covered),
                    "", "", "", "", position[outside], content.map(c -> c[outside]).orElse(-1L), false,
                    "the partition table and the space outside partitions"));
        }
        Set<String> inRanges = new HashSet<>();
        partitions.forEach(p -> inRanges.add(Integer.toString(p.number())));
        inRanges.add("");
        mine.forEach((key, volume) -> {
            if (!inRanges.contains(key)) {
                shares.add(share(volume.device(), VolumeShare.Kind.LOGICAL_VOLUME, null, -1, -1, volume,
                        why.get(key)));
            }
        });
        return shares;
    }

    private VolumeShare share(String device, VolumeShare.Kind kind, DiskRange range, long position, long content,
                              Volume volume, String why) {
        long size = range == null ? quietlyLong(() -> handle.blockdevSize(device)) : range.length();
        long start = range == null ? -1 : range.start();
        if (volume == null) {
            // list_filesystems leaves out LVM physical volumes and LUKS containers: say what they are
            String type = why == null ? quietly(() -> handle.vfsType(device)) : "";
            String note = why != null ? why : NOT_MOUNTED.getOrDefault(type, "no file system");
            return new VolumeShare(device, kind, start, size, type, "", "", "", position, content, false, note);
        }
        boolean compared = why == null || why.startsWith(IN_PART);
        return new VolumeShare(device, kind, start, size, volume.fsType(), volume.label(), volume.uuid(),
                volume.mountpoint(), position, content, compared, why == null ? "" : why);
    }

    /** Mounts a file system read-only at the appliance's root, where the walker and the checksums look. */
    private void mount(Volume volume) {
        handle.mountReadOnly(GuestExplainer.mountOptions(volume.fsType()), volume.device(), "/");
    }

    private void unmount() {
        try {
            handle.unmountAll();
        } catch (RuntimeException e) {
            // the next mount says what is wrong, if anything is
        }
    }

    private static String baselineDevice(String key, String baselineDisk) {
        return key.isEmpty() || key.chars().allMatch(Character::isDigit) ? baselineDisk + key : key;
    }

    private static String quietly(Supplier<String> call) {
        try {
            String value = call.get();
            return value == null ? "" : value;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static long quietlyLong(LongSupplier call) {
        try {
            return call.getAsLong();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }

    /** A file system of one disk. */
    private record Volume(String device, String fsType, String label, String uuid, String mountpoint) {
    }
}
