package org.example.virtsimilarity.explain;

/**
 * A guest's name made safe for a line of text: a file name may hold newlines, escapes and other control characters,
 * which would forge lines in a log or move a terminal's cursor. They are shown as {@code \n}, {@code \x1b}, ...
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    int type = Character.getType(c);
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                        out.append(c > 0xff ? String.format("\\u%04x", (int) c) : String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
