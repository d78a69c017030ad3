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
