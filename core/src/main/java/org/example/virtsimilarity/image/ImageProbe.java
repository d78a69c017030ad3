package org.example.virtsimilarity.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.io.ChannelReads;
import org.example.virtsimilarity.io.IoErrors;

/**
 * Checks that a path is something this tool can read and tells its format from its first bytes, as qemu's probes do.
 * Anything that is not a known image format, not a signature and not a known compressed or archive file is raw,
 * provided it is a whole number of 512-byte sectors.
 */
public final class ImageProbe {
    static final int SECTOR = 512;
    /** The first bytes of a {@code .vsig} file (SignatureFile.MAGIC; a test keeps the two equal). */
    public static final byte[] SIGNATURE_MAGIC = {'V', 'S', 'I', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int HEADER_BYTES = 1024;
    // file types in st_mode, as stat(2) gives them
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private ImageProbe() {
    }

    /** Probes one input; throws a one-line {@link SimilarityException} naming the path when it cannot be used. */
    public static DiskImage probe(Path path) {
        return probe(path, null);
    }

    /**
     * Checks one input and takes its format as stated, or, where {@code stated} is null, tells it from the first
     * bytes. A stated format is trusted over the content: a raw disk whose guest wrote a qcow2 header into its first
     * sector is still read as raw.
     */
    public static DiskImage probe(Path path, ImageFormat stated) {
        BasicFileAttributes attributes = attributes(path);
        if (attributes.isDirectory()) {
            throw new SimilarityException(path, "is a directory, not a disk image");
        }
        boolean device = !attributes.isRegularFile();
        if (device) {
            requireBlockDevice(path);
        }
        Path realPath;
        try {
            realPath = path.toRealPath();
        } catch (IOException e) {
            throw new SimilarityException(path, "cannot resolve path: " + IoErrors.describe(e));
        }
        long size = device ? deviceSize(path) : attributes.size();
        if (size == 0) {
            throw new SimilarityException(path, "is empty, not a disk image");
        }
        ImageFormat format = stated != null ? stated : detect(path, readHeader(path), size);
        Object key = attributes.fileKey();
        return new DiskImage(path, realPath, format, stated != null, size, attributes.lastModifiedTime().toInstant().getEpochSecond()
                * 1_000_000_000L + attributes.lastModifiedTime().toInstant().getNano(), key == null ? "" : key.toString());
    }

    /** The format of a regular file already approved for reading (a backing file), told from its first bytes. */
    public static ImageFormat formatOf(Path file) {
        try {
            return detect(file, readHeader(file), Files.size(file));
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot read: " + IoErrors.describe(e));
        }
    }

    /**
     * A block device (an LVM volume, a partition, a loop device) holds a disk like a raw file does; every other kind
     * of special file is refused by name.
     */
    private static void requireBlockDevice(Path path) {
        int type;
        try {
            type = (Integer) Files.getAttribute(path, "unix:mode") & S_IFMT;
        } catch (IOException | UnsupportedOperationException e) {
            throw new SimilarityException(path, "is not a regular file, not a disk image");
        }
        switch (type) {
            case S_IFBLK -> {
            }
            case S_IFIFO -> throw new SimilarityException(path, "is a named pipe (FIFO), not a disk image");
            case S_IFCHR -> throw new SimilarityException(path, "is a character device, not a disk image");
            case S_IFSOCK -> throw new SimilarityException(path, "is a socket, not a disk image");
            default -> throw new SimilarityException(path, "is not a regular file, not a disk image");
        }
    }

    /** The JDK reports a block device's size through its channel (the file attributes say 0). */
    private static long deviceSize(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.size();
        } catch (AccessDeniedException e) {
            throw new SimilarityException(path, "Permission denied");
        } catch (IOException e) {
            throw new SimilarityException(path, "cannot read the device's size: " + IoErrors.describe(e));
        }
    }

