package dev.canary4j.cli;

import dev.canary4j.spec.PolicySchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code schema}: prints the JSON Schema of the policy file, generated from the policy reader's own field lists. */
@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Print the JSON Schema of the policy file.", "Prints a JSON Schema (draft-07) of the policy file for editors: with yaml-language-server, "
        + "start a policy with the line  # yaml-language-server: $schema=policy.schema.json",
        "The schema is generated from the policy reader's fields and the model's choices, so it cannot drift; "
            + "rules relating fields (max above min) stay the reader's: run validate."},
    footer = {"", "Example:", "  java -jar canary4j.jar schema -o policy.schema.json"})
final class SchemaCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the schema to this file instead of standard output.")
  Path output;

  @Override
  public Integer call() throws IOException {
    String json = PolicySchema.json() + "\n";
    if (output == null) {
      spec.commandLine().getOut().print(json);
    } else {
      Files.writeString(output, json, StandardCharsets.UTF_8);
    }
    return ExitCode.PASS;
  }
}
