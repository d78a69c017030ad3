def log = new File(basedir, "build.log").text
def signature = new File(basedir, "target/virt-similarity/signatures/base.img.vsig")

assert log.contains(signature.canonicalPath + ": signature was made with 4096-byte blocks and xxh128, but this run uses 65536-byte blocks and xxh128")
// the failed run kept the earlier signature as it was
assert signature.isFile()
return true
