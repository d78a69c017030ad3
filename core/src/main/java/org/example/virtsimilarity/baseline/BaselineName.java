package org.example.virtsimilarity.baseline;

import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How an image finds its baseline signature by name when nightly images carry dates or versions
 * ({@code web-2026-12-01.qcow2}, {@code db-1.4.2.qcow2}): a regular expression that matches a whole file name, whose
 * capturing groups name the image's series. An image and a baseline signature belong together when their names match
 * and their groups agree: {@code (web|db)-.*\.qcow2} pairs {@code web-2026-12-02.qcow2} with
 * {@code web-2026-12-01.qcow2}. A name the expression does not match keeps its own name as its series. Immutable.
 */
public final class BaselineName {
    /** Images are matched by file name, else by the name without extension (see {@link Baseline#forImage}). */
    public static final BaselineName EXACT = new BaselineName(null);

    private final Pattern pattern;

    private BaselineName(Pattern pattern) {
        this.pattern = pattern;
    }

    /** The mapping for a regular expression with at least one group; {@link #EXACT} for null or blank. */
    public static BaselineName of(String regex) {
        if (regex == null || regex.isBlank()) {
            return EXACT;
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("baselineName '" + regex + "' is not a regular expression: "
                    + e.getDescription());
        }
        if (pattern.matcher("").groupCount() == 0) {
            throw new IllegalArgumentException("baselineName '" + regex + "' has no group: put the part of the name"
                    + " that stays the same from night to night in parentheses, e.g. (web)-.*\\.qcow2");
        }
        return new BaselineName(pattern);
    }

    /** The series a file name belongs to: its groups joined by '/', which no file name holds; empty if unmatched. */
    Optional<String> series(String name) {
        if (pattern == null) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        StringJoiner series = new StringJoiner("/");
        for (int group = 1; group <= matcher.groupCount(); group++) {
            series.add(matcher.group(group) == null ? "" : matcher.group(group));
        }
        return Optional.of(series.toString());
    }

    @Override
    public String toString() {
        return pattern == null ? "file name" : pattern.pattern();
    }
}
