package org.example.virtsimilarity.backing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.io.ChannelReads;

/**
 * The file names in a vmdk's descriptor, read where and as qemu reads them (block/vmdk.c): a text descriptor file,
 * and a sparse header of zero capacity, which qemu treats as one, name the extent files that hold the data; any
 * descriptor may name a parent ({@code parentFileNameHint}). qemu opens extents by name and cannot be told otherwise,
 * so every extent line it would take must be one this parser understands: a descriptor with an {@code RW} token this
 * parser cannot read exactly is refused rather than guessed at ({@code qemu-img info} cannot be asked either: it opens
 * the extents itself).
 *
 * @param extents the extent file names, as written
 * @param parent  the parent's file name, as written
 */
record VmdkDescriptor(List<String> extents, Optional<String> parent) {
    private static final int SPARSE_MAGIC = 0x564d444b; // "KDMV", little-endian
    /** qemu reads at most this much of a descriptor. */
    private static final int MAX_DESCRIPTOR = (1 << 20) - 1;
    /** qemu's sscanf reads at most 511 bytes of an extent's name. */
    private static final Pattern EXTENT = Pattern.compile(
            "^[ \\t]*RW[ \\t]+\\d+[ \\t]+[A-Za-z]+[ \\t]+\"([^\"\\r\\n]{1,511})\"", Pattern.MULTILINE);
    /** Every token qemu could take for an extent's access mode (its sscanf skips any white space before it). */
    private static final Pattern ACCESS_TOKEN = Pattern.compile("(?<!\\S)RW(?!\\S)");
    private static final Pattern PARENT = Pattern.compile("parentFileNameHint[ \\t]*=[ \\t]*\"([^\"\\r\\n]*)\"");

    static VmdkDescriptor read(Path image, Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = header(channel);
            if (header.limit() >= 44 && header.getInt(0) == SPARSE_MAGIC) {
                long capacity = header.getLong(12);
                long offset = header.getLong(28);
                if (capacity != 0) {
                    // the data is in this file; its embedded descriptor can only name a parent
                    return parse(image, file, text(image, file, channel, 0x200), false);
                }
                if (offset <= 0 || offset > (channel.size() >> 9)) {
                    throw new SimilarityException(image, "vmdk descriptor of " + file + " lies outside the file");
                }
                return parse(image, file, text(image, file, channel, offset << 9), true);
            }
            return parse(image, file, text(image, file, channel, 0), true);
        } catch (IOException e) {
            throw new SimilarityException(image, "cannot read the vmdk descriptor of " + file + ": " + e.getMessage());
        }
    }

    /** Whether a sparse extent is itself a descriptor (qemu would open the extents it names, a level down). */
    static boolean nestsDescriptor(Path extent) throws IOException {
        try (FileChannel channel = FileChannel.open(extent, StandardOpenOption.READ)) {
            ByteBuffer header = header(channel);
            return header.limit() >= 20 && header.getInt(0) == SPARSE_MAGIC && header.getLong(12) == 0;
        }
    }

    private static ByteBuffer header(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        ChannelReads.fill(channel, header, 0);
        return header.flip();
    }

    private static String text(Path image, Path file, FileChannel channel, long offset) throws IOException {
        if (offset >= channel.size()) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(MAX_DESCRIPTOR, channel.size() - offset));
        ChannelReads.fill(channel, buffer, offset);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static VmdkDescriptor parse(Path image, Path file, String text, boolean withExtents) {
        List<String> extents = new ArrayList<>();
        if (withExtents) {
            Matcher extent = EXTENT.matcher(text);
            while (extent.find()) {
                extents.add(extent.group(1));
            }
            long tokens = ACCESS_TOKEN.matcher(text).results().count();
            if (tokens != extents.size()) {
                throw new BackingRefusedException(image, "vmdk descriptor of " + file + " has extent lines this tool"
                        + " cannot read exactly as qemu would, so cannot check the files they name");
            }
        }
        Matcher parent = PARENT.matcher(text);
        return new VmdkDescriptor(extents, parent.find() ? Optional.of(parent.group(1)) : Optional.empty());
    }
}
