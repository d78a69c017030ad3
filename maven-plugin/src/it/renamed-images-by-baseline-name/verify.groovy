def log = new File(basedir, "build.log").text

// the renamed image found its baseline by its series, and a copy in another format does not diverge
assert log =~ /(?m)^\[INFO\]   web-2026-12-02\.qcow2 +64\.0 MiB +0\.00 % .* pass +web-2026-12-01\.img$/
// the image without a baseline is named, not silently passed
assert log.contains("no baseline signature for db-1.4.2.img: compared with nothing this time")
def report = new groovy.json.JsonSlurper().parse(new File(basedir, "target/night2/report.json"))
assert report.gate.images.find { it.name == "db-1.4.2.img" }.missingBaseline == true
// asked to, a missing baseline fails the run, in one line
assert log =~ /\[ERROR\] Failed to execute goal .*:analyze .*: no baseline signature for db-1\.4\.2\.img, and a missing baseline fails the run/
return true
