package org.example.virtsimilarity.guestfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.nbd.QemuNbdServer;

/**
 * One appliance for a batch of images, so the 10-15 s launch is paid once, not once per image. Raw images are added
 * read-only with their format given (never probed by libguestfs); every other format reaches the appliance through a
 * qemu-nbd server given the approved chain spelled out, since libguestfs would let qemu open whatever a header names
 * (a backing file, a vmdk parent, a qcow2 data file). Devices are read by streaming them out of the
 * appliance (the binding's pread calls return Strings and lose data at the first NUL byte).
 */
public final class GuestfsSession implements AutoCloseable {
    private final GuestfsHandle handle;
    private final List<String> devices;
    private final Path fifoDir;
    private final Duration stallTimeout;
    private final List<QemuNbdServer> servers;

    private GuestfsSession(GuestfsHandle handle, List<String> devices, Path fifoDir, Duration stallTimeout,
                           List<QemuNbdServer> servers) {
        this.handle = handle;
        this.servers = servers;
        this.devices = devices;
        this.fifoDir = fifoDir;
        this.stallTimeout = stallTimeout;
    }

    /** Adds the images' chains in order, launches, and maps each image to its device. */
    public static GuestfsSession open(GuestfsLibrary library, List<BackingChain> images, Duration timeout)
            throws IOException {
        GuestfsHandle handle = library.newHandle();
        List<QemuNbdServer> servers = new ArrayList<>();
        try {
            for (BackingChain chain : images) {
                if (chain.top().format() != ImageFormat.RAW) {
                    QemuNbdServer server = QemuNbdServer.start(chain.qemuSpec(), timeout);
                    servers.add(server);
                    handle.addNbdDriveReadOnly(server.socket());
                } else {
                    handle.addDriveReadOnly(chain.top().path().toString(), chain.top().format().qemuName());
                }
            }
            handle.launch(timeout);
            List<String> devices = List.of(handle.listDevices());
            if (devices.size() != images.size()) {
                throw new GuestfsException("the appliance shows " + devices.size() + " disks for " + images.size()
                        + " images");
            }
            return new GuestfsSession(handle, devices, Files.createTempDirectory("virt-similarity-"), timeout,
                    servers);
        } catch (RuntimeException | IOException e) {
            closeQuietly(handle);
            try {
                stop(servers);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The handle, for calls beyond reading devices (inspection, listing files). One call at a time. */
    public GuestfsHandle handle() {
        return handle;
    }

    /** The appliance's device of the {@code index}-th image given to {@link #open} ({@code /dev/sda}, ...). */
    public String device(int index) {
        return devices.get(index);
    }

    /** A streaming reader of the {@code index}-th image given to {@link #open}. One reader at a time. */
    public ImageReader reader(int index) throws IOException {
        String device = devices.get(index);
        return new DeviceStreamReader(handle, device, handle.blockdevSize(device),
                fifoDir.resolve("device-" + index), stallTimeout);
    }

    @Override
    public void close() throws IOException {
        closeQuietly(handle);
        stop(servers);
        try (Stream<Path> files = Files.walk(fifoDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Stops every server, however many fail to; the first failure is rethrown after. */
    private static void stop(List<QemuNbdServer> servers) throws IOException {
        IOException first = null;
        for (QemuNbdServer server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void closeQuietly(GuestfsHandle handle) {
        try {
            handle.close();
        } catch (GuestfsException e) {
            // closing a handle whose appliance already died reports an error that adds nothing
        }
    }
}
