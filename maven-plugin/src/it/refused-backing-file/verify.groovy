def log = new File(basedir, "build.log").text
def guest = new File(basedir, "images/guest.img").path
def secret = new File(basedir, "host/secret").path

assert log =~ /\[ERROR\] Failed to execute goal .*:analyze .*: \Q${guest}\E: refused backing file '\Q${secret}\E': an absolute path outside every allowed backing folder \(to allow a folder: <allowedBackingDirectories>\)/
assert !log.contains("Reading ") : "nothing is read once an input is refused"
assert !new File(basedir, "target/virt-similarity").exists() : "nothing is written"
return true
