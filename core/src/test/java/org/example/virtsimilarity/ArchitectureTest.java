package org.example.virtsimilarity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;

/** Core's rules: docs/architecture.puml is the rule for its packages, plus what no diagram can draw. */
@AnalyzeClasses(packages = "org.example.virtsimilarity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Where the diagram is, from the module's folder (where Maven runs the tests). */
    static final Path DIAGRAM = Path.of("..", "docs", "architecture.puml");

    @ArchTest
    static final ArchRule CORE_KNOWS_NO_BUILD_TOOL_AND_NO_LOGGING = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "hudson..", "jenkins..",
                    "org.kohsuke..", "org.slf4j..", "org.apache.logging..", "org.apache.commons.logging..",
                    "java.util.logging..", "ch.qos.logback..")
            .because("core is used by the CLI, the Maven goal and the Jenkins step alike");

    @ArchTest
    static final ArchRule CORE_DOES_NOT_PRINT = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("progress and messages go through ProgressListener");

    @ArchTest
    static final ArchRule PACKAGES_FOLLOW_THE_DIAGRAM = classes().should(adhereToPlantUmlDiagram(DIAGRAM,
            consideringOnlyDependenciesInDiagram()));

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.example.virtsimilarity.(*)..")
            .should().beFreeOfCycles();
}
