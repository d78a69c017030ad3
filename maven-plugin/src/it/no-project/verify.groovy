def log = new File(basedir, "build.log").text

// by coordinates: the default output directory is target/virt-similarity under the current folder
def first = new File(basedir, "target/virt-similarity")
assert new File(first, "signatures").list().sort() == ["base.img.vsig", "clone-a.img.vsig", "clone-a1.img.vsig", "other.img.vsig"]
assert log.contains("no baseline to compare with, so the gate passes")
// by prefix, with an Ant pattern
def second = new File(basedir, "by-prefix")
assert new File(second, "signatures").list().sort() == ["base.qcow2.vsig", "clone-b.qcow2.vsig"]
assert new File(second, "cladogram.txt").text.contains("clone-b.qcow2")
return true
