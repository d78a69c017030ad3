import javax.imageio.ImageIO

def out = new File(basedir, "target/virt-similarity")
def runs = new File(out, "history.jsonl").readLines().collect { new groovy.json.JsonSlurper().parseText(it) }

assert runs*.run == [1, 2, 3]
assert runs*.images*.name.every { it == ["clone-a.img", "clone-a1.img"] }
// against other.img (the third baseline) both images diverge far more than against base.img (the first)
assert runs[2].images[0].divergence > runs[0].images[0].divergence
assert runs*.images*.verdict == [["warn", "warn"], ["pass", "pass"], ["fail", "fail"]]
assert new File(basedir, "build.log").text.contains("(failOnDivergence is false, so the build goes on)")
def trend = ImageIO.read(new File(out, "trend.png"))
assert trend.width == 900 && trend.height == 450
def heatmap = ImageIO.read(new File(out, "heatmap.png"))
assert heatmap.width == heatmap.height
assert new File(out, "index.html").text.contains('<img src="trend.png"')
return true
