package org.example.virtsimilarity.guestfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageReader;

/**
 * One appliance for a batch of images: every image is added read-only with its probed format, so the 10-15 s launch is
 * paid once, not once per image. Devices are read by streaming them out of the appliance (the binding's pread calls
 * return Strings and lose data at the first NUL byte).
 */
public final class GuestfsSession implements AutoCloseable {
    private final GuestfsHandle handle;
    private final List<String> devices;
    private final Path fifoDir;
    private final Duration stallTimeout;

    private GuestfsSession(GuestfsHandle handle, List<String> devices, Path fifoDir, Duration stallTimeout) {
        this.handle = handle;
        this.devices = devices;
        this.fifoDir = fifoDir;
        this.stallTimeout = stallTimeout;
    }

    /** Adds the images in order, launches, and maps each image to its device. */
    public static GuestfsSession open(GuestfsLibrary library, List<DiskImage> images, Duration timeout)
            throws IOException {
        GuestfsHandle handle = library.newHandle();
        try {
            for (DiskImage image : images) {
                handle.addDriveReadOnly(image.realPath().toString(), image.format().qemuName());
            }
            handle.launch(timeout);
            List<String> devices = List.of(handle.listDevices());
            if (devices.size() != images.size()) {
                throw new GuestfsException("the appliance shows " + devices.size() + " disks for " + images.size()
                        + " images");
            }
            return new GuestfsSession(handle, devices, Files.createTempDirectory("virt-similarity-"), timeout);
        } catch (RuntimeException | IOException e) {
            closeQuietly(handle);
            throw e;
        }
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
        try (Stream<Path> files = Files.walk(fifoDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
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
