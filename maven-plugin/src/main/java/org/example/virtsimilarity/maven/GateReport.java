package org.example.virtsimilarity.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * What the site page shows of an earlier {@code analyze} run, read back from its {@code report.json} (the gate
 * section of docs/json-report.md): the site is made in another Maven invocation than the analysis, so the values
 * come from the file, not from core's result types.
 *
 * @param verdict the run's verdict as the reports word it ({@code FAIL}, {@code warning}, ...)
 * @param measure {@code content} or {@code position}
 * @param notes the lines that inform beside the verdicts (baselines kept, restarted, missing)
 */
record GateReport(String verdict, String measure, OptionalDouble warnPercent, OptionalDouble failPercent,
                  List<String> notes, List<Image> images) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One image's line of the gate: its content change is there only when the run measured content. */
    record Image(String name, Optional<String> baseline, OptionalDouble divergencePercent, String verdict,
                 boolean accepted, Optional<ContentChange> content) {
        /** The verdict as the HTML report and the log show it. */
        String label() {
            return accepted ? verdict + " (accepted)" : verdict;
        }
    }

    /** Bytes of the image's data that are new, that moved, and that its baseline had and it no longer has. */
    record ContentChange(long newBytes, long movedBytes, long removedBytes) {
    }

    /** Reads the file; one without a gate section (the command's {@code --format json}) is refused. */
    static GateReport read(Path file) throws IOException {
        JsonNode gate = MAPPER.readTree(file.toFile()).path("gate");
        if (!gate.isObject()) {
            throw new IOException(file + " has no gate section: it was not written by virt-similarity:analyze");
        }
        List<String> notes = new ArrayList<>();
        gate.path("notes").forEach(note -> notes.add(note.asText()));
        List<Image> images = new ArrayList<>();
        for (JsonNode image : gate.path("images")) {
            OptionalLong newBytes = number(image, "newBytes");
            Optional<ContentChange> content = newBytes.isPresent() ? Optional.of(new ContentChange(
                    newBytes.getAsLong(), image.path("movedBytes").asLong(), image.path("removedBytes").asLong()))
                    : Optional.empty();
            images.add(new Image(image.path("name").asText(), text(image, "baseline"),
                    percent(image, "divergencePercent"), image.path("verdict").asText(),
                    image.path("accepted").asBoolean(), content));
        }
        return new GateReport(gate.path("verdict").asText(), gate.path("measure").asText(),
                percent(gate, "warnPercent"), percent(gate, "failPercent"), List.copyOf(notes), List.copyOf(images));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static OptionalDouble percent(JsonNode node, String field) {
        return node.hasNonNull(field) ? OptionalDouble.of(node.get(field).asDouble()) : OptionalDouble.empty();
    }

    private static OptionalLong number(JsonNode node, String field) {
        return node.hasNonNull(field) ? OptionalLong.of(node.get(field).asLong()) : OptionalLong.empty();
    }
}
