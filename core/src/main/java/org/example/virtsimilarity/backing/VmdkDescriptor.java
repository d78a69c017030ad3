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

/**
 * The file names in a vmdk's descriptor, read as qemu reads them: a text descriptor file (and a sparse header of zero
 * capacity, which qemu treats as one) names the extent files that hold the data; any descriptor may name a parent
 * ({@code parentFileNameHint}), which is the backing file. qemu opens all of these by name, so they must be approved
 * first; {@code qemu-img info} cannot be asked, since it opens the extents itself.
 *
 * @param extents the extent file names, as written
 * @param parent  the parent's file name, as written
 */
record VmdkDescriptor(List<String> extents, Optional<String> parent) {
    private static final int SPARSE_MAGIC = 0x564d444b; // "KDMV", little-endian
    private static final int MAX_DESCRIPTOR = 1 << 20;
    private static final Pattern EXTENT = Pattern.compile(
            "^\\s*(?:RW|RDONLY|NOACCESS)\\s+\\d+\\s+\\w+\\s+\"([^\"\\r\\n]*)\"", Pattern.MULTILINE);
    private static final Pattern PARENT = Pattern.compile("^\\s*parentFileNameHint\\s*=\\s*\"([^\"\\r\\n]*)\"",
            Pattern.MULTILINE);

    static VmdkDescriptor read(Path image, Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            if (header.position() >= 44 && header.getInt(0) == SPARSE_MAGIC) {
                long capacity = header.getLong(12);
                long offset = header.getLong(28);
                long size = header.getLong(36);
                if (offset <= 0 || size <= 0) {
                    return new VmdkDescriptor(List.of(), Optional.empty());
                }
                String text = text(image, channel, offset << 9, Math.min(size << 9, MAX_DESCRIPTOR));
                return parse(text, capacity == 0);
            }
            if (channel.size() > MAX_DESCRIPTOR) {
                // a vmdk that is neither sparse nor a small text file is one qemu's other vmdk forms (COWD) read
                return new VmdkDescriptor(List.of(), Optional.empty());
            }
            return parse(text(image, channel, 0, channel.size()), true);
        } catch (IOException e) {
            throw new SimilarityException(image, "cannot read the vmdk descriptor of " + file + ": " + e.getMessage());
        }
    }

    private static String text(Path image, FileChannel channel, long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || offset > channel.size()) {
            throw new SimilarityException(image, "vmdk descriptor at offset " + offset + " lies outside the file");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, channel.size() - offset));
        while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
            // read what the file has
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }

    private static VmdkDescriptor parse(String text, boolean withExtents) {
        List<String> extents = new ArrayList<>();
        if (withExtents) {
            Matcher extent = EXTENT.matcher(text);
            while (extent.find()) {
                extents.add(extent.group(1));
            }
        }
        Matcher parent = PARENT.matcher(text);
        return new VmdkDescriptor(extents, parent.find() ? Optional.of(parent.group(1)) : Optional.empty());
    }
}
