package org.example.virtsimilarity.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.example.virtsimilarity.analysis.AnalysisResult;
import org.example.virtsimilarity.analysis.ImageResult;
import org.example.virtsimilarity.cluster.Cladogram;
import org.example.virtsimilarity.distance.DistanceMatrix;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.signature.Signature;
import org.example.virtsimilarity.verdict.GateResult;
import org.example.virtsimilarity.verdict.ImageVerdict;

/**
 * The whole result as JSON: settings, images with their signature summaries, the distance matrices (blocks and
 * divergence), every pair, and the tree. Documented in docs/json-report.md; {@value #SCHEMA_VERSION} is bumped on
 * any incompatible change.
 */
public final class JsonReport {
    static final int SCHEMA_VERSION = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(AnalysisResult result) {
        return write(tree(result));
    }

    /** The result with the command's explanations of pairs of its images. */
    public static String render(AnalysisResult result, List<Explanation> explanations) {
        ObjectNode root = tree(result);
        ExplanationJson.add(root, explanations);
        return write(root);
    }

    /**
     * The result with a build gate's findings: each image's baseline, divergence, verdict and content change, and
     * the explanations of the images it explained.
     */
    public static String render(AnalysisResult result, GateResult gate, List<Explanation> explanations) {
        ObjectNode root = tree(result);
        ObjectNode section = root.putObject("gate");
        section.put("measure", gate.measure().id()).put("verdict", gate.verdict().label());
        gate.thresholds().warn().ifPresent(value -> section.put("warnPercent", value));
        gate.thresholds().fail().ifPresent(value -> section.put("failPercent", value));
        ArrayNode notes = section.putArray("notes");
        gate.notes().forEach(notes::add);
        Set<String> kept = Set.copyOf(gate.keptBaselines());
        Set<String> missing = Set.copyOf(gate.missingBaseline());
        ArrayNode images = section.putArray("images");
        for (ImageVerdict verdict : gate.images()) {
            ObjectNode image = images.addObject().put("name", verdict.name());
            verdict.baseline().ifPresent(name -> image.put("baseline", name));
            verdict.divergence().ifPresent(value -> image.put("divergencePercent", round(value)));
            image.put("verdict", verdict.verdict().label());
            if (gate.isAccepted(verdict)) {
                image.put("accepted", true);
            }
            if (kept.contains(verdict.name())) {
                image.put("keepsBaseline", true);
            }
            if (missing.contains(verdict.name())) {
                image.put("missingBaseline", true);
            }
            if (gate.restarted().containsKey(verdict.name())) {
                image.put("restartedBecause", gate.restarted().get(verdict.name()));
            }
            verdict.content().ifPresent(change -> image.put("newBytes", change.newBytes())
                    .put("removedBytes", change.removedBytes()).put("movedBytes", change.movedBytes())
                    .put("inPlaceBytes", change.inPlaceBytes()).put("dataBytes", change.imageBytes())
                    .put("baselineDataBytes", change.baselineBytes()));
        }
        ExplanationJson.add(root, explanations);
        return write(root);
    }

    private static ObjectNode tree(AnalysisResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("measure", result.distances().measure().id());
        root.put("hash", result.algorithm().id());
        root.put("blockSize", result.blockSize());
        root.put("distanceUnitBytes", result.distances().blockSize());
        ArrayNode images = root.putArray("images");
        for (int i = 0; i < result.images().size(); i++) {
            images.add(image(i, result.images().get(i)));
        }
        DistanceMatrix matrix = result.distances();
        int n = matrix.size();
        ArrayNode blocks = root.putArray("distanceBlocks");
        // percent, as every threshold is, and named so
        ArrayNode divergence = root.putArray("divergencePercent");
        ArrayNode pairs = root.putArray("pairs");
        List<String> names = result.names();
        for (int i = 0; i < n; i++) {
            ArrayNode blockRow = blocks.addArray();
            ArrayNode divergenceRow = divergence.addArray();
            for (int j = 0; j < n; j++) {
                blockRow.add(matrix.blocks(i, j));
                divergenceRow.add(round(100 * matrix.divergence(i, j)));
                if (j > i) {
                    pairs.addObject()
                            .put("a", names.get(i))
                            .put("b", names.get(j))
                            .put("differingBlocks", matrix.blocks(i, j))
                            .put("nonZeroBlocks", matrix.nonZeroBlocks(i, j))
                            .put("differingBytes", matrix.bytes(i, j))
                            .put("divergencePercent", round(100 * matrix.divergence(i, j)));
                }
            }
        }
        root.set("tree", tree(result.tree(), names));
        return root;
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    private static ObjectNode image(int index, ImageResult image) {
        Signature signature = image.signature();
        ObjectNode node = MAPPER.createObjectNode()
                .put("index", index)
                .put("name", image.name())
                .put("path", image.path().toString())
                .put("format", image.format().qemuName())
                .put("formatStated", image.formatStated())
                .put("size", signature.imageSize())
                .put("blocks", signature.blockCount())
                .put("zeroBlocks", signature.zeroBlocks())
                .put("nonZeroBlocks", signature.nonZeroBlocks())
                .put("source", image.origin().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        signature.content().ifPresent(content -> node.put("dataBytes", content.dataBytes())
                .put("contentChunks", content.count()));
        ArrayNode backing = node.putArray("backing");
        image.backing().forEach(file -> backing.add(file.toString()));
        return node;
    }

    private static ObjectNode tree(Cladogram tree, List<String> names) {
        ObjectNode node = MAPPER.createObjectNode();
        if (tree instanceof Cladogram.Leaf leaf) {
            return node.put("image", leaf.image()).put("name", names.get(leaf.image()));
        }
        node.put("distance", tree.distance());
        ArrayNode children = node.putArray("children");
        ((Cladogram.Node) tree).children().forEach(child -> children.add(tree(child, names)));
        return node;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
