namespace PrinterTools;

/// <summary>A printer's reply to one G-code line.</summary>
public sealed class PrinterGcodeReply
{
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    /// <summary>The line as sent, without the "~" prefix.</summary>
    public string Command { get; init; } = "";
    /// <summary>The reply's data lines (between the echo and "ok"), joined by newlines.</summary>
    public string Response { get; init; } = "";
    /// <summary>True when the reply ended in "ok".</summary>
    public bool Succeeded { get; init; }

    public override string ToString() => $"{Command}: {Response}";
}
