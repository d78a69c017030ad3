package org.example.virtsimilarity.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.maven.doxia.sink.impl.Xhtml5BaseSink;
import org.junit.jupiter.api.Test;

class SitePageTest {
    private static final GateReport.Image IMAGE = new GateReport.Image("{web, http://x}<b>.img",
            Optional.empty(), OptionalDouble.empty(), "no baseline", false, Optional.empty());

    @Test
    void writesValuesAsTextNeverAsMarkupOrLinkPatterns() {
        String html = render(new GateReport("no baseline", "position", OptionalDouble.of(5), OptionalDouble.empty(),
                List.of("a <note>"), List.of(IMAGE)), Set.of("report.json"), Optional.of("--- <b>"));

        assertTrue(html.contains("<td>{web, http://x}&lt;b&gt;.img</td>"), html);
        assertFalse(html.contains("http://x\""), html);
        assertTrue(html.contains("<li>a &lt;note&gt;</li>"), html);
        assertTrue(html.contains("--- &lt;b&gt;"), html);
        assertTrue(html.contains("thresholds: warning 5.00 %, failure none."), html);
    }

    @Test
    void showsOnlyWhatTheRunWrote() {
        String html = render(new GateReport("pass", "position", OptionalDouble.empty(), OptionalDouble.empty(),
                List.of(), List.of(IMAGE)), Set.of("report.json", "cladogram.txt"), Optional.empty());

        // a run without the HTML format drew no chart and wrote no index.html
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("index.html"), html);
        assertTrue(html.contains("<a href=\"gate/report.json\">report.json</a>"), html);
        // by position there is no content change to show
        assertFalse(html.contains("new data"), html);
        assertFalse(html.contains("<pre"), html);
    }

    @Test
    void showsTheChartsAndLinksTheFullReport() {
        String html = render(new GateReport("pass", "content", OptionalDouble.empty(), OptionalDouble.empty(),
                List.of(), List.of(IMAGE)), Set.of("index.html", "trend.png", "heatmap.png"), Optional.empty());

        assertTrue(html.contains("<img src=\"gate/trend.png\""), html);
        assertTrue(html.contains("<img src=\"gate/heatmap.png\""), html);
        assertTrue(html.contains("<a href=\"gate/index.html\">index.html</a>"), html);
        assertTrue(html.contains("<th>new data</th>"), html);
    }

    private static String render(GateReport report, Set<String> copied, Optional<String> cladogram) {
        StringWriter out = new StringWriter();
        new SitePage(new Xhtml5BaseSink(out), report, "gate", copied, cladogram).render();
        return out.toString();
    }
}
