package org.example.virtsimilarity.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.apache.maven.reporting.MavenReportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportMojoTest {
    private static final String REPORT_JSON = """
            {"gate": {"measure": "position", "verdict": "pass", "notes": [],
              "images": [{"name": "web.img", "baseline": "web.img", "divergencePercent": 1.5, "verdict": "pass"}]}}
            """;

    @TempDir
    Path folder;

    @Test
    void reportsOnlyWhereAnAnalyzeRunWroteItsJsonReport() throws IOException {
        ReportMojo mojo = mojo();
        assertFalse(mojo.canGenerateReport());

        Files.createDirectories(folder.resolve("run"));
        Files.writeString(folder.resolve("run/index.html"), "<html>");
        assertFalse(mojo.canGenerateReport());

        Files.writeString(folder.resolve("run/report.json"), REPORT_JSON);
        assertTrue(mojo.canGenerateReport());
    }

    @Test
    void copiesTheRunsReportsAndChartsButNotItsSignaturesOrHistory() throws IOException, MavenReportException {
        Path run = Files.createDirectories(folder.resolve("run"));
        for (String name : new String[] {"report.json", "index.html", "trend.png", "explanation-1.png", "cladogram.txt",
                "history.jsonl", "history.jsonl.lock", ".index.html.1f.tmp", "signatures/web.img.vsig"}) {
            Files.createDirectories(run.resolve(name).getParent());
            Files.writeString(run.resolve(name), name.equals("report.json") ? REPORT_JSON : name);
        }
        Path site = Files.createDirectories(folder.resolve("site/virt-similarity"));
        Files.writeString(site.resolve("heatmap.png"), "an earlier run's");
        ReportMojo mojo = mojo();
        mojo.setReportOutputDirectory(folder.resolve("site").toFile());
        StringWriter page = new StringWriter();

        mojo.generate(new Xhtml5BaseSink(page), null, Locale.ROOT);

        assertEquals(Set.of("report.json", "index.html", "trend.png", "explanation-1.png", "cladogram.txt"),
                names(site));
        assertEquals("trend.png", Files.readString(site.resolve("trend.png")));
        assertTrue(page.toString().contains("<td>web.img</td>"), page.toString());
        assertTrue(page.toString().contains("<a href=\"virt-similarity/explanation-1.png\">"), page.toString());
        assertFalse(page.toString().contains("heatmap.png"), page.toString());
    }

    private ReportMojo mojo() {
        ReportMojo mojo = new ReportMojo();
        mojo.analyzeOutputDirectory = folder.resolve("run").toFile();
        return mojo;
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
