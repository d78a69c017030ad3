def log = new File(basedir, "build.log").text
def missing = new File(basedir, "images/no-such-image.qcow2").path

assert log =~ /\[ERROR\] Failed to execute goal .*:analyze .*: \Q${missing}\E: No such file or directory/
assert !log.contains("Reading ") : "nothing is read once an input is known to be bad"
assert !new File(basedir, "target/virt-similarity").exists() : "nothing is written"
return true
