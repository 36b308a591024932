package io.stellwerk.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * Keeps the arrows of DESIGN §2 true for node-runtime: the headless runtime never reaches into
 * JavaFX, and library code logs through SLF4J instead of writing to the console (only the CLI owns
 * the console).
 */
@AnalyzeClasses(
    packages = "io.stellwerk.node",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule nodeRuntimeNeverDependsOnJavaFx =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.node..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..")
          .because("node-runtime runs headless on every box (DESIGN §2)");

  @ArchTest
  static final ArchRule libraryCodeDoesNotWriteToTheConsole =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.node..")
          .and()
          .resideOutsideOfPackage("io.stellwerk.node.cli..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("library code logs through SLF4J; only the CLI owns stdout and stderr");
}
