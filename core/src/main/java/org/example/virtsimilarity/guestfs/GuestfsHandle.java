package org.example.virtsimilarity.guestfs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * One libguestfs handle, called through reflection because the binding is loaded at run time. A handle serves one
 * call at a time. Errors come back as {@link GuestfsException} with libguestfs' own one-line message.
 */
public final class GuestfsHandle implements AutoCloseable {
    private final Object guestfs;
    private final Class<?> type;
    /** The processes the launch started (the hypervisor), which {@link #stopAppliance} kills. */
    private volatile Set<Long> appliance = Set.of();

    private GuestfsHandle(Object guestfs) {
        this.guestfs = guestfs;
        this.type = guestfs.getClass();
    }

    static GuestfsHandle create(Class<?> guestfsClass) {
        try {
            return new GuestfsHandle(guestfsClass.getConstructor().newInstance());
        } catch (InvocationTargetException e) {
            throw new GuestfsException("cannot create a libguestfs handle: " + firstLine(e.getCause()));
        } catch (ReflectiveOperationException e) {
            throw new GuestfsException("the libguestfs binding has no usable constructor: " + e);
        }
    }

    public void addDriveReadOnly(String path, String format) {
        call("add_drive_opts", new Class<?>[] {String.class, Map.class}, path,
                Map.of("readonly", Boolean.TRUE, "format", format));
    }

    /** Adds a disk served by an NBD server on a Unix socket of this host, read-only, its bytes taken as raw. */
    public void addNbdDriveReadOnly(Path socket) {
        call("add_drive_opts", new Class<?>[] {String.class, Map.class}, "",
                Map.of("readonly", Boolean.TRUE, "format", "raw", "protocol", "nbd",
                        "server", new String[] {"unix:" + socket}));
    }

