// night 1: web-2026-12-01.img; night 2: the same image as qcow2 under a new date, and a new image db-1.4.2.img
import java.nio.file.Files
import java.nio.file.Path

def family = Path.of(images)
def link = { String folder, String name, String image ->
    Files.createDirectories(basedir.toPath().resolve(folder))
    Files.createSymbolicLink(basedir.toPath().resolve(folder).resolve(name), family.resolve(image))
}
link("night1", "web-2026-12-01.img", "base.img")
link("night2", "web-2026-12-02.qcow2", "base.qcow2")
link("night2", "db-1.4.2.img", "other.img")
return true
