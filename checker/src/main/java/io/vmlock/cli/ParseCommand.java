package io.vmlock.cli;

import io.vmlock.ast.AstDump;
import io.vmlock.ast.ScenarioFile;
import io.vmlock.ir.IrDump;
import io.vmlock.ir.Lowering;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Parse and check a scenario, optionally printing its AST: for debugging the front end. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse and check FILE; with --dump-ast print its syntax tree (imports included), with --dump-ir its lowered control-flow graphs.")
final class ParseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--dump-ast", description = "Print the AST of FILE and of every file it imports.")
    boolean dumpAst;

    @Option(names = "--dump-ir", description = "Print the lowered control-flow graphs (the explorer's input).")
    boolean dumpIr;

    @Parameters(paramLabel = "FILE", description = "The .vmlock file.")
    Path file;

    @Override
    public Integer call() {
        Compilation c = Compilation.of(file, input.loaderOptions());
        spec.commandLine().getErr().print(c.renderedDiagnostics());
        if (!c.ok()) return ExitCodes.INVALID_INPUT;
        if (dumpAst) {
            for (ScenarioFile f : c.program().get().program().files()) {
                spec.commandLine().getOut().print(AstDump.dump(f));
            }
        }
        if (dumpIr) {
            spec.commandLine().getOut().print(IrDump.dump(Lowering.lower(c.program().get())));
        }
        return ExitCodes.CLEAN;
    }
}
