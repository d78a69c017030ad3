// night 1 builds web.img as the family's base image; from night 2 on it is clone-a, which diverges from it
import java.nio.file.Files
import java.nio.file.Path

def family = Path.of(images)
["good": "base.img", "diverged": "clone-a.img"].each { folder, image ->
    Files.createDirectories(basedir.toPath().resolve(folder))
    Files.createSymbolicLink(basedir.toPath().resolve(folder).resolve("web.img"), family.resolve(image))
}
return true
