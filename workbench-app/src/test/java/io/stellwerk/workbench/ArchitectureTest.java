package io.stellwerk.workbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The arrows between the workbench's parts (STYLE.md, Scene Builder's kit/app split), checked where
 * all of them are on the class path: the topology-editor kit never knows the shell, and
 * node-runtime knows neither. Maven's module graph already forbids the kit a dependency on the
 * shell module; this also catches a class put into a kit package inside the shell module, and keeps
 * the rule visible next to node-runtime's ArchitectureTest.
 */
@AnalyzeClasses(packages = "io.stellwerk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theKitNeverDependsOnTheShell =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.editor..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.stellwerk.workbench..")
          .because("topology-editor is a reusable kit; the workbench shell wraps it (STYLE.md)");

  @ArchTest
  static final ArchRule nodeRuntimeKnowsNeitherKitNorShell =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.node..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.stellwerk.editor..", "io.stellwerk.workbench..")
          .because("node-runtime runs headless on every box (DESIGN §2)");
}
