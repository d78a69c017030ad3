def log = new File(basedir, "build.log").text
def out = new File(basedir, "target/virt-similarity")

assert log =~ /(?m)^\[INFO\]   clone-a1\.img +64\.0 MiB +\d+\.\d\d % +\d+\.\d MiB .* +pass +clone-a\.img$/
assert log.contains("Reports: " + out.canonicalPath)
assert !log.contains("[WARNING]")
["cladogram.txt", "report.json", "distances.csv", "index.html", "heatmap.png", "trend.png", "history.jsonl",
 "signatures/clone-a1.img.vsig"].each { assert new File(out, it).isFile() : "missing $it" }
assert !new File(out, "cladogram.nwk").exists() : "newick is not a default format"
// the JSON report is the analysis, readable by any JSON parser
def report = new groovy.json.JsonSlurper().parse(new File(out, "report.json"))
assert report.images*.name == ["clone-a1.img"]
// the goal wrote only under its output directory and the cache (the scenario's own, set by the invoker config)
// (images/ is a link to the shared family and is not followed)
def written = java.nio.file.Files.walk(basedir.toPath())
        .filter { java.nio.file.Files.isRegularFile(it, java.nio.file.LinkOption.NOFOLLOW_LINKS) }
        .collect { basedir.toPath().relativize(it).toString() }
def expected = ~/(pom\.xml|prebuild\.groovy|verify\.groovy|build\.log|target\/virt-similarity\/.*|target\/cache\/.*)/
assert written.findAll { !(it ==~ expected) } == []
return true
