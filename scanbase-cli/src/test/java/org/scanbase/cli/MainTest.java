// SPDX-License-Identifier: Apache-2.0
package org.scanbase.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link Main#commandLine}: a command line naming a command gets a root with that command only
 * (picocli's reflective model of the others is not built), and behaves exactly as the whole
 * command tree does.
 */
class MainTest {

  @Test
  void aCommandLineNamingACommandRegistersOnlyThatCommand() {
    CommandLine cl = Main.commandLine(new String[] {"import", "dicom", "root", "--name", "x"});
    assertThat(cl.getSubcommands().keySet()).containsExactly("import");
    assertThat(cl.getSubcommands().get("import").getSubcommands().keySet()).containsExactly("dicom", "nifti");
    assertThat(cl.getCommandName()).isEqualTo("scanbase");
  }

  @Test
  void noCommandHelpOrAnUnknownCommandGetsTheWholeTree() {
    int all = new CommandLine(new Main()).getSubcommands().size();
    for (String[] args : List.of(new String[0], new String[] {"--help"}, new String[] {"--version"},
        new String[] {"frobnicate"}, new String[] {"--db", "x", "import"})) {
      assertThat(Main.commandLine(args).getSubcommands()).as(String.join(" ", args)).hasSize(all);
    }
  }

  @Test
  void theOneCommandRootPrintsAndExitsAsTheWholeTreeDoes() {
    List<String[]> cases = List.of(
        new String[] {"import"},
        new String[] {"import", "dicom"},
        new String[] {"import", "dicom", "--help"},
        new String[] {"import", "dicom", "/no/such/folder", "--name", "x", "--as", "stacks"},
        new String[] {"inspect", "--no-such-option"},
        new String[] {"datasets", "--help"},
        new String[] {"demo-data"});
    for (String[] args : cases) {
      String what = String.join(" ", args);
      Run whole = run(new CommandLine(new Main()), args);
      Run one = run(Main.commandLine(args), args);
      assertThat(one.exit()).as(what).isEqualTo(whole.exit());
      assertThat(one.out()).as(what).isEqualTo(whole.out());
      assertThat(one.err()).as(what).isEqualTo(whole.err());
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(CommandLine cl, String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
