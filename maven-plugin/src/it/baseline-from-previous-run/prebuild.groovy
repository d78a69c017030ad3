// the image family made by it-tests/fixtures/make-image-family, as images/
java.nio.file.Files.createSymbolicLink(basedir.toPath().resolve("images"), java.nio.file.Path.of(images))
// two nightly builds of one image, disk.img: base.img on night 1, clone-a.img on night 2
["night1": "base.img", "night2": "clone-a.img"].each { night, image ->
    def folder = java.nio.file.Files.createDirectories(basedir.toPath().resolve(night))
    java.nio.file.Files.createSymbolicLink(folder.resolve("disk.img"), java.nio.file.Path.of(images, image))
}
return true
