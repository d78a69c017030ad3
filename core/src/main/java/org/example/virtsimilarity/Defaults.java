package org.example.virtsimilarity;

/**
 * The settings every entry point starts from, in one place, as the text users type: build tools' annotations take
 * only constants, and the command, the Maven goal and the Jenkins step must agree.
 */
public final class Defaults {
    /** The block hash: fast, for settings where nobody crafts colliding blocks. */
    public static final String HASH = "xxh128";
    /** The block size in bytes, upstream's. */
    public static final int BLOCK_SIZE = 65536;
    public static final String BLOCK_SIZE_TEXT = "" + BLOCK_SIZE;
    /** The command compares by position, as upstream does, so that it stays a drop-in. */
    public static final String COMMAND_MEASURE = "position";
    /** A build gate compares content: image factories rebuild their images, which moves every file. */
    public static final String GATE_MEASURE = "content";
    /** Every input's format is told from its first bytes unless the user states it. */
    public static final String INPUT_FORMAT = "auto";
    /** How many of the latest runs a trend chart shows. */
    public static final int TREND_RUNS = 30;

    private Defaults() {
    }
}
