using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using PrinterTools.Simulator;
using PrinterTools.Tests.Simulator;
using Xunit;
using static PrinterTools.Tests.Module.FarmFixture;

namespace PrinterTools.Tests.Module;

/// <summary>Printers that misbehave in the ways the hardening issue found, on 127.R.76.x.</summary>
public sealed class HardeningFarmFixture : FarmFixture
{
    public const string Stored = "stored.gx";

    // ESC ] 0 ; title BEL sets the window title, ESC [ 2 J clears the screen, U+202E reverses text.
    public const string HostileName = "Bay\u001b]0;owned\u0007 1\u001b[2J\u202e";
    public const string HostileFile = "job\u001b[31m\u0008.gx";

    public HardeningFarmFixture() : base(new[]
    {
        Printer($"{TestNet.Block}.76.10", FlashForgeModel.Adventurer4, o => { o.Fault = FlashForgeFault.RefuseControl; o.StoredFiles = new[] { Stored }; }),
        Printer($"{TestNet.Block}.76.11", FlashForgeModel.Adventurer4, o => { o.Latency = TimeSpan.FromSeconds(1); o.StoredFiles = new[] { Stored }; }),
        Printer($"{TestNet.Block}.76.12", FlashForgeModel.Adventurer4, o => o.Fault = FlashForgeFault.Silent),
        Printer($"{TestNet.Block}.76.13", FlashForgeModel.Adventurer4, o => { o.Latency = TimeSpan.FromSeconds(0.7); o.StoredFiles = new[] { Stored }; }),
        Printer($"{TestNet.Block}.76.14", FlashForgeModel.Adventurer4, o => o.Latency = TimeSpan.FromSeconds(0.35)),
        Printer($"{TestNet.Block}.76.15", FlashForgeModel.Adventurer4),
        Printer($"{TestNet.Block}.76.16", FlashForgeModel.Adventurer4, o =>
        {
            o.Name = HostileName;
            o.SerialNumber = "SN\u001b[1mA4\u0085";
            o.State = VirtualJobState.Printing;
            o.CurrentFile = HostileFile;
            o.StoredFiles = new[] { "plain.gx" };
        }),
        Printer($"{TestNet.Block}.76.17", FlashForgeModel.Adventurer5MPro, o =>
        {
            o.Name = HostileName;
            o.State = VirtualJobState.Printing;
            o.CurrentFile = HostileFile;
        }),
        Printer($"{TestNet.Block}.76.18", FlashForgeModel.Adventurer4, o => o.AnswerDiscovery = false),
        Printer($"{TestNet.Block}.76.19", FlashForgeModel.Adventurer4, o => o.Latency = TimeSpan.FromSeconds(2)),
        Printer($"{TestNet.Block}.76.20", FlashForgeModel.Adventurer4, o => o.Latency = TimeSpan.FromSeconds(1.5)),
        Printer($"{TestNet.Block}.76.21", FlashForgeModel.Adventurer4, o => o.FreeSpaceBytes = 1024),
    })
    {
    }

    public string Address(int last) => $"{TestNet.Block}.76.{last}";
}

