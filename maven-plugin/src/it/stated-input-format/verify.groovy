import groovy.json.JsonSlurper

def log = new File(basedir, "build.log").text
assert log.contains("BUILD SUCCESS")
assert log =~ /Reading .*guest\.img \(raw\)/
def report = new JsonSlurper().parse(new File(basedir, "target/virt-similarity/report.json"))
assert report.images[0].format == "raw"
assert report.images[0].formatStated == true
assert report.images[0].backing == []
return true
