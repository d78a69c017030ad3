// the image family made by it-tests/fixtures/make-image-family, as images/
java.nio.file.Files.createSymbolicLink(basedir.toPath().resolve("images"), java.nio.file.Path.of(images))
// "mvn install" records the plugin's prefix in the group's metadata of a user's repository; invoker:install copies
// the artifacts only, so the prefix is recorded here as install would
def group = new File(localRepositoryPath, "org/example")
group.mkdirs()
new File(group, "maven-metadata-local.xml").text = """<?xml version="1.0" encoding="UTF-8"?>
<metadata>
  <plugins>
    <plugin>
      <name>virt-similarity maven-plugin</name>
      <prefix>virt-similarity</prefix>
      <artifactId>virt-similarity-maven-plugin</artifactId>
    </plugin>
  </plugins>
</metadata>
"""
return true
