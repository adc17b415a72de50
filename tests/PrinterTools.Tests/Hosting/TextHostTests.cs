using System;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;
using PrinterTools.Host;
using Xunit;

namespace PrinterTools.Tests.Hosting;

// The host on its own, without a runspace.
public sealed class TextHostTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    [Fact]
    public void WritesGoToTheirWritersWithoutColourOrEscapes()
    {
        var host = new TextHost(_out, _err);

        host.UI.Write(ConsoleColor.Red, ConsoleColor.Black, "\x1b[31mred\x1b[0m ");
        host.UI.WriteLine("\x1b]8;;https://example.invalid\x07link\x1b]8;;\x07");
        host.UI.WriteErrorLine("\x1b[?25lbad");
        host.UI.WriteWarningLine("w");
        host.UI.WriteVerboseLine("v");
        host.UI.WriteDebugLine("d");

        Assert.Equal("red link" + Environment.NewLine, _out.ToString());
        Assert.Equal(
            string.Join(Environment.NewLine, "bad", "WARNING: w", "VERBOSE: v", "DEBUG: d") + Environment.NewLine,
            _err.ToString());
    }

    [Fact]
    public void BufferIsWideByDefault()
    {
        Assert.Equal(160, new TextHost(_out, _err).UI.RawUI.BufferSize.Width);
        Assert.Equal(200, new TextHost(_out, _err, bufferWidth: 200).UI.RawUI.BufferSize.Width);
    }

    [Fact]
    public void SetShouldExitRecordsTheCode()
    {
        var host = new TextHost(_out, _err);
        Assert.False(host.ShouldExit);

        host.SetShouldExit(3);

        Assert.True(host.ShouldExit);
        Assert.Equal(3, host.ExitCode);
        host.ResetShouldExit();
        Assert.Null(host.ExitCode);
    }

    [Fact]
    public void ProgressIsThrottledPerActivityAndCompletedIsSilent()
    {
        var host = new TextHost(_out, _err);
        // A manual clock: the 500 ms throttle is proven at its edge without sleeping.
        var clock = new ManualClock();
        host.TextUI.Clock = clock;

        host.UI.WriteProgress(1, new ProgressRecord(1, "Upload", "a.gcode") { PercentComplete = 10 });
        host.UI.WriteProgress(1, new ProgressRecord(1, "Upload", "a.gcode") { PercentComplete = 20 });
        host.UI.WriteProgress(1, new ProgressRecord(2, "Heat", "bed") { CurrentOperation = "60 C" });
        host.UI.WriteProgress(1, new ProgressRecord(2, "Heat", "bed") { RecordType = ProgressRecordType.Completed });
        // Completed forgot the bar, so a rerun shows at once, on the same tick.
        host.UI.WriteProgress(1, new ProgressRecord(2, "Heat", "bed") { CurrentOperation = "65 C" });
        clock.Advance(TimeSpan.FromMilliseconds(499));
        host.UI.WriteProgress(1, new ProgressRecord(1, "Upload", "a.gcode") { PercentComplete = 30 });
        clock.Advance(TimeSpan.FromMilliseconds(1));
        host.UI.WriteProgress(1, new ProgressRecord(1, "Upload", "a.gcode") { PercentComplete = 90 });

        Assert.Equal(7, host.ProgressRecords.Count);
        Assert.Equal(
            string.Join(Environment.NewLine, "Upload: a.gcode (10%)", "Heat: bed - 60 C", "Heat: bed - 65 C", "Upload: a.gcode (90%)") + Environment.NewLine,
            _err.ToString());
        Assert.Equal(string.Empty, _out.ToString());
    }

    /// <summary>A clock that moves only when told: one tick is 100 ns.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = TimeSpan.TicksPerDay;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    [Fact]
    public void ProgressCanBeHiddenAndNotKept()
    {
        var host = new TextHost(_out, _err);
        host.TextUI.ShowProgress = false;
        host.TextUI.KeepProgressRecords = false;

        host.UI.WriteProgress(1, new ProgressRecord(1, "Upload", "x"));

        Assert.Empty(host.ProgressRecords);
        Assert.Equal(string.Empty, _err.ToString());
    }

    [Fact]
    public void PromptForChoiceWithoutInputThrowsTheNonInteractiveHostError()
    {
        var host = new TextHost(_out, _err);

        var ex = Assert.Throws<HostException>(() => host.UI.PromptForChoice("Confirm", "Delete it?", YesNo(), 0));

        Assert.Equal("HostFunctionNotImplemented", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.NotImplemented, ex.ErrorRecord.CategoryInfo.Category);
        Assert.Contains("Delete it?", ex.Message);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("n", 1)]
    [InlineData("No", 1)]
    [InlineData("maybe\n?\ny", 0)]
    public void PromptForChoiceReadsHotkeysLabelsAndDefault(string typed, int expected)
    {
        var host = new TextHost(_out, _err, new StringReader(typed + "\n"));

        Assert.Equal(expected, host.UI.PromptForChoice("Confirm", "Delete it?", YesNo(), 0));
        Assert.Contains("[Y] Yes  [N] No  [?] Help (default is \"Y\"): ", _err.ToString());
    }

    [Fact]
    public void PromptForChoiceAtEndOfInputThrows()
    {
        var host = new TextHost(_out, _err, new StringReader("what\n"));

        Assert.Throws<HostException>(() => host.UI.PromptForChoice("c", "m", YesNo(), -1));
    }

    [Fact]
    public void ReadLineAndPromptUseTheReader()
    {
        var host = new TextHost(_out, _err, new StringReader("first\nprusa\nsecret\n"));

        Assert.Equal("first", host.UI.ReadLine());
        var answers = host.UI.Prompt(
            "c",
            "m",
            new Collection<FieldDescription>
            {
                new("Name"),
                new FieldDescription("Key").WithType(typeof(System.Security.SecureString)),
            });

        Assert.Equal("prusa", answers["Name"].BaseObject);
        Assert.Equal(6, Assert.IsType<System.Security.SecureString>(answers["Key"].BaseObject).Length);
        Assert.Throws<HostException>(() => host.UI.ReadLine());
    }

    [Fact]
    public void ReadingWithoutInputThrows()
    {
        var host = new TextHost(_out, _err);

        Assert.Throws<HostException>(() => host.UI.ReadLine());
        Assert.Throws<HostException>(() => host.UI.ReadLineAsSecureString());
        Assert.Throws<HostException>(() => host.UI.Prompt("c", "m", new Collection<FieldDescription> { new("Name") }));
    }

    [Fact]
    public void CredentialPromptsAreNotSupported()
    {
        var host = new TextHost(_out, _err, new StringReader("user\n"));

        Assert.Throws<HostException>(() => host.UI.PromptForCredential("c", "m", "u", "t"));
        Assert.Throws<HostException>(() => host.UI.PromptForCredential(
            "c", "m", "u", "t", PSCredentialTypes.Default, PSCredentialUIOptions.None));
    }

    private static Collection<ChoiceDescription> YesNo() =>
        [new ChoiceDescription("&Yes", "Do it"), new ChoiceDescription("&No", "Leave it")];
}

internal static class FieldDescriptionExtensions
{
    public static FieldDescription WithType(this FieldDescription field, Type type)
    {
        field.SetParameterType(type);
        return field;
    }
}
