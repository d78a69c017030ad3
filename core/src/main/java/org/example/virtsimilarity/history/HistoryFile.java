package org.example.virtsimilarity.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.example.virtsimilarity.SimilarityException;
import org.example.virtsimilarity.distance.Measure;
import org.example.virtsimilarity.io.AtomicFile;
import org.example.virtsimilarity.io.IoErrors;
import org.example.virtsimilarity.verdict.Verdict;

/**
 * A history kept in a file, one JSON object a run (JSON Lines), so that it can be read with {@code jq} and diffed:
 * <pre>{"run":3,"time":"2026-11-24T18:00:00Z","label":"",
 *  "images":[{"name":"web.qcow2","divergence":1.25,"measure":"content","verdict":"pass"}]}</pre>
 * (one line in the file). An image without a baseline has no {@code divergence}; an image without {@code measure}
 * (an older file) was measured by position. The file is rewritten whole through a temporary file, so a crash leaves
 * the old history or the new one.
 */
public final class HistoryFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private HistoryFile() {
    }

    /** Reads a history; a missing file is an empty history, anything malformed an error naming file and line. */
    public static History read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return History.empty();
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot read the history: " + IoErrors.describe(e));
        }
        List<HistoryRun> runs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                runs.add(run(MAPPER.readTree(lines.get(i))));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new SimilarityException(file, "line " + (i + 1) + " is not a history entry ("
                        + firstLine(e) + ")");
            }
        }
        try {
            return History.of(runs);
        } catch (IllegalArgumentException e) {
            throw new SimilarityException(file, "runs out of order: " + e.getMessage());
        }
    }

    /**
     * Runs {@code work} holding the history's lock, so that runs sharing a history (on one machine, in one JVM or
     * several) append one after another instead of overwriting each other's run. The lock is a file beside the
     * history, {@code NAME.lock}, locked with the operating system's advisory lock; it is left in place.
     */
    public static <T> T locked(Path file, Supplier<T> work) {
        Path absolute = file.toAbsolutePath().normalize();
        // a JVM may hold one file lock a file: threads of one JVM take turns first
        ReentrantLock inThisJvm = JVM_LOCKS.computeIfAbsent(absolute, path -> new ReentrantLock());
        inThisJvm.lock();
        try {
            Path folder = absolute.getParent();
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new SimilarityException(folder, "cannot create the history's folder: " + IoErrors.describe(e));
            }
            Path lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                return work.get();
            } catch (IOException e) {
                throw new SimilarityException(lockFile, "cannot lock the history: " + IoErrors.describe(e));
            }
        } finally {
            inThisJvm.unlock();
        }
    }

    public static void write(Path file, History history) {
        StringBuilder text = new StringBuilder();
        history.runs().forEach(run -> text.append(line(run)).append('\n'));
        try {
            AtomicFile.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SimilarityException(file, "cannot write the history: " + IoErrors.describe(e));
        }
    }

    private static String line(HistoryRun run) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("run", run.number())
                .put("time", run.time().toString())
                .put("label", run.label());
        ArrayNode images = node.putArray("images");
        for (HistoryRun.Entry entry : run.images()) {
            ObjectNode image = images.addObject().put("name", entry.name());
            entry.divergence().ifPresent(value -> image.put("divergence", value));
            image.put("measure", entry.measure().id());
            image.put("verdict", entry.verdict().name().toLowerCase(Locale.ROOT));
        }
        return node.toString();
    }

    private static HistoryRun run(JsonNode node) {
        List<HistoryRun.Entry> entries = new ArrayList<>();
        JsonNode images = required(node, "images");
        if (!images.isArray()) {
            throw new IllegalArgumentException("images is not a list");
        }
        for (JsonNode image : images) {
            JsonNode divergence = image.get("divergence");
            if (divergence != null && !divergence.isNumber()) {
                throw new IllegalArgumentException("divergence is not a number");
            }
            JsonNode measure = image.get("measure");
            // histories written before there were two measures hold position divergences
            entries.add(new HistoryRun.Entry(required(image, "name").asText(),
                    divergence == null ? OptionalDouble.empty() : OptionalDouble.of(divergence.asDouble()),
                    Verdict.valueOf(required(image, "verdict").asText().toUpperCase(Locale.ROOT)),
                    measure == null ? Measure.POSITION : Measure.fromId(measure.asText())));
        }
        JsonNode label = node.get("label");
        return new HistoryRun(required(node, "run").intValue(), parseTime(required(node, "time").asText()),
                label == null ? "" : label.asText(), entries);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    private static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad time " + text);
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
