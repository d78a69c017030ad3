package org.example.virtsimilarity.signature;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.io.AtomicFile;
import org.example.virtsimilarity.io.ChannelReads;
import org.example.virtsimilarity.io.IoErrors;

/**
 * Reads and writes signatures as {@code .vsig} files (big-endian; see docs/vsig-format.md): version 3 for
 * {@link DigestScheme#SECTOR_DIGESTS}, version 2 otherwise (the same layout, so older versions still read those), and
 * reads version 1 (no content fingerprints). Reading treats the file as untrusted: every size is
 * checked against the others and against the file's length before anything is allocated, and a CRC-32C covers the
 * whole file.
 */
public final class SignatureFile {
    /** The first eight bytes of every signature file. */
    public static final byte[] MAGIC = {'V', 'S', 'I', 'G', '\r', '\n', 0x1a, '\n'};
    public static final String EXTENSION = ".vsig";
    static final int VERSION = 3;
    /** The version of signatures of {@link DigestScheme#BLOCK_BYTES}, which version 2 readers know. */
    static final int BLOCK_BYTES_VERSION = 2;
    static final int HEADER_BYTES = 36;
    /**
     * The content section's kinds: none, or {@link ContentFingerprints} cut by {@link SectorChunker} in a signature of
     * {@link DigestScheme#BLOCK_BYTES} (version 2's) or of {@link DigestScheme#SECTOR_DIGESTS} (since version 3).
     */
    static final int NO_CONTENT = 0;
    static final int BLOCK_BYTES_CHUNKS = 1;
    static final int SECTOR_DIGESTS_CHUNKS = 2;
    private static final int CHUNK_RECORD_BYTES = 2 * Long.BYTES;
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
        ContentFingerprints content = signature.content().orElse(null);
        long contentBytes = content == null ? 1 : 1 + Long.BYTES + (long) content.count() * CHUNK_RECORD_BYTES;
        long length = (long) HEADER_BYTES + identity.length + (long) signature.blockCount() * digestBytes
                + contentBytes + 4;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("signature of " + signature.name() + " is too large for one file");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC)
                .putShort((short) (signature.scheme() == DigestScheme.SECTOR_DIGESTS ? VERSION : BLOCK_BYTES_VERSION))
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
        if (content == null) {
            out.put((byte) NO_CONTENT);
        } else {
            out.put((byte) (signature.scheme() == DigestScheme.SECTOR_DIGESTS ? SECTOR_DIGESTS_CHUNKS
                    : BLOCK_BYTES_CHUNKS)).putLong(content.count());
            for (int chunk = 0; chunk < content.count(); chunk++) {
                out.putLong(content.fingerprint(chunk)).putLong(content.span(chunk));
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    /**
     * Reads a signature file that must have been made with this hash and block size, as every signature compared in
     * one run must, and must hold content fingerprints where {@code content} says the run compares content.
     */
    public static Signature read(Path file, HashAlgorithm algorithm, int blockSize, boolean content) {
        return require(file, read(file), algorithm, blockSize, content);
    }

    private static Signature require(Path file, Signature signature, HashAlgorithm algorithm, int blockSize,
                                     boolean content) {
        if (signature.algorithm() != algorithm || signature.blockSize() != blockSize) {
            throw new SimilarityException(file, "signature was made with " + signature.blockSize() + "-byte blocks and "
                    + signature.algorithm() + ", but this run uses " + blockSize + "-byte blocks and " + algorithm);
        }
        if (content && signature.content().isEmpty()) {
            throw new SimilarityException(file, "signature holds no content fingerprints (it was made for the position"
                    + " measure, or by an older version), but this run compares content");
        }
        if (content && signature.scheme() != DigestScheme.SECTOR_DIGESTS) {
            throw new SimilarityException(file, "signature holds " + signature.scheme() + " (it was made by an older"
                    + " version), but this run compares content by " + DigestScheme.SECTOR_DIGESTS
                    + ": sign the image again");
        }
        return signature;
    }

    /** Reads a signature file; any problem is a one-line {@link SimilarityException} naming the file. */
    public static Signature read(Path file) {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileLength = channel.size();
            if (fileLength > Integer.MAX_VALUE - 8) {
                throw problem(file, "length " + fileLength + " bytes is more than a signature file holds");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) fileLength);
            ChannelReads.fill(channel, buffer, 0);
            if (buffer.hasRemaining()) {
                throw problem(file, "truncated while being read");
            }
            bytes = buffer.array();
        } catch (IOException e) {
            throw new SimilarityException(file, IoErrors.describe(e));
        }
        return parse(file, bytes);
    }

    /**
     * A signature from the bytes of a {@code .vsig} file (as a CI agent ships them), checked as a file is, and made
     * with this hash and block size (and holding content where {@code content} says so); {@code label} names it in
     * errors.
     */
    public static Signature fromBytes(Path label, byte[] bytes, HashAlgorithm algorithm, int blockSize,
                                      boolean content) {
        return require(label, parse(label, bytes), algorithm, blockSize, content);
    }

    private static Signature parse(Path file, byte[] bytes) {
        long fileLength = bytes.length;
        if (fileLength < HEADER_BYTES + 4) {
            throw problem(file, "truncated (" + fileLength + " bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_BYTES).order(ByteOrder.BIG_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw problem(file, "bad magic");
        }
        int version = Short.toUnsignedInt(header.getShort());
        if (version < 1 || version > VERSION) {
            throw problem(file, "unsupported version " + version + " (this tool reads versions 1 to " + VERSION
                    + ")");
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
        if (blockCount > Integer.MAX_VALUE / digestBytes) {
            throw problem(file, "length " + fileLength + " bytes does not fit its header (" + blockCount
                    + " blocks)");
        }
        long contentStart = HEADER_BYTES + identityLength + blockCount * digestBytes;
        long expected = contentStart + (version == 1 ? 0 : 1) + 4;
        if (fileLength < expected || fileLength > Integer.MAX_VALUE - 8
                || version == 1 && fileLength != expected) {
            throw problem(file, "length " + fileLength + " bytes does not fit its header (expected "
                    + (version == 1 ? "" : "at least ") + expected + ")");
        }
        ByteBuffer body = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int) fileLength - 4);
        if ((int) crc.getValue() != body.getInt((int) fileLength - 4)) {
            throw problem(file, "checksum mismatch (the file is damaged)");
        }
        body.position(HEADER_BYTES);
        byte[] identity = new byte[(int) identityLength];
        body.get(identity);
        java.nio.LongBuffer digests = body.asLongBuffer();
        Signature.Builder builder = Signature.builder(algorithm, blockSize, imageSize)
                .identity(decodeIdentity(file, identity))
                .fill(digests.limit((int) blockCount * algorithm.words()));
        if (version > 1) {
            readContent(file, version, body.position((int) contentStart), imageSize, builder);
        }
        return builder.build();
    }

    /** The content section, from {@code body}'s position to its CRC, with the scheme its kind says. */
    private static void readContent(Path file, int version, ByteBuffer body, long imageSize,
                                    Signature.Builder builder) {
        int kind = Byte.toUnsignedInt(body.get());
        int remaining = body.remaining() - 4;
        if (kind == NO_CONTENT && remaining == 0) {
            return;
        }
        boolean known = kind == BLOCK_BYTES_CHUNKS || kind == SECTOR_DIGESTS_CHUNKS && version >= 3;
        if (!known || remaining < Long.BYTES) {
            throw problem(file, "unknown content section kind " + kind + " of " + remaining + " bytes");
        }
        long count = body.getLong();
        if (count < 0 || count != (remaining - Long.BYTES) / CHUNK_RECORD_BYTES
                || (remaining - Long.BYTES) % CHUNK_RECORD_BYTES != 0) {
            throw problem(file, "content section of " + remaining + " bytes does not hold " + count + " chunks");
        }
        long[] fingerprints = new long[(int) count];
        long[] spans = new long[(int) count];
        for (int chunk = 0; chunk < count; chunk++) {
            fingerprints[chunk] = body.getLong();
            spans[chunk] = body.getLong();
        }
        try {
            ContentFingerprints content = ContentFingerprints.of(fingerprints, spans);
            int last = content.count() - 1;
            if (last >= 0 && (content.startSector(last) + content.sectors(last)) * ContentFingerprints.SECTOR
                    > imageSize + ContentFingerprints.SECTOR - 1) {
                throw problem(file, "content chunks run past the image's end");
            }
            builder.content(content).scheme(kind == SECTOR_DIGESTS_CHUNKS ? DigestScheme.SECTOR_DIGESTS
                    : DigestScheme.BLOCK_BYTES);
        } catch (IllegalArgumentException e) {
            throw problem(file, "bad content chunks: " + e.getMessage());
        }
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
