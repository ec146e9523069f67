package io.vmlock.cli;

import io.vmlock.ast.AstDump;
import io.vmlock.ast.ScenarioFile;
import io.vmlock.ir.IrDump;
import io.vmlock.pipeline.Compilation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Parse and check a scenario, optionally printing its AST: for debugging the front end. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse and check FILE; with --dump-ast print its syntax tree (imports included), with --dump-ir its lowered control-flow graphs.")
final class ParseCommand extends FileCommand {
    @Option(names = "--dump-ast", description = "Print the AST of FILE and of every file it imports.")
    boolean dumpAst;

    @Option(names = "--dump-ir", description = "Print the lowered control-flow graphs (the explorer's input).")
    boolean dumpIr;

    @Override
    int run(Compilation compiled) {
        if (dumpAst) {
            for (ScenarioFile f : compiled.program().orElseThrow().program().files()) out().print(AstDump.dump(f));
        }
        if (dumpIr) out().print(IrDump.dump(compiled.lower().orElseThrow()));
        return ExitCodes.CLEAN;
    }
}
