def log = new File(basedir, "build.log").text

// a changed block size starts a new baseline with a line that says why, and the build passes
assert log.contains("starts a new baseline for base.img: its baseline base.img was hashed with xxh128 in 4096-byte"
        + " blocks and this run hashes with xxh128 in 65536-byte blocks")
assert log.contains("starts a new baseline for base.img: its baseline base.img was hashed with xxh128 in 65536-byte"
        + " blocks and this run hashes with md5 in 65536-byte blocks")
assert !log.contains("BUILD FAILURE")
// the run after a change compares with the new baseline
assert log =~ /(?m)^\[INFO\]   base\.img +64\.0 MiB +0\.00 % .* pass +base\.img$/
// the trend breaks where the settings changed: runs 2 and 4 have no divergence, run 3 has one
def runs = new File(basedir, "target/history.jsonl").readLines().collect { new groovy.json.JsonSlurper().parseText(it) }
assert runs.size() == 4
assert runs.collect { it.images[0].divergence != null } == [false, false, true, false]
return true
