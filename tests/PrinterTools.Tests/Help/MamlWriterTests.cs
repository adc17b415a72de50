using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using PrinterTools.HelpBuilder;
using Xunit;

namespace PrinterTools.Tests.Help;

/// <summary>The MAML written from the shipped docs, and the platyPS rules the writer follows.</summary>
public sealed class MamlWriterTests
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    [Fact]
    public void DocsMamlIsWellFormedWithOneCommandPerMarkdownFile()
    {
        var commands = HelpBuild.ReadFolder(HelpTestFiles.DocsFolder, "PrinterTools.dll-Help.xml");
        var xml = Parse(commands);

        Assert.Equal(Msh + "helpItems", xml.Root!.Name);
        Assert.Equal("maml", (string?)xml.Root.Attribute("schema"));
        var files = HelpTestFiles.DocsFiles.Where(MarkdownHelpReader.IsCommandHelp)
            .Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(files, xml.Root.Elements(Command + "command").Select(CommandName));
    }

    [Fact]
    public void EachCommandHasSynopsisExamplesAndEveryParameter()
    {
        var commands = HelpBuild.ReadFolder(HelpTestFiles.DocsFolder);
        var xml = Parse(commands);

        foreach (var help in commands)
        {
            var command = xml.Root!.Elements(Command + "command").Single(c => CommandName(c) == help.Name);
            var details = command.Element(Command + "details")!;
            Assert.Equal(help.Name.Split('-')[0], details.Element(Command + "verb")!.Value);
            Assert.Equal(help.Name.Split('-')[1], details.Element(Command + "noun")!.Value);
            Assert.Equal(help.Synopsis, details.Element(Maml + "description")!.Element(Maml + "para")!.Value);
            Assert.NotEmpty(command.Element(Maml + "description")!.Elements(Maml + "para"));

            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.Equal(help.Examples.Count, examples.Count);
            Assert.NotEmpty(examples);
            Assert.All(examples, e =>
            {
                Assert.Contains("Example", e.Element(Maml + "title")!.Value, StringComparison.Ordinal);
                Assert.False(string.IsNullOrWhiteSpace(e.Element(Dev + "code")!.Value));
                Assert.NotEmpty(e.Element(Dev + "remarks")!.Elements(Maml + "para"));
            });

            var parameters = command.Element(Command + "parameters")!.Elements(Command + "parameter").ToList();
            Assert.Equal(help.Parameters.Select(p => p.Name), parameters.Select(p => p.Element(Maml + "name")!.Value));
            foreach (var (parameter, element) in help.Parameters.Zip(parameters))
            {
                Assert.Equal(parameter.Required ? "true" : "false", (string?)element.Attribute("required"));
                Assert.Equal(parameter.Position.ToLowerInvariant(), (string?)element.Attribute("position"));
                Assert.Equal(parameter.PipelineInput, (string?)element.Attribute("pipelineInput"));
                Assert.Equal(parameter.Type, element.Element(Dev + "type")!.Element(Maml + "name")!.Value);
                Assert.Equal(parameter.Type, element.Element(Command + "parameterValue")!.Value);
                Assert.Contains(element.Element(Maml + "description")!.Elements(Maml + "para"), p => p.Value.Length > 0);
            }

            Assert.NotEmpty(command.Element(Maml + "alertSet")!.Element(Maml + "alert")!.Elements(Maml + "para"));
            Assert.NotEmpty(command.Element(Command + "inputTypes")!.Elements(Command + "inputType"));
            Assert.NotEmpty(command.Element(Command + "returnValues")!.Elements(Command + "returnValue"));
            Assert.NotEmpty(command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink"));
        }
    }

    [Fact]
    public void GetPrinterStatusHasOneSyntaxItemPerParameterSet()
    {
        var help = HelpBuild.ReadFolder(HelpTestFiles.DocsFolder).Single(c => c.Name == "Get-PrinterStatus");
        var items = Parse([help]).Descendants(Command + "syntaxItem").ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal(["Printer", "Credential", "AccessCode", "Timeout", "ThrottleLimit"], SyntaxNames(items[0]));
        Assert.Equal(["Address", "Vendor", "Credential", "AccessCode", "Timeout", "ThrottleLimit"], SyntaxNames(items[1]));
        var vendor = items[1].Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Vendor");
        Assert.Equal(["FlashForge", "Elegoo", "Creality"],
            vendor.Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(v => v.Value));
    }

    [Fact]
    public void OutputIsSortedAndDeterministic()
    {
        var commands = HelpBuild.ReadFolder(HelpTestFiles.DocsFolder);
        var forward = MamlWriter.ToText(commands);
        var backward = MamlWriter.ToText(commands.Reverse());

        Assert.Equal(forward, backward);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<helpItems schema=\"maml\" xmlns=\"http://msh\">\r\n", forward, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", forward.Replace("\r\n", ""), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFileCreatesTheFolderAndWritesUtf8WithBom()
    {
        using var files = new HelpTestFiles();
        var target = Path.Combine(files.Folder, "out", "PrinterTools", "en-US", "PrinterTools.dll-Help.xml");
        var commands = HelpBuild.ReadFolder(HelpTestFiles.DocsFolder);

        MamlWriter.WriteFile(commands, target);

        var bytes = File.ReadAllBytes(target);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        Assert.Equal(MamlWriter.ToText(commands), new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void BuiltModuleHelpMatchesTheDocs()
    {
        // The HelpBuilder project writes this file after it builds (and the test project builds it).
        var built = Path.Combine(HelpTestFiles.RepoRoot, "out", "PrinterTools", "en-US", "PrinterTools.dll-Help.xml");
        Assert.True(File.Exists(built), $"{built} was not generated by the build");
        var expected = MamlWriter.ToText(HelpBuild.ReadFolder(HelpTestFiles.DocsFolder));
        Assert.Equal(expected, File.ReadAllText(built));
    }

    [Fact]
    public void WriterFollowsPlatyPsRules()
    {
        var help = MarkdownHelpReader.Parse(SampleMarkdown.Build(), "Test-Thing.md");
        var command = Parse([help]).Root!.Element(Command + "command")!;

        // Paragraph lines are joined; paragraphs become one maml:para each.
        Assert.Equal(["First paragraph, second line of it.", "Second paragraph."],
            command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));

        // A switch has no value in syntax and defaults to False; aliases are listed.
        var syntax = command.Element(Command + "syntax")!.Element(Command + "syntaxItem")!;
        var force = syntax.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Force");
        Assert.Null(force.Element(Command + "parameterValue"));
        Assert.Equal("False", force.Element(Dev + "defaultValue")!.Value);
        var name = syntax.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == "Name");
        Assert.Equal("N, Id", (string?)name.Attribute("aliases"));
        Assert.Equal("true", (string?)name.Attribute("variableLength"));

        // In the parameters section the switch has its value element (required="false").
        var parameterForce = command.Element(Command + "parameters")!.Elements(Command + "parameter").Last();
        Assert.Equal("false", (string?)parameterForce.Element(Command + "parameterValue")!.Attribute("required"));
        Assert.Equal("none", (string?)parameterForce.Attribute("aliases"));

        // Example titles are padded with dashes to 64 characters, like built-in help.
        Assert.Equal("-------------------------- Example 1 --------------------------",
            command.Descendants(Command + "example").Single().Element(Maml + "title")!.Value);

        // A relative link keeps its text but not its uri, which Get-Help would reject.
        var link = command.Element(Command + "relatedLinks")!.Element(Maml + "navigationLink")!;
        Assert.Equal("Find-Printer", link.Element(Maml + "linkText")!.Value);
        Assert.Equal("", link.Element(Maml + "uri")!.Value);
    }

    [Fact]
    public void OnlineVersionBecomesTheFirstRelatedLink()
    {
        var markdown = SampleMarkdown.Build(
            frontMatter: SampleMarkdown.FrontMatter.Replace("online version:", "online version: https://example.org/test-thing"));
        var command = Parse([MarkdownHelpReader.Parse(markdown, "Test-Thing.md")]).Root!.Element(Command + "command")!;

        var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink").ToList();
        Assert.Equal("Online Version:", links[0].Element(Maml + "linkText")!.Value);
        Assert.Equal("https://example.org/test-thing", links[0].Element(Maml + "uri")!.Value);
        Assert.Equal(2, links.Count);
    }

    [Fact]
    public void ParametersInAllSetsJoinEveryNamedSetOrderedByPosition()
    {
        var parameters = "## PARAMETERS\n\n" + SampleMarkdown.ForceParameter + SampleMarkdown.NameParameter + """
            ### -Path
            A path.

            ```yaml
            Type: String
            Parameter Sets: ByPath
            Aliases:
            Accepted values: a, b

            Required: True
            Position: 0
            Default value: None
            Accept pipeline input: False
            Accept wildcard characters: True
            ```

            """;
        var syntax = SampleMarkdown.Syntax + "### ByPath\n```\nTest-Thing [-Path] <String> [-Force]\n```\n\n";
        var help = MarkdownHelpReader.Parse(SampleMarkdown.Build(syntax: syntax, parameters: parameters), "Test-Thing.md");
        var items = Parse([help]).Descendants(Command + "syntaxItem").ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal(["Name", "Force"], SyntaxNames(items[0]));
        Assert.Equal(["Path", "Force"], SyntaxNames(items[1]));
        var path = items[1].Elements(Command + "parameter").First();
        Assert.Equal("true", (string?)path.Attribute("globbing"));
        Assert.Equal(["a", "b"], path.Element(Command + "parameterValueGroup")!.Elements().Select(v => v.Value));
        // Accepted values appear only in syntax, as platyPS writes them.
        Assert.Null(Parse([help]).Root!.Descendants(Command + "parameters").Single().Descendants(Command + "parameterValueGroup").FirstOrDefault());
    }

    [Fact]
    public void ListsKeepTheirLinesAndAbsentSectionsAreEmpty()
    {
        var markdown = SampleMarkdown.Build(
            description: "## DESCRIPTION\nItems:\n\n- one\n- two\n\nAfter the list.\n\n",
            tail: SampleMarkdown.Tail.Replace("## NOTES\nA note.\n\n", ""));
        var command = Parse([MarkdownHelpReader.Parse(markdown, "Test-Thing.md")]).Root!.Element(Command + "command")!;

        Assert.Equal(["Items:", "- one", "- two", "", "After the list."],
            command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value));
        Assert.True(command.Element(Maml + "alertSet")!.Element(Maml + "alert")!.IsEmpty);
    }

    [Fact]
    public void InlineMarkupIsFlattenedLikePlatyPs()
    {
        var markdown = SampleMarkdown.Build(description:
            "## DESCRIPTION\nUse **-Force** to `skip` it,\nsee \\*why\\* in [the docs](https://example.org/docs).\n\n" +
            "1. first\n2. second\n\n");
        var help = MarkdownHelpReader.Parse(markdown, "Test-Thing.md");

        // Bold and links are set apart by spaces, a link's address follows it; code keeps its
        // backticks, escapes are resolved, and each item of a list is a line of its own.
        Assert.Equal("Use -Force to `skip` it, see *why* in the docs (https://example.org/docs).\r\n1. first\r\n2. second", help.Description);
    }

    private static XDocument Parse(IEnumerable<CommandHelp> commands) => XDocument.Parse(MamlWriter.ToText(commands));

    private static string CommandName(XElement command) =>
        command.Element(Command + "details")!.Element(Command + "name")!.Value;

    private static IEnumerable<string> SyntaxNames(XElement syntaxItem) =>
        syntaxItem.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value);
}
