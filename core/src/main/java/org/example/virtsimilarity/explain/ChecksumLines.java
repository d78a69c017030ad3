package org.example.virtsimilarity.explain;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads what {@code checksums_out} wrote: GNU coreutils' lines {@code SUM  ./path}, where a name holding a newline or
 * a backslash is escaped ({@code \n}, {@code \\}) and its line starts with a backslash.
 */
final class ChecksumLines {
    private ChecksumLines() {
    }

    /** Sums by path in the file system, for the files of {@code directory}; lines it cannot read are left out. */
    static Map<String, String> parse(String directory, String text) {
        Map<String, String> sums = new HashMap<>();
        String prefix = directory.equals("/") ? "" : directory;
        for (String line : text.split("\n")) {
            boolean escaped = line.startsWith("\\");
            String rest = escaped ? line.substring(1) : line;
            int gap = rest.indexOf("  ");
            if (gap <= 0 || !rest.startsWith("./", gap + 2)) {
                continue;
            }
            String name = rest.substring(gap + 4);
            sums.put(prefix + "/" + (escaped ? unescape(name) : name), rest.substring(0, gap));
        }
        return sums;
    }

    private static String unescape(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' && i + 1 < name.length()) {
                char next = name.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
