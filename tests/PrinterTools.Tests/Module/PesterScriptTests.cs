using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>
/// The Pester tests in tests/*.Tests.ps1 run on users' machines, not here (no pwsh, no Pester):
/// they must at least parse, and every PrinterTools cmdlet and parameter they use must exist.
/// </summary>
public sealed class PesterScriptTests : IClassFixture<ModuleShapeTests.Session>
{
    private readonly ModuleSession _session;

    public PesterScriptTests(ModuleShapeTests.Session session) => _session = session.Module;

    public static IEnumerable<object[]> Scripts() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tests"), "*.ps1").Select(f => new object[] { Path.GetFileName(f) });

    [Fact]
    public void BuildScript_Parses()
    {
        Parser.ParseFile(Path.Combine(TestPaths.RepoRoot, "build.ps1"), out _, out var errors);

        Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));
    }

    [Fact]
    public void ThereArePesterTestsForEveryExportedCmdlet()
    {
        // A cmdlet has a script of its own, or is called in one that tests it with others (Suspend, Resume and
        // Stop-PrinterJob share one: each acts on the state the one before left).
        var called = Scripts().Select(s => (string)s[0])
            .SelectMany(name => Parser.ParseFile(Path.Combine(TestPaths.RepoRoot, "tests", name), out _, out _)
                .FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().Select(c => c.GetCommandName()))
            .Where(n => n is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in _session.Engine.ModuleInfo!.ExportedCmdlets.Keys)
        {
            Assert.Contains(cmdlet, called);
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_Parses_AndUsesOnlyRealCmdletsAndParameters(string fileName)
    {
        var ast = Parser.ParseFile(Path.Combine(TestPaths.RepoRoot, "tests", fileName), out _, out var errors);
        Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));

        var exported = _session.Engine.ModuleInfo!.ExportedCmdlets;
        var commands = ast.FindAll(a => a is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>().ToList();
        var ours = commands.Where(c => c.GetCommandName() is { } n && n.Contains("-Printer", StringComparison.OrdinalIgnoreCase)).ToList();
        var testedCmdlet = fileName.Replace(".Tests.ps1", "");
        if (exported.ContainsKey(testedCmdlet))
        {
            Assert.Contains(ours, c => string.Equals(c.GetCommandName(), testedCmdlet, StringComparison.OrdinalIgnoreCase));
        }
        foreach (var command in ours)
        {
            var name = command.GetCommandName()!;
            Assert.True(exported.TryGetValue(name, out var cmdlet), $"{fileName}:{command.Extent.StartLineNumber}: {name} is not a PrinterTools cmdlet");
            foreach (var parameter in command.CommandElements.OfType<CommandParameterAst>())
            {
                var matches = cmdlet!.Parameters.Keys.Where(k => k.StartsWith(parameter.ParameterName, StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(matches.Count == 1 || matches.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase),
                    $"{fileName}:{parameter.Extent.StartLineNumber}: {name} has no parameter -{parameter.ParameterName}");
            }
        }
    }
}
