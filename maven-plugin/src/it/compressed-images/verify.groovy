def log = new File(basedir, "build.log").text

assert log.contains("BUILD SUCCESS")
["base-zlib.qcow2", "base-zstd.qcow2"].each {
    assert log =~ /(?m)^\[INFO\] Reading .*${java.util.regex.Pattern.quote(it)} \(qcow2\)$/
    assert log =~ /(?m)^\[INFO\]   ${java.util.regex.Pattern.quote(it)} +64\.0 MiB +0\.00 % .* +pass +base\.img$/
}
// GKL's loader logs through commons-logging, which would print dated java.util.logging lines: the plugin turns it off
assert !log.contains("gkl")
assert !(log =~ /(?m)^(INFO|WARNING|SEVERE): /)
return true
