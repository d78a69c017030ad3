// the same hostile disk as refused-backing-file's: a raw disk whose guest wrote a qcow2 header naming a host FIFO
return evaluate(new File(basedir, "../refused-backing-file/prebuild.groovy"))
