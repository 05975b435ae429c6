package dev.canary4j.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.canary4j.cli.imports.FlaggerImport;
import dev.canary4j.cli.imports.KayentaImport;
import dev.canary4j.cli.imports.Translation;
import dev.canary4j.policy.InvalidPolicyException;
import dev.canary4j.spec.PolicyReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code import}: translates another tool's canary files into a canary4j policy. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Translate a Flagger Canary or a Kayenta canary config into a policy.", "Translates a Flagger Canary or a Kayenta canary config into a canary4j policy, printing every "
        + "difference in meaning as a warning."},
    subcommands = {ImportCommand.Flagger.class, ImportCommand.Kayenta.class},
    footer = {"", "Example:", "  java -jar canary4j.jar import flagger podinfo-canary.yaml metric-templates.yaml > policy.yaml"})
final class ImportCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing a source: flagger or kayenta");
  }

  /** What both import commands share: input files, output, and the write-validate-warn sequence. */
  abstract static class Source implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "Write the policy to this file instead of standard output.")
    Path output;

    /** Translates the documents read from the files. */
    abstract Translation translate(List<JsonNode> documents);

    abstract List<Path> files();

    @Override
    public Integer call() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      List<String> problems = new ArrayList<>();
      List<JsonNode> documents = new ArrayList<>();
      for (Path file : files()) {
        read(file, documents, problems);
      }
      if (!problems.isEmpty()) {
        problems.forEach(err::println);
        return ExitCode.INVALID;
      }
      Translation translation = translate(documents);
      translation.warnings().forEach(w -> err.println("warning: " + w));
      if (!translation.problems().isEmpty()) {
        translation.problems().forEach(p -> err.println("error: " + p));
        return ExitCode.INVALID;
      }
      String yaml = yaml(translation);
      try {
        PolicyReader.fromYaml(yaml);
      } catch (InvalidPolicyException e) {
        // The source holds values canary4j does not accept (a weight over 100, a bad name): say which.
        err.println("error: the translated policy is not valid: " + e.getMessage());
        spec.commandLine().getOut().print(yaml);
        return ExitCode.INVALID;
      }
      if (output != null) {
        Files.writeString(output, yaml, StandardCharsets.UTF_8);
      } else {
        spec.commandLine().getOut().print(yaml);
      }
      return ExitCode.PASS;
    }

    private static void read(Path file, List<JsonNode> documents, List<String> problems) {
      try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class)
          .readValues(Files.readString(file, StandardCharsets.UTF_8))) {
        while (it.hasNextValue()) {
          JsonNode doc = it.nextValue();
          if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
            documents.add(doc);
          }
        }
      } catch (NoSuchFileException e) {
        problems.add(file + " does not exist");
      } catch (JacksonException e) {
        problems.add(file + ": not YAML or JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
      } catch (IOException | RuntimeException e) {
        problems.add("cannot read " + file + ": " + e.getMessage());
      }
    }
  }

  /** The translated policy as YAML, headed by a comment naming the warnings' count. */
  static String yaml(Translation translation) throws IOException {
    YAMLMapper mapper = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    String header = translation.warnings().isEmpty() ? ""
        : "# Translated with " + translation.warnings().size() + " warning(s); see the import's output.\n";
    return header + mapper.writeValueAsString(translation.policy());
  }

  @Command(name = "flagger", mixinStandardHelpOptions = true,
      description = "Translates a Flagger Canary (the whole resource or its analysis block) and the MetricTemplates "
          + "it references into a canary4j policy on standard output; warnings on standard error.",
      footer = {"", "Example:", "  java -jar canary4j.jar import flagger podinfo-canary.yaml templates.yaml -o policy.yaml"})
  static final class Flagger extends Source {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML files with the Canary (or its analysis block) and MetricTemplates; several documents per file may be separated by ---.")
    List<Path> files;

    @Option(names = "--name", paramLabel = "NAME", description = "The target's name (default: the Canary's targetRef.name).")
    String name;

    @Option(names = "--namespace", paramLabel = "NS", description = "The target's namespace (default: the Canary's namespace).")
    String namespace;

    @Override
    List<Path> files() {
      return files;
    }

    @Override
    Translation translate(List<JsonNode> documents) {
      return FlaggerImport.translate(documents, name, namespace);
    }
  }

  @Command(name = "kayenta", mixinStandardHelpOptions = true,
      description = "Translates a Kayenta canary config (alone, or inside an ad-hoc execution request with its "
          + "scoring thresholds) into a canary4j policy judged by Mann-Whitney and one weighted score.",
      footer = {"", "Example:", "  java -jar canary4j.jar import kayenta canary-config.json --namespace shop --name checkout"})
  static final class Kayenta extends Source {

    @Parameters(arity = "1", paramLabel = "FILE", description = "The canary config (JSON or YAML).")
    Path file;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The target's name (Kayenta configs name none).")
    String name;

    @Option(names = "--namespace", defaultValue = "default", paramLabel = "NS", description = "The target's namespace (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--interval", defaultValue = "1m", paramLabel = "DURATION",
        description = "How often the policy analyses (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--window", defaultValue = "10m", paramLabel = "DURATION",
        description = "The window each metric is compared over, a point per minute (Kayenta's is the pipeline "
            + "stage's analysis interval; default ${DEFAULT-VALUE}).")
    String window;

    @Override
    List<Path> files() {
      return List.of(file);
    }

    @Override
    Translation translate(List<JsonNode> documents) {
      return KayentaImport.translate(documents, name, namespace, interval, window);
    }
  }
}
