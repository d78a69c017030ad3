def log = new File(basedir, "build.log").text

assert log.contains("[INFO] virt-similarity: skipped")
assert !new File(basedir, "target/virt-similarity").exists()
return true
