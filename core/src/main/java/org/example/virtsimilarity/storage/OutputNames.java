package org.example.virtsimilarity.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.example.virtsimilarity.SimilarityException;

/**
 * The file each image gets in a plan's output folder: its file name with the extension swapped for {@code .qcow2}
 * ({@code web.img} becomes {@code web.qcow2}), or with {@code .qcow2} added where two images would otherwise share a
 * name ({@code base.img} and {@code base.vmdk} become {@code base.img.qcow2} and {@code base.vmdk.qcow2}). Names come
 * from the user's files but end up as backing file names that qemu reads, so a name qemu would take for a protocol
 * ({@code nbd:...}, {@code json:...}) or that holds control characters is refused.
 */
final class OutputNames {
    static final String EXTENSION = ".qcow2";
    /** The longest file name most Linux file systems take, in bytes. */
    private static final int LONGEST = 255;

    private OutputNames() {
    }

    /** One name per input, in order; a one-line error names an input whose name cannot be used. */
    static List<String> of(List<Path> inputs) {
        Map<String, Integer> stems = new HashMap<>();
        inputs.forEach(input -> stems.merge(stem(fileName(input)), 1, Integer::sum));
        Map<String, Path> taken = new HashMap<>();
        return inputs.stream().map(input -> {
            String file = fileName(input);
            String name = (stems.get(stem(file)) > 1 ? file : stem(file)) + EXTENSION;
            check(input, name);
            Path other = taken.putIfAbsent(name, input);
            if (other != null) {
                throw new SimilarityException(input, "would be written as " + name + ", as " + other
                        + " would; rename one of them");
            }
            return name;
        }).toList();
    }

    private static String fileName(Path input) {
        Path name = input.getFileName();
        return name == null ? "" : name.toString();
    }

    private static String stem(String file) {
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    private static void check(Path input, String name) {
        if (name.equals(EXTENSION)) {
            throw new SimilarityException(input, "has no file name to name its output after");
        }
        if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new SimilarityException(input, "has control characters in its file name, which a backing file "
                    + "name must not have; rename it");
        }
        if (name.indexOf(':') >= 0 || name.indexOf('\\') >= 0) {
            throw new SimilarityException(input, "has a ':' or '\\' in its file name, which qemu would not read as "
                    + "a plain backing file name; rename it");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > LONGEST) {
            throw new SimilarityException(input, "has a file name too long for its output " + name);
        }
    }
}
