import java.nio.file.Files
import java.nio.file.Path

// README's recipe, as written; only /srv/factory is moved into this folder
def root = basedir.toPath().resolve("../../../..").normalize()
def readme = root.resolve("README.md").toFile().text
def block = readme =~ /(?s)A nightly pipeline that keeps its baseline set between runs.*?\n```\n(.*?)```/
assert block.find() : "README.md has no nightly recipe"
def factory = Files.createDirectories(basedir.toPath().resolve("factory"))
def recipe = block.group(1).replace("/srv/factory", factory.toString())
def job = Files.createDirectories(basedir.toPath().resolve("job/out"))

// "mvn" is Maven as the other scenarios run it (see src/it/settings.xml): in a network namespace, the plugin group
// known, the user's local repository its only remote one
def settings = basedir.toPath().resolve("settings.xml")
def userRepository = new File(System.getProperty("user.home"), ".m2/repository").toURI()
settings.toFile().text = """<settings><pluginGroups><pluginGroup>org.example</pluginGroup></pluginGroups>
  <profiles><profile><id>it-repo</id>
    <repositories><repository><id>local.central</id><url>${userRepository}</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>local.central</id><url>${userRepository}</url></pluginRepository>
    </pluginRepositories>
  </profile></profiles>
  <activeProfiles><activeProfile>it-repo</activeProfile></activeProfiles></settings>"""
def bin = Files.createDirectories(basedir.toPath().resolve("bin"))
// (with the PATH without this folder, since the namespace's script runs "mvn" in turn)
bin.resolve("mvn").toFile().text = "#!/bin/sh\nPATH='${System.getenv("PATH")}' exec '${root}/tools/netns/bin/mvn' " +
        "-s '${settings}' -Dmaven.repo.local='${localRepositoryPath}' \"\$@\"\n"
bin.resolve("mvn").toFile().setExecutable(true)

def night = { int number, String image ->
    def web = basedir.toPath().resolve("job/out/web.qcow2")
    Files.deleteIfExists(web)
    def convert = ["qemu-img", "convert", "-f", "raw", "-O", "qcow2", Path.of(images).resolve(image).toString(),
                   web.toString()].execute()
    assert convert.waitFor() == 0 : convert.err.text
    def run = new ProcessBuilder("sh", "-e", "-c", recipe).directory(basedir.toPath().resolve("job").toFile())
            .redirectErrorStream(true)
    run.environment().put("PATH", bin.toString() + ":" + System.getenv("PATH"))
    run.environment().put("BUILD_NUMBER", String.valueOf(number))
    def process = run.start()
    def output = new StringBuffer()
    process.consumeProcessOutput(output, output)
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)) {
        process.destroyForcibly()
        assert false : "night $number did not end in 10 minutes: " + output
    }
    process.waitForProcessOutput()
    new File(basedir, "night${number}.log").text = output.toString()
    return [process.exitValue(), output.toString()]
}
def baseline = factory.resolve("baseline/web.qcow2.vsig")

def (exit1, log1) = night(1, "base.img")
assert exit1 == 0 : log1
def accepted = Files.readAllBytes(baseline)

def (exit2, log2) = night(2, "clone-a.img")
assert exit2 != 0 && log2.contains("web.qcow2 diverges") : log2
assert Files.readAllBytes(baseline) == accepted : "a failed night does not become the baseline"

def (exit3, log3) = night(3, "clone-a.img")
assert exit3 != 0 && log3.contains("web.qcow2 diverges") : "compared with night 1 again, it fails again: " + log3

def (exit4, log4) = night(4, "base.img")
assert exit4 == 0 : log4
assert log4 =~ /(?m)^\[INFO\]   web\.qcow2 +64\.0 MiB +0\.00 % .* pass +web\.qcow2$/
assert factory.resolve("history.jsonl").toFile().readLines().size() == 4
return true
