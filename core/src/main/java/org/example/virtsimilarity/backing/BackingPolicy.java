package org.example.virtsimilarity.backing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.example.virtsimilarity.SimilarityException;

/**
 * Which files an image may make us read besides itself. A file named inside an image (a backing file, a vmdk extent,
 * an external data file) is the image author's choice, not the user's, so it is followed only when its name is
 * relative and it resolves, links and all, inside the folder of the file that names it, or when it lies inside a
 * folder the user allowed. Anything else is refused before it is opened, and a name outside those folders is refused
 * without even asking the file system whether it exists, so an image cannot probe the host either.
 */
public final class BackingPolicy {
    private static final BackingPolicy IMAGE_FOLDER_ONLY = new BackingPolicy(List.of());

    private final List<Path> allowed;

    private BackingPolicy(List<Path> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Backing files relative to, and inside, the folder of the image that names them; nothing else. */
    public static BackingPolicy imageFolderOnly() {
        return IMAGE_FOLDER_ONLY;
    }

    /** This policy, and any file inside {@code folder} (named relatively or absolutely). */
    public BackingPolicy allowing(Path folder) {
        List<Path> more = new ArrayList<>(allowed);
        more.add(folder.toAbsolutePath().normalize());
        return new BackingPolicy(more);
    }

    /** The folders the user allowed besides each image's own. */
    public List<Path> allowedFolders() {
        return allowed;
    }

    /**
     * The real path of the file {@code name} that {@code namer} (a real path) refers to, if the policy allows it.
     *
     * @param image the image the user gave, named in the error
     * @param what  what the name is ("backing file", "vmdk extent", ...)
     * @throws SimilarityException naming the image and the refused name
     */
    Path approve(Path image, Path namer, String what, String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw refused(image, namer, what, name, "it is not a file name");
        }
        if (name.indexOf('\uFFFD') >= 0) {
            // bytes that are not UTF-8: the name qemu opens would not be the one checked here
            throw refused(image, namer, what, name, "it is not valid UTF-8");
        }
        if (isProtocol(name)) {
            throw refused(image, namer, what, name, "it is not a plain file name (a protocol or json: name)");
        }
        Path given;
        try {
            given = Path.of(name);
        } catch (InvalidPathException e) {
            throw refused(image, namer, what, name, "it is not a file name this system can hold");
        }
        Path folder = namer.getParent();
        // as qemu will open it (".." after links, as the kernel resolves it), and as it reads (".." folded)
        Path opened = given.isAbsolute() ? given : folder.resolve(given);
        Path candidate = opened.normalize();
        List<Path> roots = new ArrayList<>(allowed);
        if (!given.isAbsolute()) {
            roots.add(0, folder);
        }
        if (roots.stream().noneMatch(candidate::startsWith)) {
            throw refused(image, namer, what, name, given.isAbsolute()
                    ? "an absolute path outside every allowed backing folder"
                    : "it leads outside the folder of the file that names it");
        }
        Path real;
        try {
            real = opened.toRealPath();
        } catch (NoSuchFileException e) {
            throw new SimilarityException(image, what + " " + candidate + " does not exist");
        } catch (IOException e) {
            throw new SimilarityException(image, "cannot resolve " + what + " " + candidate + ": " + e.getMessage());
        }
        if (roots.stream().map(BackingPolicy::realOrNull).noneMatch(root -> root != null && real.startsWith(root))) {
            throw refused(image, namer, what, name, "a symbolic link leads it to " + real
                    + ", outside the allowed folders");
        }
        if (!Files.isRegularFile(real)) {
            throw refused(image, namer, what, name, "it is not a regular file");
        }
        return real;
    }

    /** qemu reads "proto:..." as a protocol where the part before the colon has no slash. */
    private static boolean isProtocol(String name) {
        int colon = name.indexOf(':');
        return colon >= 0 && name.lastIndexOf('/', colon) < 0;
    }

    private static Path realOrNull(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private static BackingRefusedException refused(Path image, Path namer, String what, String name, String why) {
        String of = namer.equals(realOrNull(image)) ? "" : " of " + namer;
        return new BackingRefusedException(image, "refused " + what + " '" + printable(name) + "'" + of + ": " + why);
    }

    /** An image's bytes are not to be echoed raw to a terminal or a log. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(300).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > 300 ? out + "..." : out.toString();
    }
}
