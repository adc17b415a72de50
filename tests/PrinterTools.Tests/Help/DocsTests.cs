using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PrinterTools.HelpBuilder;
using Xunit;

namespace PrinterTools.Tests.Help;

/// <summary>The shipped markdown in docs/en-US: parsable, complete, and useful.</summary>
public sealed class DocsTests
{
    public static TheoryData<string> CommandFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in HelpTestFiles.DocsFiles.Where(MarkdownHelpReader.IsCommandHelp))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void DocsFolderHasTheCmdletPages()
    {
        var names = HelpTestFiles.DocsFiles.Select(Path.GetFileName).ToList();
        Assert.Contains("Find-Printer.md", names);
        Assert.Contains("Get-PrinterStatus.md", names);
    }

    [Fact]
    public void ReaderParsesEveryMarkdownFile()
    {
        foreach (var file in HelpTestFiles.DocsFiles)
        {
            if (MarkdownHelpReader.IsCommandHelp(file))
            {
                var help = MarkdownHelpReader.Read(file);
                Assert.Equal(Path.GetFileNameWithoutExtension(file), help.Name);
            }
            else
            {
                // Only module pages and about topics may be skipped; a cmdlet page must never be.
                var text = File.ReadAllText(file);
                Assert.DoesNotMatch(@"(?m)^# [A-Za-z]+-[A-Za-z]+\s*$", text);
            }
        }
    }

    [Theory]
    [MemberData(nameof(CommandFiles))]
    public void FrontMatterIsPlatyPsSchema2(string fileName)
    {
        var help = Read(fileName);
        Assert.Equal("PrinterTools.dll-Help.xml", help.ExternalHelpFile);
        Assert.Equal("PrinterTools", help.ModuleName);
        Assert.Equal("2.0.0", help.Metadata["schema"]);
        Assert.True(help.Metadata.ContainsKey("online version"));
    }

    [Theory]
    [MemberData(nameof(CommandFiles))]
    public void EveryPageIsComplete(string fileName)
    {
        var help = Read(fileName);

        Assert.False(string.IsNullOrWhiteSpace(help.Synopsis));
        Assert.False(string.IsNullOrWhiteSpace(help.Description));
        Assert.True(help.SupportsCommonParameters, "CommonParameters entry missing");
        Assert.NotEmpty(help.Syntax);
        Assert.NotEmpty(help.Inputs);
        Assert.NotEmpty(help.Outputs);
        Assert.All(help.Inputs.Concat(help.Outputs), t => Assert.False(string.IsNullOrWhiteSpace(t.Description), t.TypeName));
        Assert.NotEmpty(help.RelatedLinks);

        Assert.True(help.Examples.Count >= 3, $"{help.Name} has {help.Examples.Count} examples; at least 3 expected");
        Assert.All(help.Examples, e =>
        {
            Assert.StartsWith("Example ", e.Title, StringComparison.Ordinal);
            Assert.Equal("powershell", e.CodeBlocks[0].Language);
            Assert.Contains(help.Name, e.Code, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(e.Remarks), e.Title);
        });

        Assert.NotEmpty(help.Parameters);
        Assert.All(help.Parameters, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Type), p.Name);
            Assert.Single(p.Metadata);
        });
    }

    [Theory]
    [MemberData(nameof(CommandFiles))]
    public void NotesExplainTimeoutAndErrors(string fileName)
    {
        var help = Read(fileName);
        Assert.NotNull(help.Notes);
        Assert.Contains("-Timeout", help.Notes, StringComparison.Ordinal);
        Assert.Contains("non-terminating", help.Notes, StringComparison.Ordinal);
        Assert.Contains("-ErrorAction Stop", help.Notes, StringComparison.Ordinal);
        Assert.Contains(help.Parameters, p => p.Name == "Timeout");
    }

    [Fact]
    public void GetPrinterStatusNotesListEveryErrorIdWithItsCategory()
    {
        var notes = Read("Get-PrinterStatus.md").Notes!;
        foreach (var (id, category) in new[]
        {
            ("PrinterUnreachable", "ConnectionError"),
            ("PrinterTimeout", "OperationTimeout"),
            ("PrinterProtocolError", "InvalidData"),
            ("PrinterBusy", "ResourceBusy"),
            ("PrinterAuthenticationFailed", "AuthenticationError"),
            ("PrinterNotSupported", "NotImplemented"),
        })
        {
            Assert.Contains($"{id} ({category})", notes, StringComparison.Ordinal);
        }
        // Status needs no control session: the notes say so, so nobody expects M602 from it.
        Assert.Contains("without taking the control session (M601)", notes, StringComparison.Ordinal);
        Assert.Contains("Ctrl+C", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void GetPrinterStatusDocumentsBothParameterSets()
    {
        var help = Read("Get-PrinterStatus.md");
        Assert.Equal(["Printer", "Address"], help.Syntax.Select(s => s.ParameterSetName));
        Assert.True(help.Syntax[0].IsDefault);
        Assert.Equal(["Printer"], help.Parameters.Single(p => p.Name == "Printer").ParameterSets);
        Assert.Equal(["Address"], help.Parameters.Single(p => p.Name == "Vendor").ParameterSets);
        Assert.Equal("True (ByPropertyName, ByValue)", help.Parameters.Single(p => p.Name == "Address").PipelineInput);
    }

    private static CommandHelp Read(string fileName) =>
        MarkdownHelpReader.Read(Path.Combine(HelpTestFiles.DocsFolder, fileName));
}
