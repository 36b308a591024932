package io.stellwerk.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The starting points File › New offers. */
public enum Template {
  SINGLE_NODE("Single node", "single-node.yaml"),
  PAIR_AT_PLCS("HA pair at the PLCs (single-level)", "pair-at-plcs.yaml"),
  PAIR_AT_ROOT("HA pair at the root with two sections", "pair-at-root.yaml");

  private final String label;
  private final String resource;

  Template(String label, String resource) {
    this.label = label;
    this.resource = resource;
  }

  /** The name shown in the New dialog. */
  public String label() {
    return label;
  }

  /** The template's YAML text. */
  public String text() {
    try (InputStream in = Template.class.getResourceAsStream("templates/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("the template " + resource + " is missing from this build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
