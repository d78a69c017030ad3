def log = new File(basedir, "build.log").text
def out = new File(basedir, "target/virt-similarity")

// the failure names the image, its divergence and the threshold, on one line
assert log =~ /\[ERROR\] Failed to execute goal .*:analyze .*: clone-a\.img diverges \d+\.\d\d % from baseline base\.img, above the failure threshold 5\.00 %/
// the gate measures content by default: clone-a's new data is the 8 MiB file written into it, plus the file
// system's own changes; nothing of base moved or was removed but what those changes overwrote
assert log.contains("measure: content")
def row = log =~ /(?m)^\[INFO\]   clone-a\.img +64\.0 MiB +\d+\.\d\d % +(\d+\.\d) MiB +\S+ \S+ +\S+ \S+ +FAIL +base\.img$/
assert row.find()
assert row.group(1).toDouble() >= 8.0 && row.group(1).toDouble() < 10.0
// a copy of the baseline in another format does not diverge
assert log =~ /(?m)^\[INFO\]   base\.qcow2 +64\.0 MiB +0\.00 % +0 B +0 B +0 B +pass +base\.img$/
// the reports of a failed gate are still written, for whoever investigates
assert new File(out, "index.html").text.contains("FAIL")
assert new File(out, "history.jsonl").readLines().size() == 1
// the failed image is explained against its baseline (by default, at or over the warning threshold): the log names
// the file guestfish added, the JSON report and the page have the explanation, with its chart beside the page
assert log =~ /(?m)^\[INFO\] Explained: clone-a\.img against base\.img: 1 file differs \(added 8\.0 MiB, removed 0 B, changed 0 B\)/
assert log =~ /(?m)^\[INFO\]   added +\/home\/a\.bin  8\.0 MiB$/
def report = new groovy.json.JsonSlurper().parse(new File(out, "report.json"))
assert report.explanations.size() == 1
def explanation = report.explanations[0]
assert explanation.image == "clone-a.img" && explanation.status == "complete"
assert explanation.files*.path == ["/home/a.bin"]
assert explanation.volumes*.kind == ["disk"] && explanation.volumes[0].fsType == "ext4"
assert explanation.volumes[0].contentNewBytes == explanation.contentNewBytes
assert new File(out, "index.html").text.contains("/home/a.bin")
assert new File(out, "explanation-1.png").length() > 0
return true
