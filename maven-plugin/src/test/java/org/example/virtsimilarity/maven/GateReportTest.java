package org.example.virtsimilarity.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateReportTest {
    @TempDir
    Path folder;

    @Test
    void readsTheGateSectionAsDocsJsonReportDescribesIt() throws IOException {
        GateReport report = GateReport.read(write("""
                {"schemaVersion": 2, "measure": "content", "images": [],
                 "gate": {"measure": "content", "verdict": "FAIL", "failPercent": 20.0,
                  "notes": ["the baseline set keeps the earlier baseline of web.qcow2"],
                  "images": [
                   {"name": "web.qcow2", "baseline": "web.qcow2", "divergencePercent": 35.48, "verdict": "FAIL",
                    "accepted": true, "newBytes": 8912896, "removedBytes": 40960, "movedBytes": 1024,
                    "inPlaceBytes": 16207360, "dataBytes": 25120256, "baselineDataBytes": 16248320},
                   {"name": "db.qcow2", "verdict": "no baseline", "missingBaseline": true}]}}
                """));

        assertEquals("FAIL", report.verdict());
        assertEquals("content", report.measure());
        assertEquals(OptionalDouble.empty(), report.warnPercent());
        assertEquals(OptionalDouble.of(20.0), report.failPercent());
        assertEquals(List.of("the baseline set keeps the earlier baseline of web.qcow2"), report.notes());
        GateReport.Image web = report.images().get(0);
        assertEquals(new GateReport.Image("web.qcow2", Optional.of("web.qcow2"), OptionalDouble.of(35.48), "FAIL",
                true, Optional.of(new GateReport.ContentChange(8912896, 1024, 40960))), web);
        assertEquals("FAIL (accepted)", web.label());
        GateReport.Image db = report.images().get(1);
        assertEquals(Optional.empty(), db.baseline());
        assertEquals(OptionalDouble.empty(), db.divergencePercent());
        assertFalse(db.accepted());
        assertTrue(db.content().isEmpty());
        assertEquals("no baseline", db.label());
    }

    @Test
    void refusesTheCommandsReportWhichHasNoGate() throws IOException {
        Path file = write("{\"schemaVersion\": 2, \"measure\": \"position\", \"images\": []}");

        IOException e = assertThrows(IOException.class, () -> GateReport.read(file));
        assertEquals(file + " has no gate section: it was not written by virt-similarity:analyze", e.getMessage());
    }

    private Path write(String json) throws IOException {
        return Files.writeString(folder.resolve("report.json"), json);
    }
}
