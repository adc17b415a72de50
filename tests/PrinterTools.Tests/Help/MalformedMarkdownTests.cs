using System;
using System.IO;
using System.Linq;
using PrinterTools.HelpBuilder;
using Xunit;

namespace PrinterTools.Tests.Help;

/// <summary>Broken markdown fails with a message that names the file and the line.</summary>
public sealed class MalformedMarkdownTests : IDisposable
{
    private readonly HelpTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SampleIsValid()
    {
        var path = _files.Write("Test-Thing.md", SampleMarkdown.Build());
        var help = MarkdownHelpReader.Read(path);
        Assert.Equal("Test-Thing", help.Name);
        Assert.Equal(["Name", "Force"], help.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void MissingSynopsis()
    {
        var markdown = SampleMarkdown.Build(synopsis: "");
        var error = Fails(markdown);
        Assert.Contains("missing '## SYNOPSIS'", error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(markdown, "# Test-Thing"), error.Line);
    }

    [Fact]
    public void EmptySynopsis()
    {
        var error = Fails(SampleMarkdown.Build(synopsis: "## SYNOPSIS\n\n"));
        Assert.Contains("SYNOPSIS is empty", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterWithoutYaml()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter + "### -Force\nDoes it anyway.\n\n";
        var error = Fails(SampleMarkdown.Build(parameters: parameters));
        Assert.Contains("-Force has no ```yaml block", error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(SampleMarkdown.Build(parameters: parameters), "### -Force"), error.Line);
    }

    [Fact]
    public void YamlLineWithoutColon()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter.Replace("Required: True", "Required True") + SampleMarkdown.ForceParameter;
        var markdown = SampleMarkdown.Build(parameters: parameters);
        var error = Fails(markdown);
        Assert.Contains("invalid YAML", error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(markdown, "Required True"), error.Line);
    }

    [Fact]
    public void YamlUnknownKey()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter.Replace("Aliases: N, Id", "Alias: N") + SampleMarkdown.ForceParameter;
        var markdown = SampleMarkdown.Build(parameters: parameters);
        var error = Fails(markdown);
        Assert.Contains("unknown key 'Alias'", error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(markdown, "Alias: N"), error.Line);
    }

    [Theory]
    [InlineData("Required: True", "Required: yes")]
    [InlineData("Position: 0", "Position: first")]
    [InlineData("Accept pipeline input: True (ByValue)", "Accept pipeline input: sometimes")]
    [InlineData("Type: String\n", "")]
    public void YamlBadValue(string good, string bad)
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter.Replace(good, bad) + SampleMarkdown.ForceParameter;
        var error = Fails(SampleMarkdown.Build(parameters: parameters));
        Assert.Contains("-Name", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeBlockInDescriptionIsRejectedLikePlatyPs()
    {
        var markdown = SampleMarkdown.Build(description: "## DESCRIPTION\nText.\n\n```powershell\nGet-Thing\n```\n\n");
        var error = Fails(markdown);
        Assert.Contains("code block", error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(markdown, "```powershell\nGet-Thing"), error.Line);
    }

    [Fact]
    public void TextAfterExampleRemarks()
    {
        var examples = SampleMarkdown.Examples + "```\noutput\n```\n\n";
        var error = Fails(SampleMarkdown.Build(examples: examples));
        Assert.Contains("Example 1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExampleWithoutCode()
    {
        var error = Fails(SampleMarkdown.Build(examples: "## EXAMPLES\n\n### Example 1\nJust words.\n\n"));
        Assert.Contains("no ``` code block", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedCodeBlock()
    {
        var error = Fails(SampleMarkdown.Build(tail: SampleMarkdown.Tail + "\n```powershell\nGet-Thing\n"));
        Assert.Contains("never closed", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderFailsOnAnUnclosedCodeBlockInsteadOfSkippingThePage()
    {
        _files.Write("Test-Thing.md", SampleMarkdown.Build(tail: SampleMarkdown.Tail + "\n```powershell\nGet-Thing\n"));
        var errors = new StringWriter();

        var exit = HelpBuild.Run([_files.Folder, Path.Combine(_files.Folder, "PrinterTools.dll-Help.xml")], new StringWriter(), errors);

        Assert.Equal(1, exit);
        Assert.Contains("never closed", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterHeadingTooDeep()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter + SampleMarkdown.ForceParameter.Replace("### -Force", "#### -Force");
        var markdown = SampleMarkdown.Build(parameters: parameters);
        var error = Fails(markdown);
        Assert.Contains("level 4", error.Reason, StringComparison.Ordinal);
        Assert.Equal(LineOf(markdown, "#### -Force"), error.Line);
    }

    [Fact]
    public void UnknownSection()
    {
        var error = Fails(SampleMarkdown.Build(tail: SampleMarkdown.Tail + "\n\n## REMARKS\nHm.\n"));
        Assert.Contains("unknown section '## REMARKS'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParameterSetMissingFromSyntax()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter.Replace("Parameter Sets: ByName", "Parameter Sets: ByNaem") + SampleMarkdown.ForceParameter;
        var error = Fails(SampleMarkdown.Build(parameters: parameters));
        Assert.Contains("'ByNaem', which SYNTAX does not list", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LeftoverPlaceholder()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter.Replace("The name.", "{{ Fill Name Description }}") + SampleMarkdown.ForceParameter;
        var error = Fails(SampleMarkdown.Build(parameters: parameters));
        Assert.Contains("placeholder", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnclosedFrontMatter()
    {
        var markdown = SampleMarkdown.Build(frontMatter: SampleMarkdown.FrontMatter.Replace("schema: 2.0.0\n---\n", "schema: 2.0.0\n"));
        var error = Fails(markdown);
        Assert.Contains("no closing '---' line", error.Reason, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void RelatedLinksTakeOnlyLinks()
    {
        var markdown = SampleMarkdown.Build(tail: SampleMarkdown.Tail + "\nSee also the manual.\n");
        var error = Fails(markdown);
        Assert.Contains("found 'See also the manual.'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFrontMatter()
    {
        var error = Fails(SampleMarkdown.Build(frontMatter: null));
        Assert.Contains("front matter", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderExitsWithOneAndAnMsBuildErrorNamingFileAndLine()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.NameParameter + "### -Force\nDoes it anyway.\n\n";
        var markdown = SampleMarkdown.Build(parameters: parameters);
        var path = _files.Write("Test-Thing.md", markdown);
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = HelpBuild.Run([_files.Folder, Path.Combine(_files.Folder, "out", "PrinterTools.dll-Help.xml")], output, errors);

        Assert.Equal(1, exit);
        Assert.Contains($"{path}({LineOf(markdown, "### -Force")}): error PTHELP001: ", errors.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_files.Folder, "out", "PrinterTools.dll-Help.xml")));
    }

    [Fact]
    public void BuilderSkipsModulePageAndAboutTopics()
    {
        _files.Write("Test-Thing.md", SampleMarkdown.Build());
        _files.Write("PrinterTools.md", "---\nModule Name: PrinterTools\nschema: 2.0.0\n---\n\n# PrinterTools Module\n## Description\nThe module.\n");
        _files.Write("about_PrinterTools.md", "# about_PrinterTools\n\n## SHORT DESCRIPTION\nAbout it.\n");
        var target = Path.Combine(_files.Folder, "out", "en-US", "PrinterTools.dll-Help.xml");
        var output = new StringWriter();

        var exit = HelpBuild.Run([_files.Folder, target], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("skipped", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("<command:name>Test-Thing</command:name>", File.ReadAllText(target), StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderRejectsAnotherExternalHelpFile()
    {
        _files.Write("Test-Thing.md", SampleMarkdown.Build(
            frontMatter: SampleMarkdown.FrontMatter.Replace("PrinterTools.dll-Help.xml", "PrinterToolsModule.dll-Help.xml")));
        var errors = new StringWriter();

        var exit = HelpBuild.Run([_files.Folder, Path.Combine(_files.Folder, "PrinterTools.dll-Help.xml")], new StringWriter(), errors);

        Assert.Equal(1, exit);
        Assert.Contains("Test-Thing.md(2): error PTHELP001: 'external help file: PrinterToolsModule.dll-Help.xml'", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BuilderUsage()
    {
        var errors = new StringWriter();
        Assert.Equal(2, HelpBuild.Run(["only-one"], new StringWriter(), errors));
        Assert.Contains("usage", errors.ToString(), StringComparison.Ordinal);
    }

    private HelpFormatException Fails(string markdown)
    {
        var path = _files.Write("Test-Thing.md", markdown);
        var error = Assert.Throws<HelpFormatException>(() => MarkdownHelpReader.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        return error;
    }

    private static int LineOf(string markdown, string text)
    {
        var index = markdown.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' not in the sample");
        return markdown.Substring(0, index).Split('\n').Length;
    }
}
