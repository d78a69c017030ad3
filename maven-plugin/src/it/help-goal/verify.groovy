def log = new File(basedir, "build.log").text

assert log.contains("virt-similarity:analyze")
// every parameter is listed with its javadoc and its user property
["images", "baseline", "baselineName", "failOnMissingBaseline", "accept", "maxDivergence", "warnDivergence",
 "failOnDivergence", "skip", "skipPomModules", "failIfNoImages", "outputDirectory", "measure", "hash", "blockSize",
 "inputFormat", "allowedBackingDirectories", "cacheDirectory", "formats", "historyFile", "label", "backingPlan",
 "maxChain"].each {
    assert log =~ /(?m)^    $it( \(Default: .*\))?$/ : "no parameter $it"
    assert log.contains("User property: virt-similarity.$it") : "no property for $it"
}
assert log.contains("Skips the goal (the build passes without reading an image).")
// the report goal's own parameter shares analyze's property; those it inherits from maven-reporting-impl are
// described too
def report = log.substring(log.indexOf("virt-similarity:report"))
assert report =~ /(?m)^    analyzeOutputDirectory \(Default: \$\{project\.build\.directory\}\/virt-similarity\)$/
assert report.contains("User property: virt-similarity.outputDirectory")
assert report =~ /(?m)^    siteDirectory /
assert !log.contains("(no description)")
return true
