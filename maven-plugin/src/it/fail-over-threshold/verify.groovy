def log = new File(basedir, "build.log").text
def out = new File(basedir, "target/virt-similarity")

// the failure names the image, its divergence and the threshold, on one line
assert log =~ /\[ERROR\] Failed to execute goal .*:analyze .*: clone-a\.img diverges \d+\.\d\d % from baseline base\.img, above the failure threshold 5\.00 %/
assert log =~ /(?m)^\[INFO\]   clone-a\.img +64\.0 MiB +\d+\.\d\d % +FAIL +base\.img$/
// a copy of the baseline in another format does not diverge
assert log =~ /(?m)^\[INFO\]   base\.qcow2 +64\.0 MiB +0\.00 % +pass +base\.img$/
// the reports of a failed gate are still written, for whoever investigates
assert new File(out, "index.html").text.contains("FAIL")
assert new File(out, "history.jsonl").readLines().size() == 1
return true
