package org.example.virtsimilarity;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The names users type for the tool's choices (hashes, measures, readers, report formats), parsed alike. */
public final class Ids {
    private Ids() {
    }

    /**
     * The constant of {@code type} whose id is {@code text} (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming {@code what} and every choice, where none is
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String what, String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (id.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "' (choose one of " + list(type, id)
                + ")");
    }

    /** Every id of {@code type}, comma-separated, in declaration order. */
    public static <E extends Enum<E>> String list(Class<E> type, Function<E, String> id) {
        return Arrays.stream(type.getEnumConstants()).map(id).collect(Collectors.joining(", "));
    }
}
