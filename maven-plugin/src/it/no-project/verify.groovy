def log = new File(basedir, "build.log").text

// by coordinates: the default output directory is target/virt-similarity under the current folder
def first = new File(basedir, "target/virt-similarity")
assert new File(first, "signatures").list().sort() == ["base.img.vsig", "clone-a.img.vsig", "clone-a1.img.vsig", "other.img.vsig"]
assert log.contains("no baseline to compare with, so the gate passes")
// the backing plan, as a report: clone-a over base, clone-a1 over clone-a (base and other, two ext4 file systems made
// alike, share some metadata blocks, so one of them may hang from the other)
assert log =~ /(?m)^\[INFO\] stored as overlays these 4 images would take \d+\.\d MiB instead of \d+\.\d MiB/
def plan = new groovy.json.JsonSlurper().parse(new File(first, "backing-plan.json"))
def parents = plan.images.collectEntries { [it.name, it.parent] }
assert parents["clone-a.img"] == "base.img" && parents["clone-a1.img"] == "clone-a.img"
assert parents.values().count(null) == 1
assert plan.storedBytes < plan.aloneBytes && plan.optimal
// by prefix, with an Ant pattern
def second = new File(basedir, "by-prefix")
assert new File(second, "signatures").list().sort() == ["base.qcow2.vsig", "clone-b.qcow2.vsig"]
assert new File(second, "cladogram.txt").text.contains("clone-b.qcow2")
return true
