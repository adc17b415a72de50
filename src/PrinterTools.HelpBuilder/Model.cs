using System;
using System.Collections.Generic;
using System.Linq;

namespace PrinterTools.HelpBuilder;

// The help of one cmdlet as read from a platyPS schema 2.0.0 markdown file.
// Text values keep platyPS's model form: paragraphs separated by "\r\n", each one becoming
// one <maml:para>. Null means "section absent", which MAML renders differently from empty.

/// <summary>The help of one cmdlet, read from its markdown file.</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }

    /// <summary>The markdown file it was read from (for messages).</summary>
    public string SourcePath { get; init; } = "";

    /// <summary>The YAML front matter (keys compared case-insensitively, as platyPS does).</summary>
    public IReadOnlyDictionary<string, string?> Metadata { get; init; } =
        new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    public string? ExternalHelpFile => MetadataValue("external help file");

    public string? OnlineVersion => MetadataValue("online version");

    public string? ModuleName => MetadataValue("Module Name");

    public string Synopsis { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>The SYNTAX section. platyPS ignores its code when writing MAML; the syntax is built from the parameters.</summary>
    public IReadOnlyList<SyntaxHelp> Syntax { get; init; } = [];

    public IReadOnlyList<ExampleHelp> Examples { get; init; } = [];

    /// <summary>In markdown order, without CommonParameters.</summary>
    public IReadOnlyList<ParameterHelp> Parameters { get; init; } = [];

    /// <summary>True when the markdown has a "### CommonParameters" entry.</summary>
    public bool SupportsCommonParameters { get; init; }

    public IReadOnlyList<TypeHelp> Inputs { get; init; } = [];

    public IReadOnlyList<TypeHelp> Outputs { get; init; } = [];

    public string? Notes { get; init; }

    public IReadOnlyList<RelatedLink> RelatedLinks { get; init; } = [];

    private string? MetadataValue(string key) => Metadata.TryGetValue(key, out var value) ? value : null;

    public override string ToString() => Name;
}

/// <summary>One "### SetName (Default)" entry of the SYNTAX section.</summary>
public sealed record SyntaxHelp(string? ParameterSetName, bool IsDefault, string Code);

/// <summary>A fenced code block: its language moniker ("" when none) and its trimmed text.</summary>
public sealed record CodeBlock(string Language, string Text);

public sealed class ExampleHelp
{
    public required string Title { get; init; }

    /// <summary>Text between the title and the code. Kept in the model, but New-ExternalHelp does not write it to MAML.</summary>
    public string Introduction { get; init; } = "";

    public IReadOnlyList<CodeBlock> CodeBlocks { get; init; } = [];

    /// <summary>The code as MAML shows it: the blocks joined by a blank line.</summary>
    public string Code => string.Join("\r\n\r\n", CodeBlocks.Select(b => b.Text));

    public string Remarks { get; init; } = "";
}

/// <summary>
/// One parameter. Its metadata is a list because platyPS writes one YAML block per distinct
/// metadata (a parameter mandatory in one set and optional in another has two); the
/// convenience properties show the first block, which is what the MAML parameters section uses.
/// </summary>
public sealed class ParameterHelp
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    public required IReadOnlyList<ParameterMetadata> Metadata { get; init; }

    /// <summary>1-based line of the "### -Name" heading.</summary>
    public int Line { get; init; }

    public string? Type => Metadata[0].Type;
    public IReadOnlyList<string> ParameterSets => Metadata[0].ParameterSets;
    public IReadOnlyList<string> Aliases => Metadata[0].Aliases;
    public IReadOnlyList<string> AcceptedValues => Metadata[0].AcceptedValues;
    public bool Required => Metadata[0].Required;
    public string Position => Metadata[0].Position;
    public string? DefaultValue => Metadata[0].DefaultValue;
    public string PipelineInput => Metadata[0].PipelineInput;
    public bool Globbing => Metadata[0].Globbing;

    public bool IsSwitch => Metadata[0].IsSwitch;

    public override string ToString() => "-" + Name;
}

/// <summary>The values of one ```yaml block under a parameter. Absent keys get platyPS's defaults.</summary>
public sealed record ParameterMetadata
{
    /// <summary>The moniker platyPS uses for "every parameter set".</summary>
    public const string AllParameterSets = "(All)";

    public string? Type { get; init; }

    /// <summary>Set names; ["(All)"] when the parameter is in every set.</summary>
    public IReadOnlyList<string> ParameterSets { get; init; } = [AllParameterSets];

    public IReadOnlyList<string> Aliases { get; init; } = [];

    public IReadOnlyList<string> AcceptedValues { get; init; } = [];

    public bool Required { get; init; }

    /// <summary>"Named" or a number, as written in the markdown.</summary>
    public string Position { get; init; } = "named";

    public string? DefaultValue { get; init; }

    /// <summary>As written, for example "False" or "True (ByPropertyName, ByValue)".</summary>
    public string PipelineInput { get; init; } = "false";

    public bool Globbing { get; init; }

    public IReadOnlyList<string>? Applicable { get; init; }

    public bool IsSwitch =>
        Type is not null
        && (Type.Equals("switch", StringComparison.OrdinalIgnoreCase)
            || Type.Equals("SwitchParameter", StringComparison.OrdinalIgnoreCase)
            || Type.Equals("System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase));

    public bool InAllParameterSets => ParameterSets.Count == 1 && ParameterSets[0] == AllParameterSets;
}

/// <summary>An INPUTS or OUTPUTS entry.</summary>
public sealed record TypeHelp(string TypeName, string Description);

/// <summary>A RELATED LINKS entry; Uri is as written (may be relative, e.g. "Find-Printer.md").</summary>
public sealed record RelatedLink(string Text, string Uri);
