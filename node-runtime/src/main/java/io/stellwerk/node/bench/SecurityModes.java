package io.stellwerk.node.bench;

import java.util.List;

/** What a bench's {@code --security} asks for: the runs, plain and/or secured, in order. */
final class SecurityModes {

  private SecurityModes() {}

  /**
   * {@code off}, {@code curve} or {@code both} as the runs to make: {@code false} plain, {@code
   * true} with CURVE (plain first when both).
   */
  static List<Boolean> runs(String mode) {
    return switch (mode) {
      case "off" -> List.of(false);
      case "curve" -> List.of(true);
      case "both" -> List.of(false, true);
      default ->
          throw new IllegalArgumentException(
              "--security is off, curve or both, not '" + mode + "'");
    };
  }
}
