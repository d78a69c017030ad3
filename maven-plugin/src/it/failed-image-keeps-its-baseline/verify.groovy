def log = new File(basedir, "build.log").text
def night = { n, folder -> new File(basedir, "target/night$n/$folder/web.img.vsig") }

// nights 2 and 3 fail against night 1's signature: the failed night 2 did not become night 3's baseline
def failure = /\[ERROR\] Failed to execute goal .*: web\.img diverges \d+\.\d\d % from baseline web\.img, above/
def failures = log.findAll(failure + / the failure threshold 5\.00 %/)
assert failures.size() == 2 : log
assert night(2, "signatures").bytes == night(1, "signatures").bytes : "night 2's baseline set keeps night 1's signature"
assert night(3, "signatures").bytes == night(1, "signatures").bytes
assert night(2, "run-signatures").bytes != night(1, "signatures").bytes : "the run's own signature is kept apart"
assert log.contains("the baseline set keeps the earlier baseline of web.img")
assert log.contains("-Dvirt-similarity.accept=web.img")

// night 4 accepts the divergence: it passes, and its signature becomes the baseline
assert log =~ /accepted: web\.img diverges \d+\.\d\d % from baseline web\.img; its signature of this run is its/ +
        / new baseline/
assert log =~ /(?m)^\[INFO\]   web\.img .* FAIL \(accepted\) +web\.img$/
assert night(4, "signatures").bytes == night(4, "run-signatures").bytes
def report = new groovy.json.JsonSlurper().parse(new File(basedir, "target/night4/report.json"))
assert report.gate.verdict == "pass" && report.gate.images[0].accepted == true

// night 5 compares with what was accepted
assert log =~ /(?m)^\[INFO\]   web\.img +64\.0 MiB +0\.00 % .* pass +web\.img$/
return true
