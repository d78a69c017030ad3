// the image family made by it-tests/fixtures/make-image-family, as images/
java.nio.file.Files.createSymbolicLink(basedir.toPath().resolve("images"), java.nio.file.Path.of(images))
return true
