package io.stellwerk.editor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the kit a kit (STYLE.md): no windows, menus or application of its own, no theme library
 * (the shell picks the theme; the kit only names its colours in CSS), and view models that know no
 * control, so they are tested with plain JUnit. The rule that the kit never depends on the shell
 * lives in workbench-app's ArchitectureTest, where both are on the class path.
 */
@AnalyzeClasses(
    packages = "io.stellwerk.editor",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule theKitHasNoWindowsMenusOrApplication =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.editor..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("javafx.stage.Stage")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("javafx.application.Application")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching("javafx\\.scene\\.control\\.(MenuBar|Menu|MenuItem|ToolBar)")
          .because("the kit has no Stage and no menus; the shell adds the chrome (issue #5)");

  @ArchTest
  static final ArchRule theKitLeavesTheThemeToTheShell =
      noClasses()
          .that()
          .resideInAPackage("io.stellwerk.editor..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("atlantafx..", "org.kordamp.ikonli..")
          .because(
              "the shell chooses theme and icons; the kit names its colours as CSS properties");

  @ArchTest
  static final ArchRule viewModelsKnowNoControls =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.stellwerk.editor.model..",
              "io.stellwerk.editor.command..",
              "io.stellwerk.editor.document..",
              "io.stellwerk.editor.yaml..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.controlsfx..")
          .because("view models are tested with plain JUnit, without a window (STYLE.md, MVVM)");
}
