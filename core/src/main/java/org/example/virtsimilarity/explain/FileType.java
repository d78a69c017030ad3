package org.example.virtsimilarity.explain;

/** A file-system entry's type, from its mode. */
public enum FileType {
    REGULAR, DIRECTORY, SYMLINK, OTHER;

    private static final long TYPE_BITS = 0170000;

    static FileType ofMode(long mode) {
        return switch ((int) (mode & TYPE_BITS)) {
            case 0100000 -> REGULAR;
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMLINK;
            default -> OTHER;
        };
    }
}
