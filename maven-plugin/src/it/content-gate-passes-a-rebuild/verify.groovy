def log = new File(basedir, "build.log").text

// by content: the 1 MiB added is new data, the rest of base's files merely moved
def row = log =~ /(?m)^\[INFO\]   base\.img +64\.0 MiB +(\d+\.\d\d) % +(\d+\.\d) MiB +(\d+\.\d) MiB +\S+ \S+ +pass +base\.img$/
assert row.find()
assert row.group(1).toDouble() < 10
assert row.group(2).toDouble() >= 1.0 && row.group(2).toDouble() < 2.0
assert row.group(3).toDouble() > 10
def report = new groovy.json.JsonSlurper().parse(new File(basedir, "target/content/report.json"))
assert report.measure == "content"
assert report.gate.images[0].newBytes >= 1048576
assert report.gate.images[0].movedBytes > 10 * 1048576
assert new File(basedir, "target/content/history.jsonl").text.contains('"measure":"content"')

// by position, the same image reads as nearly unrelated
assert log =~ /base\.img diverges (\d+\.\d\d) % from baseline base\.img, above the failure threshold 10\.00 %/
def position = (log =~ /base\.img diverges (\d+\.\d\d) % from baseline/)
assert position.find() && position.group(1).toDouble() > 50
return true
