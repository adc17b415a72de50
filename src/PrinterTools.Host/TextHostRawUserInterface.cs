using System;
using System.Management.Automation.Host;

namespace PrinterTools.Host;

/// <summary>
/// A fixed-size virtual screen: the formatter asks for BufferSize.Width to lay out tables;
/// nothing else about a real console exists.
/// </summary>
public sealed class TextHostRawUserInterface : PSHostRawUserInterface
{
    private Size _bufferSize;
    private Size _windowSize;

    internal TextHostRawUserInterface(int width)
    {
        // Tall buffer: nothing scrolls, and the formatter never pages output.
        _bufferSize = new Size(width, 9999);
        _windowSize = new Size(width, 50);
    }

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override Size BufferSize
    {
        get => _bufferSize;
        set => _bufferSize = value;
    }

    public override Coordinates CursorPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override bool KeyAvailable => false;

    public override Size MaxPhysicalWindowSize => _windowSize;

    public override Size MaxWindowSize => _windowSize;

    public override Coordinates WindowPosition { get; set; }

    public override Size WindowSize
    {
        get => _windowSize;
        set => _windowSize = value;
    }

    public override string WindowTitle { get; set; } = "PrinterTools";

    public override void FlushInputBuffer()
    {
    }

    // Text output has no screen to read back or edit: say so instead of returning blanks.
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw new NotSupportedException("PrinterTools.Host writes plain text and has no screen buffer.");

    public override KeyInfo ReadKey(ReadKeyOptions options) =>
        throw new NotSupportedException("PrinterTools.Host cannot read single keys; it reads whole lines.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
    {
    }

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
    {
    }

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
    }
}