    /**
     * Starts the appliance, giving up after {@code timeout}: libguestfs itself would wait far longer for an appliance
     * that never boots (as happens with KVM on some hosts), so on timeout the hypervisor it started is killed.
     */
    public void launch(Duration timeout) {
        Set<Long> before = descendants();
        FutureTask<Void> launch = new FutureTask<>(() -> {
            call("launch", new Class<?>[0]);
            return null;
        });
        Thread thread = new Thread(launch, "libguestfs-launch");
        thread.setDaemon(true);
        thread.start();
        try {
            launch.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            appliance = hypervisor();
        } catch (TimeoutException e) {
            ProcessHandle.current().descendants()
                    .filter(p -> !before.contains(p.pid()))
                    .forEach(ProcessHandle::destroyForcibly);
            joinQuietly(thread);
            throw new GuestfsException("the libguestfs appliance did not start within " + timeout.toSeconds()
                    + " s (if KVM hangs on this host, set LIBGUESTFS_BACKEND_SETTINGS=force_tcg)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof GuestfsException g ? g : new GuestfsException(firstLine(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuestfsException("interrupted while the libguestfs appliance was starting");
        }
    }

    public String[] listDevices() {
        return (String[]) call("list_devices", new Class<?>[0]);
    }

    public long blockdevSize(String device) {
        return (Long) call("blockdev_getsize64", new Class<?>[] {String.class}, device);
    }

    /** Copies a device (or file) of the appliance to a local file, which may be a FIFO. Blocks until done. */
    public void download(String remote, String localFile) {
        call("download", new Class<?>[] {String.class, String.class}, remote, localFile);
    }

    /** The appliance's memory in MiB. */
    public int memoryMiB() {
        return (Integer) call("get_memsize", new Class<?>[0]);
    }

    /** The partition table's type as parted names it ({@code msdos}, {@code gpt}, {@code loop}). */
    public String partitionTableType(String disk) {
        return (String) call("part_get_parttype", new Class<?>[] {String.class}, disk);
    }

    /** The partitions of a disk as {number, start, size} in bytes. */
    public long[][] partitionTable(String disk) {
        Object[] parts = (Object[]) call("part_list", new Class<?>[] {String.class}, disk);
        long[][] table = new long[parts.length][];
        for (int i = 0; i < parts.length; i++) {
            table[i] = new long[] {field(parts[i], "part_num"), field(parts[i], "part_start"),
                    field(parts[i], "part_size")};
        }
        return table;
    }

    /** Every device or logical volume libguestfs finds a file system (or swap, or LUKS) on, with its type. */
    @SuppressWarnings("unchecked")
    public Map<String, String> listFilesystems() {
        return (Map<String, String>) call("list_filesystems", new Class<?>[0]);
    }

    /** What {@code device} holds as blkid says ({@code ext4}, {@code LVM2_member}, {@code crypto_LUKS}), or "". */
    public String vfsType(String device) {
        return (String) call("vfs_type", new Class<?>[] {String.class}, device);
    }

    public String vfsLabel(String device) {
        return (String) call("vfs_label", new Class<?>[] {String.class}, device);
    }

    public String vfsUuid(String device) {
        return (String) call("vfs_uuid", new Class<?>[] {String.class}, device);
    }

    /** Restricts LVM to these devices, so that the volume groups of two clones (one name, one UUID) do not clash. */
    public void lvmFilter(String... devices) {
        call("lvm_set_filter", new Class<?>[] {String[].class}, (Object) devices);
    }

    /** Physical volumes, as devices. */
    public String[] physicalVolumes() {
        return (String[]) call("pvs", new Class<?>[0]);
    }

    /** The guests' root file systems that inspection recognises. */
    public String[] inspectOs() {
        return (String[]) call("inspect_os", new Class<?>[0]);
    }

    /** Where the guest of {@code root} mounts its file systems, mount point to device. */
    @SuppressWarnings("unchecked")
    public Map<String, String> inspectMountpoints(String root) {
        return (Map<String, String>) call("inspect_get_mountpoints", new Class<?>[] {String.class}, root);
    }

    public void mountReadOnly(String options, String device, String mountpoint) {
        call("mount_options", new Class<?>[] {String.class, String.class, String.class}, options, device,
                mountpoint);
    }

    public void unmountAll() {
        call("umount_all", new Class<?>[0]);
    }

    /** The names in a directory of the mounted file systems, without following links. */
    public String[] list(String directory) {
        return (String[]) call("ls", new Class<?>[] {String.class}, directory);
    }

    /**
     * lstat of each name in {@code directory}, as {mode, size, uid, gid, mtime seconds, mtime nanoseconds, inode}
     * rows; a name whose lstat failed has inode -1, as libguestfs marks it.
     */
    public long[][] lstat(String directory, String[] names) {
        Object[] stats = (Object[]) call("lstatnslist", new Class<?>[] {String.class, String[].class}, directory,
                names);
        long[][] rows = new long[stats.length][];
        for (int i = 0; i < stats.length; i++) {
            Object s = stats[i];
            rows[i] = new long[] {field(s, "st_mode"), field(s, "st_size"), field(s, "st_uid"), field(s, "st_gid"),
                    field(s, "st_mtime_sec"), field(s, "st_mtime_nsec"), field(s, "st_ino")};
        }
        return rows;
    }

    /** The targets of symbolic links in {@code directory}, never followed. */
    public String[] readLinks(String directory, String[] names) {
        return (String[]) call("readlinklist", new Class<?>[] {String.class, String[].class}, directory, names);
    }

    /** A file's checksum ({@code sha256}) computed in the appliance. */
    public String checksum(String type, String path) {
        return (String) call("checksum", new Class<?>[] {String.class, String.class}, type, path);
    }

    /** Checksums of every regular file under {@code directory}, written to the local {@code file}. */
    public void checksumsOut(String type, String directory, String file) {
        call("checksums_out", new Class<?>[] {String.class, String.class, String.class}, type, directory, file);
    }

    /**
     * Kills the appliance's hypervisor: a call stuck on a hostile guest then fails at once, and every later call
     * does too. For a deadline; the handle must still be closed.
     */
    public void stopAppliance() {
        ProcessHandle.current().descendants().filter(p -> appliance.contains(p.pid()))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static long field(Object struct, String name) {
        try {
            Object value = struct.getClass().getField(name).get(struct);
            return ((Number) value).longValue();
        } catch (ReflectiveOperationException e) {
            throw new GuestfsException("the libguestfs binding's " + struct.getClass().getSimpleName() + " has no "
                    + name);
        }
    }

    @Override
    public void close() {
        call("close", new Class<?>[0]);
    }

    private Object call(String name, Class<?>[] parameterTypes, Object... arguments) {
        try {
            Method method = type.getMethod(name, parameterTypes);
            return method.invoke(guestfs, arguments);
        } catch (InvocationTargetException e) {
            throw new GuestfsException(firstLine(e.getCause()));
        } catch (ReflectiveOperationException e) {
            throw new GuestfsException("the libguestfs binding has no method " + name + ": " + e);
        }
    }

    /**
     * The hypervisor's process, as libguestfs knows it (the direct backend); none where another backend runs it, as
     * libvirt does outside this process's children. Asked, not guessed from new child processes: another build in
     * this JVM may start processes meanwhile.
     */
    private Set<Long> hypervisor() {
        try {
            return Set.of(((Integer) call("get_pid", new Class<?>[0])).longValue());
        } catch (GuestfsException e) {
            return Set.of();
        }
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        return message.strip().lines().findFirst().orElse(message);
    }
}