/// <summary>Each defect of the hardening issue, through the hosted engine against a virtual printer.</summary>
public sealed class HardeningTests : IClassFixture<HardeningFarmFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);
    private readonly HardeningFarmFixture _farm;

    public HardeningTests(HardeningFarmFixture farm) => _farm = farm;

    [Fact]
    public void AnErrorThatEndsTheCommand_StopsTheWorkersOfTheOtherPrinters()
    {
        // .10 refuses control at once; .11 answers each command a second late and is still
        // working when .10's error ends the command.
        var slow = _farm.At(_farm.Address(11));
        slow.ResetCounters();

        var result = _farm.Session.Run(
            $"'{_farm.Address(10)}', '{_farm.Address(11)}' | Start-PrinterJob -Vendor FlashForge -FileName '{HardeningFarmFixture.Stored}' -ErrorAction Stop");

        Assert.IsType<ActionPreferenceStopException>(result.Terminating);
        Assert.True(SpinWait.SpinUntil(() => slow.OpenConnections == 0, Guard), "the slow printer's connection stayed open");
        Assert.Equal(0, slow.JobsStarted);
        Assert.DoesNotContain("M23", slow.ReceivedCommands);
        // What it held was still released.
        Assert.False(slow.ControlHeld);
    }

    [Fact]
    public void ASilentPrinter_FailsWithinItsTimeout_BeforeAPrinterThatAnswersJustOverIt()
    {
        // -Timeout 3: the silent .12 must fail (3 s, and 0.5 s for the release) before .13 ends
        // its six round trips of 0.7 s (4.2 s); with the release's answer awaited 2 s, it failed at 5 s.
        var result = _farm.Session.Run(
            $"'{_farm.Address(12)}', '{_farm.Address(13)}' | Start-PrinterJob -Vendor FlashForge -FileName '{HardeningFarmFixture.Stored}' -Timeout 3 2>&1 | " +
            "ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error ' + $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $_.Exception.Message } else { 'job ' + $_.Address } }");

        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.True(lines.Count == 2 && lines[0].StartsWith("error PrinterTimeout", StringComparison.Ordinal) && lines[1] == $"job {_farm.Address(13)}",
            string.Join("\n", lines));
        Assert.True(SpinWait.SpinUntil(() => !_farm.At(_farm.Address(12)).ControlHeld && _farm.At(_farm.Address(12)).OpenConnections == 0, Guard));
    }

    [Fact]
    public void TimeoutBoundsTheWholeStatusRead_NotEachCommandOfIt()
    {
        // .14 answers each of the four status commands in 0.35 s: every single answer is within
        // -Timeout 1, the whole read (1.4 s) is not.
        var tight = _farm.Session.Run($"Get-PrinterStatus -Address {_farm.Address(14)} -Vendor FlashForge -Timeout 1");
        var loose = _farm.Session.Run($"Get-PrinterStatus -Address {_farm.Address(14)} -Vendor FlashForge -Timeout 5");

        Assert.Equal(new[] { "PrinterTimeout" }, tight.ErrorIds);
        Assert.Contains("within 1 s", tight.Errors[0].Exception.Message);
        loose.AssertNoErrors();
        Assert.Single(loose.Objects<PrinterStatus>());
    }

    [Fact]
    public void AfterALineTimesOut_NoFurtherLineIsSent_AndTheErrorSaysWhichLineFailed()
    {
        var printer = _farm.At(_farm.Address(15));
        printer.ResetCounters();
        try
        {
            var result = _farm.Session.Run(
                "& { 'M115'; $printer.Options.Latency = [TimeSpan]::FromSeconds(3); 'G28'; 'G1 X10 Y10'; 'M104 S200' } | " +
                $"Send-PrinterGcode -Address {_farm.Address(15)} -Vendor FlashForge -Timeout 1 -Force",
                new() { ["printer"] = printer });

            Assert.Equal(new[] { "M115" }, result.Objects<PrinterGcodeReply>().Select(r => r.Command));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("PrinterTimeout", error.FullyQualifiedErrorId);
            Assert.Contains("Line 2 ('G28') failed after 1 answered line(s)", error.Exception.Message);
            Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, Guard));
            Assert.Equal(new[] { "M601", "M115", "G28", "M602" }, Codes(printer));
        }
        finally
        {
            printer.Options.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public void ALineThePrinterRefuses_EndsThatPrintersShareOfThePipeline()
    {
        var printer = _farm.At(_farm.Address(15));
        printer.ResetCounters();

        // M23 of a missing file is answered "Error: File not exists" with ok; the G28 after it must not go.
        var result = _farm.Session.Run($"Send-PrinterGcode -Address {_farm.Address(15)} -Vendor FlashForge -Gcode 'M23 0:/user/missing.gx', 'G28' -Force");

        var reply = Assert.Single(result.Objects<PrinterGcodeReply>());
        Assert.False(reply.Succeeded);
        Assert.Equal(new[] { "PrinterCommandRefused" }, result.ErrorIds);
        Assert.Contains("Line 1 ('M23 0:/user/missing.gx') failed after 0 answered line(s)", result.Errors[0].Exception.Message);
        Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, Guard));
        Assert.Equal(new[] { "M601", "M23", "M602" }, Codes(printer));
    }

    [Fact]
    public void StatusIsRead_WhileAnotherProgramHoldsControl_AndOnlyControlGivesPrinterBusy()
    {
        var printer = _farm.At(_farm.Address(10)); // "Control failed." to every M601
        printer.ResetCounters();

        var status = _farm.Session.Run($"Get-PrinterStatus -Address {_farm.Address(10)} -Vendor FlashForge");
        var job = _farm.Session.Run($"Start-PrinterJob -Address {_farm.Address(10)} -Vendor FlashForge -FileName '{HardeningFarmFixture.Stored}'");

        status.AssertNoErrors();
        Assert.Equal(PrinterState.Idle, Assert.Single(status.Objects<PrinterStatus>()).State);
        Assert.Equal(new[] { "PrinterBusy" }, job.ErrorIds);
        // The status read asked nothing of the control session (and no M27 of an idle printer).
        Assert.Equal(new[] { "M115", "M119", "M105" }, printer.ReceivedCommands.Take(3));
    }

    [Fact]
    public void AnUploadThePrinterRefuses_SendsNoByteOfTheFile()
    {
        var printer = _farm.At(_farm.Address(21)); // 1 KB free: M28 is answered with an error
        printer.ResetCounters();
        var folder = System.IO.Directory.CreateTempSubdirectory("printertools-refused-").FullName;
        var path = System.IO.Path.Combine(folder, "cube.gx");
        // G-code text: sent after a refused M28, the console would read it as commands.
        System.IO.File.WriteAllText(path, string.Concat(Enumerable.Repeat("G1 X10 Y10 F3000\nG1 X20 Y20\n", 400)));

        var result = _farm.Session.Run($"Start-PrinterJob -Address {_farm.Address(21)} -Vendor FlashForge -Path '{path}'");

        Assert.Equal(new[] { "PrinterStorageFull" }, result.ErrorIds);
        Assert.Contains("Nothing of the file was sent", result.Errors[0].Exception.Message);
        Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, Guard));
        Assert.Equal(new[] { "M601", "M115", "M119", "M28", "M602" }, Codes(printer));
        Assert.Equal(0, printer.BytesReceived);
    }

    [Fact]
    public void NoStringFromAPrinter_CarriesAControlCharacter_IntoOutputErrorsOrCompletion()
    {
        var a4 = _farm.Address(16);
        var pro = _farm.At(_farm.Address(17));
        var result = _farm.Session.Run(
            $"Find-Printer -Address {a4}, {_farm.Address(17)} -Timeout 2; " +
            $"Get-PrinterStatus -Address {a4} -Vendor FlashForge; " +
            $"Get-PrinterStatus -Address {_farm.Address(17)} -Vendor FlashForge -Credential $cred; " +
            $"Send-PrinterGcode -Address {a4} -Vendor FlashForge -Gcode 'M115', 'M119' -Force; " +
            $"Start-PrinterJob -Address {a4} -Vendor FlashForge -FileName 'plain.gx'",
            new() { ["cred"] = new PSCredential(pro.Options.SerialNumber, ModuleSession.Secure(pro.Options.CheckCode)) });

        Assert.Equal(2, result.Objects<PrinterInfo>().Count());
        Assert.Equal(2, result.Objects<PrinterStatus>().Count());
        Assert.Equal(2, result.Objects<PrinterGcodeReply>().Count());
        Assert.Equal(new[] { "PrinterBusy" }, result.ErrorIds); // it is printing the hostile file
        var texts = result.Output.SelectMany(o => StringsOf(o.BaseObject))
            .Concat(result.Errors.Select(e => e.Exception.Message))
            .ToList();
        Assert.Contains("Bay 1", texts); // the name, without the sequences hidden in it
        Assert.All(texts, AssertPrintable);
        Assert.Contains(result.Objects<PrinterStatus>(), s => s.FileName == "job.gx");

        using var ps = _farm.Session.Engine.CreatePowerShell();
        var line = $"Start-PrinterJob -Address {a4} -Vendor FlashForge -FileName ";
        var completion = CommandCompletion.CompleteInput(line, line.Length, null, ps);
        Assert.Equal(new[] { "'plain.gx'" }, completion.CompletionMatches.Select(m => m.CompletionText));
    }

    [Fact]
    public void FindPrinterAddress_AsksOverTcpAtOnce_SoAHostWithoutUdpIsFoundFirst()
    {
        // .18 answers no UDP (like an Adventurer 3C); .19 answers UDP two seconds late. Asked one
        // after the other, .18 came last, after the whole UDP window.
        var result = _farm.Session.Run($"Find-Printer -Address {_farm.Address(18)}, {_farm.Address(19)} -Timeout 10");

        result.AssertNoErrors();
        Assert.Equal(new[] { _farm.Address(18), _farm.Address(19) }, result.Objects<PrinterInfo>().Select(p => p.Address));
    }

    [Fact]
    public void FindPrinterAddress_AsksTheConsoleOnce_ForBothTheTcpAttemptAndTheUdpResult()
    {
        var printer = _farm.At(_farm.Address(15));
        printer.ResetCounters();

        var found = Assert.Single(_farm.Session.Run($"Find-Printer -Address {_farm.Address(15)} -Timeout 3").Objects<PrinterInfo>());

        Assert.NotNull(found.Firmware); // from M115
        Assert.True(SpinWait.SpinUntil(() => printer.OpenConnections == 0, Guard));
        Assert.Equal(new[] { "M115" }, Codes(printer));
    }

    [Fact]
    public void FindPrinter_IgnoresALateReplyToAnEarlierSearch()
    {
        // .20 answers a second and a half late: its reply to the first search reaches the second
        // one, which probed only .31, where nothing answers.
        var listening = new System.Text.RegularExpressions.Regex(@"FlashForge discovery replies on UDP port (\d+)");
        var sameReplyPort = 0;
        for (var attempt = 0; attempt < 5 && sameReplyPort == 0; attempt++)
        {
            var result = _farm.Session.Run(
                $"Find-Printer -Address {_farm.Address(20)} -Timeout 0.3 -Verbose; Find-Printer -Address {_farm.Address(31)} -Timeout 3 -Verbose");

            Assert.Empty(result.Output);
            var ports = result.Verbose.Select(v => listening.Match(v)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(2, ports.Count);
            if (ports[0] != ports[1])
            {
                continue; // another test held the preferred port for one of the searches: the stray went elsewhere
            }
            sameReplyPort++;
            Assert.Contains(result.Verbose, v => v.Contains($"Ignored a discovery reply from {_farm.Address(20)}"));
        }
        Assert.Equal(1, sameReplyPort);
    }

    /// <summary>The commands a printer received, without their arguments.</summary>
    private static IEnumerable<string> Codes(VirtualFlashForgePrinter printer) => printer.ReceivedCommands.Select(c => c.Split(' ')[0]);

    private static void AssertPrintable(string text)
    {
        foreach (var c in text)
        {
            Assert.False((char.IsControl(c) && c != '\n') || c is '\u202e' or '\u202d' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u200e' or '\u200f',
                $"U+{(int)c:X4} in '{text.Replace("\u001b", "<ESC>")}'");
        }
    }

    /// <summary>Every string an output object holds, Raw included.</summary>
    private static IEnumerable<string> StringsOf(object? value)
    {
        switch (value)
        {
            case null:
                yield break;
            case string s:
                yield return s;
                yield break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    foreach (var text in StringsOf(entry.Key).Concat(StringsOf(entry.Value)))
                    {
                        yield return text;
                    }
                }
                yield break;
            case IEnumerable list:
                foreach (var item in list)
                {
                    foreach (var text in StringsOf(item))
                    {
                        yield return text;
                    }
                }
                yield break;
        }
        if (value.GetType().Namespace?.StartsWith("PrinterTools", StringComparison.Ordinal) != true)
        {
            yield break;
        }
        foreach (var property in value.GetType().GetProperties())
        {
            foreach (var text in StringsOf(property.GetValue(value)))
            {
                yield return text;
            }
        }
    }
}
