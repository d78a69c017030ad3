def log = new File(basedir, "build.log").text
def night1 = new File(basedir, "target/night1")
def night2 = new File(basedir, "target/night2")

assert new File(night1, "signatures/disk.img.vsig").isFile()
assert log.contains("Baseline: " + new File(night1, "signatures").canonicalPath + " (1 signatures)")
// disk.img was rebuilt from clone-a: it diverges from night 1's disk.img by the 8 MiB written to clone-a
def row = log =~ /(?m)^\[INFO\]   disk\.img +64\.0 MiB +(\d+\.\d\d) % .* +pass +disk\.img$/
assert row.find()
assert row.group(1).toDouble() > 5
def history = new File(night2, "history.jsonl").readLines()
assert history.size() == 1 && history[0].contains('"divergence":') && history[0].contains('"measure":"content"')
return true
