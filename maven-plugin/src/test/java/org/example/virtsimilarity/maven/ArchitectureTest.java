package org.example.virtsimilarity.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.Configuration.consideringOnlyDependenciesInDiagram;
import static com.tngtech.archunit.library.plantuml.rules.PlantUmlArchCondition.adhereToPlantUmlDiagram;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;

/** Which of core's packages the Maven goal may use: its arrows in docs/architecture.puml, checked on its classes. */
@AnalyzeClasses(packages = "org.example.virtsimilarity", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule USES_WHAT_THE_DIAGRAM_DRAWS = classes().that().resideInAPackage("..virtsimilarity.maven..")
            .should(adhereToPlantUmlDiagram(Path.of("..", "docs", "architecture.puml"),
                    consideringOnlyDependenciesInDiagram()));
}
