package org.example.virtsimilarity.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.example.virtsimilarity.explain.DirectoryTotal;
import org.example.virtsimilarity.explain.Explanation;
import org.example.virtsimilarity.explain.FileChange;
import org.example.virtsimilarity.explain.VolumeShare;

/** The report's {@code explanations} section (docs/json-report.md). */
final class ExplanationJson {
    private ExplanationJson() {
    }

    static void add(ObjectNode root, List<Explanation> explanations) {
        ArrayNode section = root.putArray("explanations");
        explanations.forEach(explanation -> explanation(section.addObject(), explanation));
    }

    private static void explanation(ObjectNode node, Explanation e) {
        node.put("image", e.image()).put("baseline", e.baseline()).put("status", lower(e.status()))
                .put("positionBytes", e.positionBytes());
        if (e.contentNewBytes() >= 0) {
            node.put("contentNewBytes", e.contentNewBytes());
        }
        node.put("fileCount", e.fileCount()).put("addedBytes", e.bytes(FileChange.Change.ADDED))
                .put("removedBytes", e.bytes(FileChange.Change.REMOVED))
                .put("changedBytes", e.bytes(FileChange.Change.CHANGED))
                .put("seconds", Math.round(e.seconds() * 10) / 10.0).put("applianceMiB", e.applianceMiB());
        ArrayNode notes = node.putArray("notes");
        e.notes().forEach(notes::add);
        ArrayNode volumes = node.putArray("volumes");
        e.volumes().forEach(volume -> volume(volumes.addObject(), volume));
        ArrayNode files = node.putArray("files");
        e.files().forEach(file -> file(files.addObject(), file));
        ArrayNode directories = node.putArray("directories");
        e.directories().forEach(total -> directory(directories.addObject(), total));
    }

    private static void volume(ObjectNode node, VolumeShare v) {
        node.put("device", v.device()).put("kind", lower(v.kind()));
        if (v.start() >= 0) {
            node.put("start", v.start());
        }
        node.put("size", v.size()).put("fsType", v.fsType()).put("label", v.label()).put("uuid", v.uuid())
                .put("mountpoint", v.mountpoint());
        if (v.positionBytes() >= 0) {
            node.put("positionBytes", v.positionBytes());
        }
        if (v.contentNewBytes() >= 0) {
            node.put("contentNewBytes", v.contentNewBytes());
        }
        node.put("filesCompared", v.filesCompared()).put("note", v.note());
    }

    private static void file(ObjectNode node, FileChange f) {
        node.put("path", f.path()).put("device", f.device()).put("change", lower(f.change()))
                .put("type", lower(f.type()));
        if (f.oldSize() >= 0) {
            node.put("oldSize", f.oldSize());
        }
        if (f.newSize() >= 0) {
            node.put("newSize", f.newSize());
        }
        if (!f.detail().isEmpty()) {
            node.put("detail", f.detail());
        }
    }

    private static void directory(ObjectNode node, DirectoryTotal total) {
        node.put("directory", total.directory()).put("files", total.files()).put("addedBytes", total.addedBytes())
                .put("removedBytes", total.removedBytes()).put("changedBytes", total.changedBytes());
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
