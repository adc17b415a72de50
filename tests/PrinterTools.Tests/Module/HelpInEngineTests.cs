using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PrinterTools.HelpBuilder;
using Xunit;

namespace PrinterTools.Tests.Module;

/// <summary>
/// The docs match the real cmdlets, and Get-Help -Full in the hosted engine shows them from the
/// MAML the build wrote into out/PrinterTools/en-US.
/// </summary>
public sealed class HelpInEngineTests : IClassFixture<ModuleShapeTests.Session>
{
    private readonly ModuleSession _session;

    public HelpInEngineTests(ModuleShapeTests.Session session) => _session = session.Module;

    /// <summary>CmdletsToExport of the manifest.</summary>
    public static IEnumerable<object[]> ExportedCmdlets()
    {
        var manifest = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "PrinterTools.psd1"));
        var list = System.Text.RegularExpressions.Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        return list.Split(',').Select(n => new object[] { n.Trim().Trim('\'') });
    }

    [Fact]
    public void EveryCmdletOfTheAssembly_IsExported()
    {
        var inAssembly = _session.Engine.ModuleInfo!.ImplementingAssembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().SingleOrDefault())
            .Where(a => a is not null).Select(a => $"{a!.VerbName}-{a.NounName}");
        Assert.Equal(inAssembly.OrderBy(n => n), ExportedCmdlets().Select(c => (string)c[0]).OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Docs_DescribeEveryParameter_AsTheCmdletDeclaresIt(string name)
    {
        var doc = MarkdownHelpReader.Read(Path.Combine(TestPaths.RepoRoot, "docs", "en-US", name + ".md"));
        var command = _session.Run($"Get-Command {name}").Objects<CmdletInfo>().Single();
        // platyPS documents -WhatIf and -Confirm of ShouldProcess cmdlets like their own parameters.
        var declared = command.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name) && p.Name != "UseTransaction").ToList();

        Assert.Equal(declared.Select(p => p.Name).OrderBy(n => n), doc.Parameters.Select(p => p.Name).OrderBy(n => n));
        foreach (var parameter in declared)
        {
            var documented = doc.Parameters.Single(p => p.Name == parameter.Name);
            Assert.False(string.IsNullOrWhiteSpace(documented.Description));
            foreach (var (setName, set) in parameter.ParameterSets)
            {
                // platyPS writes one yaml block per set where the attributes differ, else "(All)".
                var meta = documented.Metadata.FirstOrDefault(m => m.ParameterSets.Contains(setName)) ?? documented.Metadata.First();
                Assert.True(set.IsMandatory == meta.Required, $"{name} -{parameter.Name} ({setName}): Required");
                Assert.True(string.Equals(set.Position < 0 ? "named" : set.Position.ToString(), meta.Position, StringComparison.OrdinalIgnoreCase), $"{name} -{parameter.Name} ({setName}): Position {set.Position} vs {meta.Position}");
                Assert.True(set.ValueFromPipeline == meta.PipelineInput.Contains("ByValue", StringComparison.Ordinal), $"{name} -{parameter.Name} ({setName}): ByValue");
                Assert.True(set.ValueFromPipelineByPropertyName == meta.PipelineInput.Contains("ByPropertyName", StringComparison.Ordinal), $"{name} -{parameter.Name} ({setName}): ByPropertyName");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void GetHelpFull_ShowsSynopsisDescriptionEveryParameterAndTheExamples(string name)
    {
        var doc = MarkdownHelpReader.Read(Path.Combine(TestPaths.RepoRoot, "docs", "en-US", name + ".md"));

        var help = _session.Run($"Get-Help {name} -Full");
        help.AssertNoErrors();
        var info = Assert.Single(help.Output);
        Assert.Equal(doc.Synopsis, info.Properties["Synopsis"].Value?.ToString()?.Trim());
        Assert.True(doc.Examples.Count >= 2, "at least two examples");

        string text;
        lock (_session)
        {
            _session.Out.GetStringBuilder().Clear();
            _session.Run($"Get-Help {name} -Full | Out-Default").AssertNoErrors();
            text = _session.Out.ToString();
        }
        Assert.Contains(doc.Synopsis, text);
        Assert.Contains(doc.Description!.Split('\n')[0].Trim().Substring(0, 40), text);
        foreach (var parameter in doc.Parameters)
        {
            Assert.Contains("-" + parameter.Name, text);
        }
        foreach (var example in doc.Examples)
        {
            Assert.Contains(example.CodeBlocks[0].Text.Split('\n')[0].Trim(), text);
        }
    }
}
