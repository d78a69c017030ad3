def log = new File(basedir, "build.log").text

assert log.contains("Baseline: " + new File(basedir, "last-good").path + " (does not exist yet)")
assert log.contains("no baseline to compare with, so the gate passes")
assert log.contains("BUILD SUCCESS")
assert new File(basedir, "target/virt-similarity/signatures/base.img.vsig").isFile()
return true
