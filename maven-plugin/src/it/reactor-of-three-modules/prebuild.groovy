// the modules that make images have the image family made by it-tests/fixtures/make-image-family as images/
["images-web", "images-db"].each {
    java.nio.file.Files.createSymbolicLink(basedir.toPath().resolve("$it/images"), java.nio.file.Path.of(images))
}
return true
