package org.example.virtsimilarity.analysis;

import java.io.IOException;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.image.DiskImage;
import org.example.virtsimilarity.image.ImageFormat;
import org.example.virtsimilarity.image.ImageReader;
import org.example.virtsimilarity.image.RawImageReader;
import org.example.virtsimilarity.qcow2.Qcow2Exception;
import org.example.virtsimilarity.qcow2.Qcow2Reader;
import org.example.virtsimilarity.qcow2.UnsupportedQcow2Exception;

/** Picks the reader that runs on the host for an image, or none when the image must go through libguestfs. */
final class NativeReaders {
    private NativeReaders() {
    }

    static boolean hasReaderFor(ImageFormat format) {
        return format == ImageFormat.RAW || format == ImageFormat.QCOW2 || format == ImageFormat.SIGNATURE;
    }

    /** A native reader, or null where libguestfs must read the image. */
    static ImageReader open(DiskImage image, ReaderChoice choice, ProgressListener listener) throws IOException {
        if (choice == ReaderChoice.LIBGUESTFS || !hasReaderFor(image.format())) {
            return null;
        }
        if (image.format() == ImageFormat.RAW) {
            return new RawImageReader(image.path());
        }
        try {
            return Qcow2Reader.open(image.path());
        } catch (UnsupportedQcow2Exception e) {
            if (choice == ReaderChoice.NATIVE) {
                throw new SimilarityException(image.path(), "the native qcow2 reader does not support "
                        + e.getMessage() + " (use --reader auto or libguestfs)");
            }
            listener.debug(image.path() + ": " + e.getMessage() + " needs qemu; reading through libguestfs");
            return null;
        } catch (Qcow2Exception e) {
            throw new SimilarityException(image.path(), "not a valid qcow2 image: " + e.getMessage());
        }
    }
}
