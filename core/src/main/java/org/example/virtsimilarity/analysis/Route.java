package org.example.virtsimilarity.analysis;

import java.io.IOException;
import java.time.Duration;
import org.example.virtsimilarity.SimilarityException.Remedy;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.guestfs.GuestfsLibrary;
import org.example.virtsimilarity.image.BackingChain;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.nbd.NbdImageReader;
import org.example.virtsimilarity.nbd.QemuNbdServer;
import org.example.virtsimilarity.qcow2.Qcow2Exception;
import org.example.virtsimilarity.qcow2.Qcow2Reader;
import org.example.virtsimilarity.qcow2.UnsupportedQcow2Exception;
import org.example.virtsimilarity.qemu.QemuImgCheck;
import org.example.virtsimilarity.raw.RawImageReader;

/** How one image is read. Chosen for every image before any is read, so that bad input fails before work is done. */
enum Route {
    RAW, QCOW2, NBD, LIBGUESTFS;

    /**
     * The route for an image: qcow2 headers are validated on the way (and their unsupported features send the image to
     * qemu); images that qemu will serve are checked with {@code qemu-img check} first.
     */
    static Route of(DiskImage image, BackingChain chain, ReaderChoice choice, ProgressListener listener) {
        Route route = choose(image, chain, choice, listener);
        if (route == NBD && !QemuNbdServer.isAvailable()) {
            throw new SimilarityException(image.path(), "qemu-nbd was not found (install qemu-utils)");
        }
        if (route == LIBGUESTFS && image.format() != ImageFormat.RAW && !QemuNbdServer.isAvailable()) {
            // qemu-nbd is how the appliance is given the approved files and no other
            throw new SimilarityException(image.path(), image.format() + " images need qemu-nbd (install "
                    + "qemu-utils), which was not found");
        }
        if (route == LIBGUESTFS && GuestfsLibrary.locate().isEmpty()) {
            throw new SimilarityException(image.path(), "reading through libguestfs needs its Java binding, but "
                    + GuestfsLibrary.unavailableReason());
        }
        if ((route == NBD || route == LIBGUESTFS) && image.format() != ImageFormat.RAW
                && QemuImgCheck.isAvailable()) {
            QemuImgCheck.check(image, chain);
        }
        return route;
    }

    private static Route choose(DiskImage image, BackingChain chain, ReaderChoice choice,
                                ProgressListener listener) {
        switch (choice) {
            case LIBGUESTFS:
                return LIBGUESTFS;
            case NBD:
                return NBD;
            default:
                break;
        }
        if (image.format() == ImageFormat.RAW) {
            return RAW;
        }
        Route qemu = choice == ReaderChoice.NATIVE ? null : QemuNbdServer.isAvailable() ? NBD : LIBGUESTFS;
        if (image.format() == ImageFormat.QCOW2) {
            try (Qcow2Reader reader = Qcow2Reader.open(chain)) {
                return QCOW2;
            } catch (UnsupportedQcow2Exception e) {
                if (qemu == null) {
                    throw new SimilarityException(image.path(), "the native qcow2 reader does not support "
                            + e.getMessage() + ", and only native readers are allowed", Remedy.READ_THROUGH_QEMU);
                }
                listener.debug(image.path() + ": " + e.getMessage() + " needs qemu; reading through " + qemu.id());
                return qemu;
            } catch (Qcow2Exception | IOException e) {
                throw ImageSigning.readError(image, e);
            }
        }
        if (qemu == null) {
            throw new SimilarityException(image.path(), "no native reader for " + image.format()
                    + " images, and only native readers are allowed", Remedy.READ_THROUGH_QEMU);
        }
        return qemu;
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Opens a host reader for this route (not for {@link #LIBGUESTFS}, which reads in batches). */
    ImageReader open(BackingChain chain, Duration timeout) throws IOException {
        return switch (this) {
            case RAW -> RawImageReader.withHoleMap(chain.top().path());
            case QCOW2 -> Qcow2Reader.open(chain);
            case NBD -> NbdImageReader.open(chain.qemuSpec(), timeout);
            case LIBGUESTFS -> throw new IllegalStateException("libguestfs images are read by a session");
        };
    }
}
