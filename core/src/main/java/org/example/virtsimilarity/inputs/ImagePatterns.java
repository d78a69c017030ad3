package org.example.virtsimilarity.inputs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.io.IoErrors;

/**
 * Expands image paths and Ant-style patterns ({@code *} within a folder, {@code **} across folders, {@code ?} one
 * character) relative to a base folder, as Maven and Jenkins users write them. A plain path is kept as it is, so a
 * missing image is reported by name when it is opened.
 */
public final class ImagePatterns {
    private ImagePatterns() {
    }

    /** The images, each once, in the order of the patterns and sorted within a pattern. */
    public static List<Path> expand(Path base, List<String> patterns) {
        Set<Path> images = new LinkedHashSet<>();
        for (String raw : patterns) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (!isPattern(pattern)) {
                images.add(base.resolve(pattern).normalize());
                continue;
            }
            List<Path> matches = matches(base, pattern);
            if (matches.isEmpty()) {
                throw new SimilarityException("image pattern '" + pattern + "' matches no file under " + base);
            }
            images.addAll(matches);
        }
        if (images.isEmpty()) {
            throw new SimilarityException("no images given");
        }
        return List.copyOf(images);
    }

    /**
     * Whether the paths and patterns name no image at all: every one is a pattern that matches no file (a module of a
     * reactor that makes no images). A plain path counts as naming an image, so that a missing one is reported.
     */
    public static boolean matchesNothing(Path base, List<String> patterns) {
        for (String raw : patterns) {
            String pattern = raw.trim();
            if (!pattern.isEmpty() && (!isPattern(pattern) || !matches(base, pattern).isEmpty())) {
                return false;
            }
        }
        return true;
    }

    static boolean isPattern(String path) {
        return path.indexOf('*') >= 0 || path.indexOf('?') >= 0;
    }

    private static List<Path> matches(Path base, String pattern) {
        // walk from the deepest folder without wildcards, so that "images/*.qcow2" does not walk the whole project
        String[] segments = pattern.replace('\\', '/').split("/");
        int fixed = 0;
        while (fixed < segments.length - 1 && !isPattern(segments[fixed])) {
            fixed++;
        }
        Path root = base.resolve(String.join("/", List.of(segments).subList(0, fixed))).normalize();
        String rest = String.join("/", List.of(segments).subList(fixed, segments.length));
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        Pattern regex = antRegex(rest);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : segments.length - fixed;
        List<Path> found = new ArrayList<>();
        // the walk starts at the real folder (the named one may be a link to it) but reports paths as the user wrote
        // them; links below it are not followed into, so a link loop cannot trap it
        try (Stream<Path> walk = Files.walk(root.toRealPath(), depth)) {
            Path real = root.toRealPath();
            walk.filter(path -> !path.equals(real))
                    .map(real::relativize)
                    .filter(relative -> regex.matcher(relative.toString().replace('\\', '/')).matches())
                    .map(root::resolve)
                    .filter(path -> !Files.isDirectory(path))
                    .sorted()
                    .forEach(found::add);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new SimilarityException(root, "cannot search for '" + pattern + "': " + IoErrors.describe(cause));
        }
        return found;
    }

    /** Ant's rules: {@code **}/ is any number of folders (none too), {@code *} and {@code ?} stay in one folder. */
    static Pattern antRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (pattern.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (pattern.startsWith("**", i)) {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
