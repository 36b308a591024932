package io.stellwerk.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * Keeps the security manager layered: the core is headless (no JavaFX at all), view models hold
 * state in observable properties but never touch controls, stages or the FX thread, nothing below
 * the views knows them, and the module never reaches up into the workbench or the editor kit.
 */
@AnalyzeClasses(
    packages = "io.stellwerk.security",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreNeverDependsOnJavaFx =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.security.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..")
          .because("key generation and trust administration run headless too (DESIGN §2)");

  @ArchTest
  static final ArchRule viewModelsNeverTouchControlsOrTheFxThread =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.security.viewmodel..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "javafx.scene..", "javafx.stage..", "javafx.application..", "javafx.concurrent..")
          .because("view models are tested with plain JUnit on one thread (STYLE: MVVM)");

  @ArchTest
  static final ArchRule onlyViewsKnowViews =
      noClasses()
          .that()
          .resideInAnyPackage("io.stellwerk.security.core..", "io.stellwerk.security.viewmodel..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.stellwerk.security.view..")
          .because("the core and view models do not know how they are shown");

  @ArchTest
  static final ArchRule neverReachesUp =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.security..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.stellwerk.workbench..", "io.stellwerk.editor..")
          .because("workbench-app depends on the security manager, not the other way (DESIGN §2)");

  @ArchTest
  static final ArchRule noConsoleOutput =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.security..")
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .because("library code logs through SLF4J");
}