    private static BasicFileAttributes attributes(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(path)) {
                throw new SimilarityException(path, "is a dangling symbolic link");
            }
            throw new SimilarityException(path, "No such file or directory");
        } catch (FileSystemLoopException e) {
            throw new SimilarityException(path, "symbolic link loop");
        } catch (IOException e) {
            if (Files.isSymbolicLink(path) && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new SimilarityException(path, "is a dangling symbolic link");
            }
            throw new SimilarityException(path, "cannot read file attributes: " + IoErrors.describe(e));
        }
    }

    private static ByteBuffer readHeader(Path path) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ChannelReads.fill(channel, header, 0);
        } catch (AccessDeniedException e) {
            throw new SimilarityException(path, "Permission denied");
        } catch (IOException e) {
            throw new SimilarityException(path, "cannot read: " + IoErrors.describe(e));
        }
        header.flip();
        return header;
    }

    static ImageFormat detect(Path path, ByteBuffer header, long size) {
        if (startsWith(header, 0, SIGNATURE_MAGIC)) {
            return ImageFormat.SIGNATURE;
        }
        if (startsWith(header, 0, new byte[] {'Q', 'F', 'I', (byte) 0xfb})) {
            int version = header.limit() >= 8 ? header.order(ByteOrder.BIG_ENDIAN).getInt(4) : 0;
            if (version == 1) {
                return ImageFormat.QCOW;
            }
            if (version == 2 || version == 3) {
                return ImageFormat.QCOW2;
            }
            throw new SimilarityException(path, "qcow image with unknown version " + Integer.toUnsignedString(version));
        }
        if (startsWith(header, 0, ascii("QED\0"))) {
            return ImageFormat.QED;
        }
        if (startsWith(header, 0, ascii("KDMV")) || startsWith(header, 0, ascii("COWD"))
                || startsWith(header, 0, ascii("# Disk DescriptorFile"))) {
            return ImageFormat.VMDK;
        }
        if (header.limit() >= 0x44 && header.order(ByteOrder.LITTLE_ENDIAN).getInt(0x40) == 0xbeda107f) {
            return ImageFormat.VDI;
        }
        if (startsWith(header, 0, ascii("vhdxfile"))) {
            return ImageFormat.VHDX;
        }
        if (startsWith(header, 0, ascii("conectix"))) {
            return ImageFormat.VPC;
        }
        if (startsWith(header, 0, ascii("WithoutFreeSpace")) || startsWith(header, 0, ascii("WithouFreSpacExt"))) {
            return ImageFormat.PARALLELS;
        }
        String packed = packedFileKind(header);
        if (packed != null) {
            throw new SimilarityException(path, packed + ", not a disk image");
        }
        if (size % SECTOR != 0) {
            throw new SimilarityException(path, "not a disk image: size " + size
                    + " bytes is not a whole number of 512-byte sectors");
        }
        return ImageFormat.RAW;
    }

    /** Compressed files and archives that people pass by mistake instead of the disk inside them. */
    private static String packedFileKind(ByteBuffer header) {
        if (startsWith(header, 0, new byte[] {0x1f, (byte) 0x8b})) {
            return "gzip-compressed file (decompress it first)";
        }
        if (startsWith(header, 0, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) {
            return "xz-compressed file (decompress it first)";
        }
        if (startsWith(header, 0, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})) {
            return "zstd-compressed file (decompress it first)";
        }
        if (startsWith(header, 0, ascii("BZh"))) {
            return "bzip2-compressed file (decompress it first)";
        }
        if (startsWith(header, 0, new byte[] {'P', 'K', 3, 4})) {
            return "zip archive (extract the disk image first)";
        }
        if (startsWith(header, 257, ascii("ustar"))) {
            return "tar archive such as an OVA (extract the disk image first)";
        }
        return null;
    }

    private static boolean startsWith(ByteBuffer header, int offset, byte[] magic) {
        if (header.limit() < offset + magic.length) {
            return false;
        }
        return Arrays.equals(header.array(), offset, offset + magic.length, magic, 0, magic.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
