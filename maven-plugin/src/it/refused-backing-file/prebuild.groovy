// A raw disk whose guest wrote a qcow2 header into its first sector, naming a host file as its backing file. The
// "secret" is a FIFO: opening it would hang the build, so a hang means the policy came too late.
def secret = new File(basedir, "host/secret")
secret.parentFile.mkdirs()
assert ["mkfifo", secret.path].execute().waitFor() == 0
def images = new File(basedir, "images")
images.mkdirs()
def header = new File(basedir, "header.qcow2")
assert ["qemu-img", "create", "-q", "-u", "-f", "qcow2", "-F", "raw", "-b", secret.path, header.path, "1M"]
        .execute().waitFor() == 0
def disk = new byte[1 << 20]
def bytes = header.bytes
System.arraycopy(bytes, 0, disk, 0, Math.min(bytes.length, disk.length))
new File(images, "guest.img").bytes = disk
header.delete()
return true
