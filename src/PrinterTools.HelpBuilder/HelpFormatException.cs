using System;

namespace PrinterTools.HelpBuilder;

/// <summary>
/// A markdown help file that does not follow platyPS schema 2.0.0 (or our stricter rules).
/// The message names the file and line so the build log points straight at the problem.
/// </summary>
public sealed class HelpFormatException : Exception
{
    public HelpFormatException(string filePath, int line, string reason)
        : base(line > 0 ? $"{filePath}({line}): {reason}" : $"{filePath}: {reason}")
    {
        FilePath = filePath;
        Line = line;
        Reason = reason;
    }

    public string FilePath { get; }

    /// <summary>1-based line in the file; 0 when the problem is the file as a whole.</summary>
    public int Line { get; }

    /// <summary>The message without the location.</summary>
    public string Reason { get; }

    /// <summary>The MSBuild canonical error form, so IDEs and the build log link to the line.</summary>
    public string ToBuildError() =>
        Line > 0
            ? $"{FilePath}({Line}): error PTHELP001: {Reason}"
            : $"{FilePath}: error PTHELP001: {Reason}";
}
