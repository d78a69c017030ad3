def log = new File(basedir, "build.log").text

assert log.contains("BUILD SUCCESS")
// the aggregator is skipped with one line, and writes nothing
assert log.findAll("virt-similarity: skipped in this aggregator").size() == 1
assert !new File(basedir, "target/virt-similarity").exists()
// the modules with images are analysed, each with its own pattern
def report = { module ->
    new groovy.json.JsonSlurper().parse(new File(basedir, "$module/target/virt-similarity/report.json"))
}
assert report("images-web").images*.name == ["base.img", "clone-a.img", "clone-a1.img", "other.img"]
assert report("images-db").images*.name == ["other.img"]
// the module without images passes with one line
assert log.contains("virt-similarity: no image matches images/*.img under " + new File(basedir, "no-images").path
        + "; nothing to analyse here")
assert !new File(basedir, "no-images/target/virt-similarity").exists()
return true
