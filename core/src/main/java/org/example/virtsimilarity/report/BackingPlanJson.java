package org.example.virtsimilarity.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.example.virtsimilarity.storage.BackingPlan;
import org.example.virtsimilarity.storage.PlannedImage;

/**
 * A backing plan as data ({@code --format json}, the build gate's {@value #FILE_NAME}); documented in
 * docs/backing-plan.md, and {@value #SCHEMA_VERSION} is bumped on any incompatible change.
 */
public final class BackingPlanJson {
    /** The file a build gate writes the plan to. */
    public static final String FILE_NAME = "backing-plan.json";
    static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BackingPlanJson() {
    }

    public static String render(BackingPlan plan) {
        ObjectNode root = MAPPER.createObjectNode()
                .put("schemaVersion", SCHEMA_VERSION)
                .put("blockSize", plan.blockSize())
                .put("maxChain", plan.maxChain())
                .put("aloneBytes", plan.aloneBytes())
                .put("storedBytes", plan.storedBytes())
                .put("storedBlocks", plan.storedBlocks())
                .put("unboundedBlocks", plan.unboundedBlocks())
                .put("optimal", plan.optimal());
        ArrayNode images = root.putArray("images");
        for (int i = 0; i < plan.images().size(); i++) {
            PlannedImage image = plan.images().get(i);
            ObjectNode node = images.addObject().put("index", i).put("name", image.name());
            if (image.standsAlone()) {
                node.putNull("parent").putNull("parentIndex");
            } else {
                node.put("parent", plan.images().get(image.parent()).name()).put("parentIndex", image.parent());
            }
            node.put("depth", image.depth()).put("storedBlocks", image.storedBlocks())
                    .put("storedBytes", image.storedBytes()).put("aloneBytes", image.aloneBytes());
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }
}
