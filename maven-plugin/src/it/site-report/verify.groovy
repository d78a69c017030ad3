import java.nio.file.Files
import java.nio.file.LinkOption

def log = new File(basedir, "build.log").text
def out = new File(basedir, "target/virt-similarity")
def site = new File(basedir, "target/site")

// the first "mvn site" found no analyze run, said so and made no page
assert log.contains("virt-similarity: no " + new File(out, "report.json").canonicalPath + ", so no site page")
// the second ran the analysis once, in verify: the report goal only read what it wrote
assert log.count("Reports: " + out.canonicalPath) == 1

def page = new File(site, "virt-similarity.html")
assert page.isFile()
def html = page.text
// one table row an image, naming it with its verdict and baseline
def rows = (html =~ /(?s)<tr[^>]*>(.*?)<\/tr>/).collect { row ->
    row[1].replaceAll(/\s*<[^>]+>\s*/, "|").replaceAll(/\|+/, "|")
}
assert rows.find { it =~ /^\|base\.img\|0\.00 %\|.*\|pass\|base\.img\|$/ } : rows
assert rows.find { it =~ /^\|clone-a\.img\|\d+\.\d\d %\|.*\|FAIL\|base\.img\|$/ } : rows
assert html.contains("Verdict: FAIL.")
assert html =~ /<pre[^>]*>[^<]*clone-a\.img/ : "no cladogram"
// the charts and the run's own report were copied beside the page (files, not links), and the page shows and links
// them
def copies = new File(site, "virt-similarity")
["heatmap.png", "trend.png"].each { chart ->
    def copy = new File(copies, chart)
    assert Files.isRegularFile(copy.toPath(), LinkOption.NOFOLLOW_LINKS) : "no $chart"
    assert copy.bytes[0..7] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]*.byteValue() : "$chart is no PNG"
    assert copy.bytes == new File(out, chart).bytes
    assert html =~ /<img src="virt-similarity\/$chart"/
}
assert new File(copies, "index.html").text == new File(out, "index.html").text
assert html.contains('href="virt-similarity/index.html"')
assert html.contains('href="virt-similarity/report.json"')
// the signatures are the next run's baseline and the history the next run's trend, not the site's
["signatures", "run-signatures", "history.jsonl"].each { assert !new File(copies, it).exists() : "copied $it" }
// the site lists the page among the project's reports
assert new File(site, "project-reports.html").text.contains('href="virt-similarity.html"')
return true
