package org.example.virtsimilarity.signature;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.io.AtomicFile;

/**
 * Reads and writes signatures as {@code .vsig} files (format version 1, big-endian; see docs/vsig-format.md).
 * Reading treats the file as untrusted: every size is checked against the others and against the file's length
 * before anything is allocated, and a CRC-32C covers the whole file.
 */
public final class SignatureFile {
    /** The first eight bytes of every signature file. */
    public static final byte[] MAGIC = {'V', 'S', 'I', 'G', '\r', '\n', 0x1a, '\n'};
    public static final String EXTENSION = ".vsig";
    static final int VERSION = 1;
    static final int HEADER_BYTES = 36;
    static final int MAX_IDENTITY_BYTES = 64 * 1024;

    private SignatureFile() {
    }

    /** Writes atomically: the file either keeps its old content or gets the whole new one. */
    public static void write(Signature signature, Path file) throws IOException {
        AtomicFile.write(file, toBytes(signature));
    }

    public static byte[] toBytes(Signature signature) {
        byte[] identity = encodeIdentity(signature.identity());
        int digestBytes = signature.algorithm().digestBytes();
        long length = (long) HEADER_BYTES + identity.length + (long) signature.blockCount() * digestBytes + 4;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("signature of " + signature.name() + " is too large for one file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC)
                .putShort((short) VERSION)
                .put((byte) signature.algorithm().code())
                .put((byte) digestBytes)
                .putInt(signature.blockSize())
                .putLong(signature.imageSize())
                .putLong(signature.blockCount())
                .putInt(identity.length)
                .put(identity);
        java.nio.LongBuffer words = out.asLongBuffer();
        signature.digests().copyTo(words);
        out.position(out.position() + words.position() * Long.BYTES);
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Reads a signature file that must have been made with this hash and block size, as every signature compared in
     * one run must.
     */
    public static Signature read(Path file, HashAlgorithm algorithm, int blockSize) {
        Signature signature = read(file);
        if (signature.algorithm() != algorithm || signature.blockSize() != blockSize) {
            throw new SimilarityException(file, "signature was made with " + signature.blockSize() + "-byte blocks and "
                    + signature.algorithm() + ", but this run uses " + blockSize + "-byte blocks and " + algorithm);
        }
        return signature;
    }

    /** Reads a signature file; any problem is a one-line {@link SimilarityException} naming the file. */
    public static Signature read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileLength = channel.size();
            if (fileLength < HEADER_BYTES + 4) {
                throw problem(file, "truncated (" + fileLength + " bytes)");
            }
            ByteBuffer header = readFully(channel, 0, HEADER_BYTES);
            byte[] magic = new byte[MAGIC.length];
            header.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw problem(file, "bad magic");
            }
            int version = Short.toUnsignedInt(header.getShort());
            if (version != VERSION) {
                throw problem(file, "unsupported version " + version + " (this tool reads version " + VERSION + ")");
            }
            int code = Byte.toUnsignedInt(header.get());
            HashAlgorithm algorithm = HashAlgorithm.fromCode(code);
            if (algorithm == null) {
                throw problem(file, "unknown hash algorithm code " + code);
            }
            int digestBytes = Byte.toUnsignedInt(header.get());
            if (digestBytes != algorithm.digestBytes()) {
                throw problem(file, "digest length " + digestBytes + " does not fit " + algorithm);
            }
            int blockSize = header.getInt();
            try {
                Signature.checkBlockSize(blockSize);
            } catch (IllegalArgumentException e) {
                throw problem(file, e.getMessage());
            }
            long imageSize = header.getLong();
            long blockCount = header.getLong();
            if (imageSize < 0 || blockCount != (imageSize + blockSize - 1) / blockSize) {
                throw problem(file, "block count " + blockCount + " does not fit image size " + imageSize);
            }
            long identityLength = Integer.toUnsignedLong(header.getInt());
            if (identityLength > MAX_IDENTITY_BYTES) {
                throw problem(file, "identity of " + identityLength + " bytes is too long");
            }
            long expected = HEADER_BYTES + identityLength + blockCount * digestBytes + 4;
            if (blockCount > Integer.MAX_VALUE / digestBytes || expected != fileLength) {
                throw problem(file, "length " + fileLength + " bytes does not fit its header (expected "
                        + expected + ")");
            }
            ByteBuffer body = readFully(channel, 0, (int) fileLength);
            CRC32C crc = new CRC32C();
            crc.update(body.array(), 0, (int) fileLength - 4);
            if ((int) crc.getValue() != body.getInt((int) fileLength - 4)) {
                throw problem(file, "checksum mismatch (the file is damaged)");
            }
            body.position(HEADER_BYTES);
            byte[] identity = new byte[(int) identityLength];
            body.get(identity);
            java.nio.LongBuffer digests = body.asLongBuffer();
            return Signature.builder(algorithm, blockSize, imageSize)
                    .identity(decodeIdentity(file, identity))
                    .fill(digests.limit((int) blockCount * algorithm.words()))
                    .build();
        } catch (NoSuchFileException e) {
            throw new SimilarityException(file, "No such file or directory");
        } catch (AccessDeniedException e) {
            throw new SimilarityException(file, "Permission denied");
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot read signature: " + e.getMessage());
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new EOFException("file shrank while being read");
            }
        }
        return buffer.flip();
    }

    private static SimilarityException problem(Path file, String what) {
        return new SimilarityException(file, "not a valid signature file: " + what);
    }

    private static byte[] encodeIdentity(ImageIdentity identity) {
        StringBuilder text = new StringBuilder();
        identity.toMap().forEach((key, value) -> text.append(key).append('=').append(escape(value)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static ImageIdentity decodeIdentity(Path file, byte[] bytes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
            }
        }
        try {
            return ImageIdentity.fromMap(map);
        } catch (NumberFormatException e) {
            throw problem(file, "bad identity field: " + e.getMessage());
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
